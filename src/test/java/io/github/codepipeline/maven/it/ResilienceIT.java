package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.error;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.ok;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reporting against an endpoint that fails, slowly or not at all: retries within bounds, one clear line per error,
 * and a failed report never makes the build worse.
 */
class ResilienceIT extends EndpointSupport {
    private static final String NO_JOB_LINE = "[ERROR] CodePipeline: CodePipeline has no job " + JOB_ID
            + " in region us-east-1 (JobNotFoundException, request ID req-JobNotFoundException): check the job ID"
            + " (-Dcodepipeline.jobId or CODEPIPELINE_JOB_ID) and the region (-Dcodepipeline.region or AWS_REGION or"
            + " AWS_DEFAULT_REGION), and that the job is a partner action's (codepipeline.actionOwner=ThirdParty).";

    private MavenBuild failingBuild(String test) {
        return build("compile-failure", test).quickJvm();
    }

    private MavenBuild goal(String test) {
        return MavenBuild.emptyFolder(test).quickJvm()
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.message=Deployment failed");
    }

    @Test
    void retriesUnavailableThrottledAndServerErrorsThenReports() {
        endpoint.answerInTurn(FAILURE,
                error(503, "ServiceUnavailableException", "Service unavailable"),
                error(400, "ThrottlingException", "Rate exceeded"),
                error(500, "InternalFailure", "Internal failure"),
                ok("{}"));

        MavenBuild.Result result = failingBuild("retries").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("CodePipeline")).as(result.toString()).singleElement().asString()
                .startsWith("[INFO] CodePipeline: reported the failure of job " + JOB_ID);
        assertThat(endpoint.requests(FAILURE)).extracting(r -> r.getHeader("amz-sdk-request"))
                .containsExactly("attempt=1; max=5", "attempt=2; max=5", "attempt=3; max=5", "attempt=4; max=5");
    }

    @Test
    void jobNotFoundIsOneAttemptAndOneLineAndTheBuildIsOtherwiseExactlyAsItWas() {
        endpoint.answer(FAILURE, error(400, "JobNotFoundException", "Job not found"));
        MavenBuild baselineBuild = failingBuild("jobNotFoundBaseline");
        MavenBuild.Result baseline = baselineBuild.args("-Dcodepipeline.skip=true", "verify").run();
        MavenBuild build = failingBuild("jobNotFound");

        MavenBuild.Result result = build.args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(baseline.exitCode).isEqualTo(1);
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(result.lines("CodePipeline")).containsExactly(NO_JOB_LINE + " The build's own result is unchanged.");
        assertThat(result.log).doesNotContain("\tat ");
        assertThat(normalized(result, build)).isEqualTo(normalized(baseline, baselineBuild));
    }

    /** The log without the plugin's lines, the project's folder and the timings. */
    private static List<String> normalized(MavenBuild.Result result, MavenBuild build) {
        List<String> lines = new ArrayList<>();
        for (String line : result.log.split("\n")) {
            if (!line.contains("CodePipeline:")) {
                lines.add(line.replace(build.directory().toString(), "<project>")
                        .replaceAll("Total time: .*|Finished at: .*", "<time>"));
            }
        }
        return lines;
    }

    @Test
    void aJobThatAlreadyHasAResultIsOneWarningAndTheBuildKeepsItsExitCode() {
        endpoint.answer(FAILURE, error(400, "InvalidJobStateException", "Job is in state Succeeded"));

        MavenBuild.Result result = failingBuild("invalidJobState").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("CodePipeline")).containsExactly("[WARNING] CodePipeline: Job " + JOB_ID
                + " already has a result, so CodePipeline did not take this one (InvalidJobStateException, request ID"
                + " req-InvalidJobStateException).");
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
    }

    @Test
    void anEndpointThatNeverAnswersHoldsTheBuildNoLongerThanTheTimeout() {
        try (SilentEndpoint silent = new SilentEndpoint()) {
            MavenBuild.Result result = build("compile-failure", "neverAnswers", silent.url()).quickJvm()
                    .args("-Dcodepipeline.timeout=3", "verify").run();
            long reportAndExitMillis = (System.nanoTime() - silent.firstConnectionNanos()) / 1_000_000;

            assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
            assertThat(result.lines("CodePipeline")).containsExactly("[ERROR] CodePipeline: No answer from " + silent.url()
                    + " within 3 s (codepipeline.timeout); the report was not made. The build's own result is unchanged.");
            // From the report's first connection to the end of the process: the 3 s limit, then Maven's own exit.
            assertThat(reportAndExitMillis).isBetween(2_500L, 8_000L);
            assertThat(result.log).contains("[ERROR] Failed to execute goal", "COMPILATION ERROR");
        }
    }

    @Test
    void failOnReportErrorMakesAFailedReportOneOfTheBuildsErrors() {
        endpoint.answer(FAILURE, error(400, "JobNotFoundException", "Job not found"));

        MavenBuild.Result result = failingBuild("failOnReportError")
                .args("-Dcodepipeline.failOnReportError=true", "verify").run();

        // Maven lists the participant's MavenExecutionException after the build's own errors; the build failed already.
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("CodePipeline")).containsExactly(NO_JOB_LINE + " -> [Help 2]");
        assertThat(result.log).contains("[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin",
                "[Help 2] http://cwiki.apache.org/confluence/display/MAVEN/MavenExecutionException");
    }

    @Test
    void theGoalTreatsAJobThatAlreadyHasAResultAsAWarning() {
        endpoint.answer(FAILURE, error(400, "InvalidJobStateException", "Job is in state Failed"));

        MavenBuild.Result result = goal("goalInvalidJobState").args(MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[WARNING] CodePipeline: Job " + JOB_ID + " already has a result")).hasSize(1);
    }

    @Test
    void missingCredentialsAreOneLineAndNoCall() {
        MavenBuild.Result result = goal("noCredentials").env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null)
                .args(MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[ERROR] Failed to execute goal")).singleElement().asString()
                .endsWith(": No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile with"
                        + " -Dcodepipeline.profile or AWS_PROFILE, or run where the default credential chain finds some."
                        + " -> [Help 1]");
        assertThat(result.log).doesNotContain("\tat ");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void missingRegionIsOneLineAndNoCall() {
        MavenBuild.Result result = goal("noRegion").env("AWS_REGION", null).args(MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[ERROR] Failed to execute goal")).singleElement().asString()
                .endsWith(": No AWS region: set -Dcodepipeline.region or AWS_REGION or AWS_DEFAULT_REGION to the pipeline's"
                        + " region (for example us-east-1). -> [Help 1]");
        assertThat(endpoint.requests()).isEmpty();
    }
}
