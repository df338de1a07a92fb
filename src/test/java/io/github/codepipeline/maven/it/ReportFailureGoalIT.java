package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explicit goal, run in an empty folder as a job worker would for a step that is not a Maven build. */
class ReportFailureGoalIT extends EndpointSupport {
    @Test
    void reportsTheGivenMessageWithoutAProject() {
        MavenBuild.Result result = MavenBuild.emptyFolder("goal")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.failureType=ConfigurationError",
                        "-Dcodepipeline.message=Deployment script failed: exit code 3",
                        MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("CodePipeline: reported the failure of job " + JOB_ID).doesNotContain(TOKEN);
        Map<String, Object> body = endpoint.bodies(FAILURE).get(0);
        assertThat(body).containsEntry("jobId", JOB_ID).containsEntry("clientToken", TOKEN);
        assertThat(body.get("failureDetails").toString()).contains("ConfigurationError");
        assertThat(FailureReportIT.message(body)).isEqualTo("Deployment script failed: exit code 3");
    }

    @Test
    void failsWithOneClearLineWhenTheMessageIsMissing() {
        MavenBuild.Result result = MavenBuild.emptyFolder("goalNoMessage")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("No failure message: set -Dcodepipeline.message=");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void failsWhenTheReportCannotBeMade() {
        endpoint.answer(FAILURE, CodePipelineEndpoint.error(400, "JobNotFoundException", "Job not found"));
        MavenBuild.Result result = MavenBuild.emptyFolder("goalJobNotFound")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.message=boom",
                        MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("CodePipeline has no job " + JOB_ID, "JobNotFoundException", "request ID req-JobNotFoundException");
        assertThat(endpoint.requests()).hasSize(1);
    }

    @Test
    void dryRunNeedsNoTokenOrCredentials() {
        MavenBuild.Result result = MavenBuild.emptyFolder("goalDryRun")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null)
                .args("-Dcodepipeline.dryRun=true", "-Dcodepipeline.message=Smoke tests failed",
                        MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("job ID:                " + JOB_ID, "failure type:          JobFailed", "| Smoke tests failed");
        assertThat(endpoint.requests()).isEmpty();
    }

    /**
     * The goal cleans the message (ANSI colours, control characters, secrets), cuts it to the API's 5,000
     * characters and warns about the cut. Mutation tried: {@code ReportFailureMojo} sending the raw
     * {@code message} (the strict endpoint then refuses the 6,000 characters with ValidationException).
     */
    @Test
    void aLongMessageIsCleanedCutAndWarnedAbout() {
        String raw = "\u001B[31mDeploy failed\u001B[0m\u0007 with token " + TOKEN + "\n" + "x".repeat(6000);
        MavenBuild.Result result = MavenBuild.emptyFolder("goalLongMessage").quickJvm()
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.message=" + raw, MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[WARNING] CodePipeline: the message was cut to CodePipeline's limit of 5000 characters."))
                .as(result.toString()).hasSize(1);
        assertThat(endpoint.refusals()).isEmpty();
        String sent = FailureReportIT.message(endpoint.bodies(FAILURE).get(0));
        assertThat(sent).startsWith("Deploy failed with token ****\nxxx").hasSizeBetween(4900, 5000)
                .doesNotContain("\u001B", "\u0007", TOKEN);
    }

    /**
     * A dry run with a token, keys and a listening endpoint sends nothing and prints no ERROR. Mutation tried: no
     * {@code return} after the dry-run print in {@code JobCalls.report}.
     */
    @Test
    void dryRunWithCredentialsAndTokenSendsNothing() {
        MavenBuild.Result result = MavenBuild.emptyFolder("goalDryRunWithCredentials").quickJvm()
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.dryRun=true",
                        "-Dcodepipeline.message=Smoke tests failed", MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("CodePipeline: dry run", "| Smoke tests failed");
        assertThat(endpoint.allRequests()).isEmpty();
        assertThat(result.lines("[ERROR]")).isEmpty();
    }

    /**
     * A secret that reaches the plugin's own logger is masked: here the client token given as the job ID too (a
     * swapped pair of variables), which the settings' warning and the dry run's print both repeat. Mutation tried:
     * {@code RedactingLog} passing every line through unchanged.
     */
    @Test
    void aSecretInTheJobIdIsMaskedInEveryLine() {
        MavenBuild.Result result = MavenBuild.emptyFolder("goalSecretInLog").quickJvm()
                .env("CODEPIPELINE_JOB_ID", TOKEN)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-X", "-Dcodepipeline.dryRun=true", "-Dcodepipeline.message=Smoke tests failed",
                        MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[WARNING] CodePipeline: The job ID from the environment variable CODEPIPELINE_JOB_ID (****) does not look like"))
                .as(result.toString()).hasSize(1);
        assertThat(result.log).contains("job ID:                ****");
        assertThat(SecretsIT.withoutOtherDumps(result.log)).doesNotContain(TOKEN);
    }
}
