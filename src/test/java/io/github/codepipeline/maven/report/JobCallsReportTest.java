package io.github.codepipeline.maven.report;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.it.CodePipelineEndpoint;
import io.github.codepipeline.maven.it.MavenBuild;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JobCalls' reports against the local CodePipeline, and their dry runs: what reaches the endpoint and what is said. */
class JobCallsReportTest extends ArtifactCallsFixture {
    private JobCalls jobCalls() {
        return new JobCalls(log, Secrets.of(TOKEN), new String[] {MavenBuild.ACCESS_KEY, MavenBuild.SECRET_KEY, null});
    }

    private SettingSources with(String... properties) {
        SettingSources sources = sources(properties);
        return sources;
    }

    private static Map<String, String> user(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aFailureReportIsSentAndSaidInOneInfoLineAfterTheSourceAtDebug() throws Exception {
        endpoint.answer(FAILURE, CodePipelineEndpoint.ok("{}"));

        jobCalls().report(ReportSettings.resolve(with()), FailureType.JobFailed, "Compilation failed");

        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("DEBUG CodePipeline: reporting the failure of job " + JOB_ID + " with ");
        assertThat(lines.get(1)).isEqualTo("DEBUG CodePipeline: signing with the build's environment variables AWS_ACCESS_KEY_ID,"
                + " AWS_SECRET_ACCESS_KEY.");
        assertThat(lines.get(2)).matches("INFO CodePipeline: reported the failure of job " + JOB_ID
                + " \\(JobFailed, 18 characters\\) in \\d+ ms\\.");
    }

    @Test
    void aSuccessReportSaysWhetherItIsToBeContinued() throws Exception {
        endpoint.answer(SUCCESS, CodePipelineEndpoint.ok("{}"));
        jobCalls().reportSuccess(ReportSettings.resolve(with()), SuccessDetails.resolve(new SettingSources(null, user(), null, null), "done"));
        jobCalls().reportSuccess(ReportSettings.resolve(with()), SuccessDetails.resolve(new SettingSources(null,
                user("codepipeline.continuationToken", "step-2"), null, null), "done"));

        assertThat(endpoint.requests(SUCCESS)).hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith("INFO")).hasSize(2).satisfiesExactly(
                l -> assertThat(l).matches("INFO CodePipeline: reported the success of job " + JOB_ID + " in \\d+ ms\\."),
                l -> assertThat(l).matches("INFO CodePipeline: reported the success of job " + JOB_ID + " in \\d+ ms \\(to be continued\\)\\."));
    }

    @Test
    void aSuccessDryRunPrintsEveryFieldThatIsSetAndSendsNothing() throws Exception {
        SuccessDetails details = SuccessDetails.resolve(new SettingSources(null, user("codepipeline.summary", "done",
                "codepipeline.percentComplete", "100", "codepipeline.revision", "1.4.0", "codepipeline.changeIdentifier",
                "9fceb02", "codepipeline.revisionSummary", "Release", "codepipeline.revisionCreated", "1764065730000",
                "codepipeline.continuationToken", "step-2"), null, null), null);

        jobCalls().reportSuccess(ReportSettings.resolve(with("codepipeline.dryRun", "true",
                "codepipeline.externalExecutionId", "run-7")), details);

        assertThat(lines).containsExactly(
                "INFO CodePipeline: dry run (codepipeline.dryRun=true): nothing is sent. PutThirdPartyJobSuccessResult would be:",
                "INFO   job ID:                " + JOB_ID,
                "INFO   client token:          (set, not shown)",
                "INFO   external execution ID: run-7",
                "INFO   summary:              done",
                "INFO   percent complete:     100",
                "INFO   revision:             1.4.0",
                "INFO   change identifier:    9fceb02",
                "INFO   revision summary:     Release",
                "INFO   revision created:     " + details.revisionCreated(),
                "INFO   continuation token:   step-2");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void aJobDetailsDryRunReturnsNothingAndSaysWhatItWouldRead() throws Exception {
        assertThat(jobCalls().jobDetails(ReportSettings.resolve(new SettingSources(null, user("codepipeline.jobId", JOB_ID,
                "codepipeline.region", "us-east-1", "codepipeline.dryRun", "true"), null, null)))).isNull();

        assertThat(lines).containsExactly(
                "INFO CodePipeline: dry run (codepipeline.dryRun=true): GetThirdPartyJobDetails is not called for:",
                "INFO   job ID:                " + JOB_ID,
                "INFO   client token:          (not set: a real call would fail)");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void aFailureDryRunPrintsTheMessageLineByLine() throws Exception {
        jobCalls().report(ReportSettings.resolve(with("codepipeline.dryRun", "true")), FailureType.ConfigurationError, "a\n\nb");

        assertThat(lines).containsExactly(
                "INFO CodePipeline: dry run (codepipeline.dryRun=true): nothing is sent. PutThirdPartyJobFailureResult would be:",
                "INFO   job ID:                " + JOB_ID,
                "INFO   client token:          (set, not shown)",
                "INFO   failure type:          ConfigurationError",
                "INFO   message (4 characters):",
                "INFO   | a",
                "INFO   | ",
                "INFO   | b");
    }
}
