package io.github.codepipeline.maven.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.it.CodePipelineEndpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCallsTest {
    private static final String TOKEN = "tok-SECRET-7f3a9c1e5b2d";

    /** Every line, prefixed with its level. */
    private final RecordingLog log = new RecordingLog();
    private final List<String> lines = log.lines;

    private static ReportSettings settings(String... properties) throws Exception {
        Map<String, String> user = new HashMap<>();
        user.put("codepipeline.jobId", "job-42");
        user.put("codepipeline.clientToken", TOKEN);
        user.put("codepipeline.region", "us-east-1");
        for (int i = 0; i < properties.length; i += 2) {
            user.put(properties[i], properties[i + 1]);
        }
        return ReportSettings.resolve(new SettingSources(null, user, null, null));
    }

    @Test
    void aDryRunWarnsPrintsWhatWouldBeSentAndNeverTheToken() throws Exception {
        new JobCalls(log, Secrets.of(TOKEN), null)
                .report(settings("codepipeline.dryRun", "true"), FailureType.JobFailed, "Compilation failed\nCart.java:[5,9]");

        assertThat(lines).first().asString().startsWith("WARN CodePipeline: The job ID from -Dcodepipeline.jobId (job-42)");
        assertThat(lines).contains("INFO   client token:          (set, not shown)", "INFO   failure type:          JobFailed",
                "INFO   | Compilation failed", "INFO   | Cart.java:[5,9]");
        assertThat(String.join("\n", lines)).doesNotContain(TOKEN);
    }

    @Test
    void aCustomActionsDryRunNamesItsCallsAndTheVariables() throws Exception {
        ReportSettings settings = settings("codepipeline.jobId", "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b",
                "codepipeline.actionOwner", "Custom", "codepipeline.dryRun", "true");
        SettingSources variables = new SettingSources(null, Map.of("codepipeline.outputVariables", "IMAGE_TAG=1.4.0"), null, null);
        JobCalls calls = new JobCalls(log, Secrets.of(TOKEN), null);
        calls.reportSuccess(settings, SuccessDetails.resolve(variables, null, settings.actionOwner(), null));
        calls.report(settings, FailureType.JobFailed, "Compilation failed");
        assertThat(calls.jobDetails(settings)).isNull();

        assertThat(lines).contains("INFO CodePipeline: dry run (codepipeline.dryRun=true): nothing is sent. PutJobSuccessResult would be:",
                "INFO   output variable:       IMAGE_TAG = 1.4.0",
                "INFO CodePipeline: dry run (codepipeline.dryRun=true): nothing is sent. PutJobFailureResult would be:",
                "INFO CodePipeline: dry run (codepipeline.dryRun=true): GetJobDetails is not called for:",
                "INFO   client token:          (none: a custom action's calls take none)");
        assertThat(lines.stream().filter(line -> line.startsWith("WARN"))).hasSize(3)
                .allSatisfy(line -> assertThat(line).contains("the client token (from -Dcodepipeline.clientToken) is ignored"));
        assertThat(String.join("\n", lines)).doesNotContain(TOKEN).doesNotContain("ThirdParty");
    }

    @Test
    void everyLineIsRedacted() {
        new RedactingLog(log, Secrets.of(TOKEN)).error("the token " + TOKEN + " leaked");

        assertThat(lines).containsExactly("ERROR the token **** leaked");
    }

    @Test
    void aFailedReportIsOneLineAndLogsNothingAboveDebug() throws Exception {
        String closed = CodePipelineEndpoint.closedUrl();
        ReportSettings settings = settings("codepipeline.endpoint", closed, "codepipeline.maxAttempts", "1",
                "codepipeline.timeout", "5");

        assertThatThrownBy(() -> new JobCalls(log, Secrets.of(TOKEN), new String[] {"AKID", "secret-key", null})
                .report(settings, FailureType.JobFailed, "failed"))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith("Could not reach " + closed + " (ConnectException: Connection refused)");
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("(WARN|DEBUG) .*"));
    }

    @Test
    void underTheJobWorkerAFailureIsHandedOverInTheResultFileAndNothingIsSent(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path directory) throws Exception {
        java.nio.file.Path file = directory.resolve("result");
        try (CodePipelineEndpoint endpoint = new CodePipelineEndpoint().acceptAll()) {
            ReportSettings settings = settings("codepipeline.endpoint", endpoint.url(), "codepipeline.externalExecutionId", "run-7");
            new JobCalls(log, Secrets.of(TOKEN), null).underWorker(file, null)
                    .report(settings, FailureType.ConfigurationError, "line 1\n\tline 2 with a \\ backslash");
            assertThat(endpoint.allRequests()).isEmpty();
        }
        assertThat(new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "codepipeline-result 2\nfailure\tjob-42\tConfigurationError\tline 1\\n\\tline 2 with a \\\\ backslash\trun-7\n");
        ResultRecord.Entry entry = ResultRecord.read(file).entries.get(0);
        assertThat(entry.field(3)).isEqualTo("line 1\n\tline 2 with a \\ backslash");
        assertThat(lines).contains("INFO CodePipeline: handed the failure of job job-42 (ConfigurationError, 33 characters) to the"
                + " job worker, which reports it.");
    }

    @Test
    void underTheJobWorkerASuccessHandsOverItsVariablesThenItsRecordAndNoTokenIsNeeded(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path directory) throws Exception {
        java.nio.file.Path file = directory.resolve("result");
        Map<String, String> user = new HashMap<>();
        user.put("codepipeline.jobId", "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b");
        user.put("codepipeline.resultFile", file.toString());
        user.put("codepipeline.summary", "Built 1.4.0");
        user.put("codepipeline.percentComplete", "50");
        user.put("codepipeline.outputVariables", "IMAGE_TAG=1.4.0,NOTE=a\tb");
        user.put("codepipeline.actionOwner", "Custom");
        SettingSources sources = new SettingSources(null, user, null, null);
        ReportSettings settings = ReportSettings.resolve(sources);
        new JobCalls(log, Secrets.none(), null).underWorker(file, null)
                .reportSuccess(settings, SuccessDetails.resolve(sources, null, settings.actionOwner(), null));
        assertThat(ResultRecord.read(file).entries).extracting(Object::toString).containsExactly(
                "variable[IMAGE_TAG, 1.4.0]", "variable[NOTE, a\tb]",
                "success[0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b, Built 1.4.0, , 50, ]");

        user.put("codepipeline.actionOwner", "ThirdParty"); // a partner job under the worker: no token in the build
        assertThat(ReportSettings.resolve(new SettingSources(null, user, null, null)).clientToken()).isNull();
    }
}
