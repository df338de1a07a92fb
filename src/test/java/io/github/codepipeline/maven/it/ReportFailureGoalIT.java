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
}
