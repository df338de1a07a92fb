package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.JOB_DETAILS;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.SUCCESS;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rest of a partner job's life: job details at the start, success at the end. */
class JobLifeIT extends EndpointSupport {
    private static final String ARTIFACT_SECRET = "artifactSecretKey-DoNotLog-1234567890";
    private static final String ARTIFACT_SESSION = "artifactSessionToken-DoNotLog-0987654321";
    /** A configuration value, which an action type may declare secret: never in any log, -X included. */
    private static final String CONFIG_SECRET = "configSecret-DoNotLog-4242";
    private static final String JOB_DETAILS_REPLY = "{\"jobDetails\":{\"id\":\"" + JOB_ID + "\",\"nonce\":\"3\",\"data\":{"
            + "\"actionTypeId\":{\"category\":\"Build\",\"owner\":\"ThirdParty\",\"provider\":\"ShopBuilder\",\"version\":\"1\"},"
            + "\"actionConfiguration\":{\"configuration\":{\"Environment\":\"staging\",\"ProjectName\":\"shop\","
            + "\"ApiKey\":\"" + CONFIG_SECRET + "\"}},"
            + "\"pipelineContext\":{\"pipelineName\":\"shop-pipeline\",\"stage\":{\"name\":\"Build\"},"
            + "\"action\":{\"name\":\"MavenBuild\",\"actionExecutionId\":\"a1b2c3\"},"
            + "\"pipelineArn\":\"arn:aws:codepipeline:us-east-1:123456789012:shop-pipeline\","
            + "\"pipelineExecutionId\":\"11111111-2222-4333-8444-555555555555\"},"
            + "\"inputArtifacts\":[{\"name\":\"SourceOutput\",\"revision\":\"abc123\",\"location\":{\"type\":\"S3\","
            + "\"s3Location\":{\"bucketName\":\"shop-artifacts\",\"objectKey\":\"shop/SourceOutput/abc.zip\"}}}],"
            + "\"artifactCredentials\":{\"accessKeyId\":\"ASIAARTIFACTKEY00001\",\"secretAccessKey\":\"" + ARTIFACT_SECRET + "\","
            + "\"sessionToken\":\"" + ARTIFACT_SESSION + "\"},"
            + "\"continuationToken\":\"cont-1\"}}}";

    @Test
    void passingBuildReportsOneSuccessWithSummaryAndTheCiRun() {
        MavenBuild.Result result = build("passing", "reportSuccess")
                .env("BUILD_URL", "https://jenkins.example.com/job/shop/42/")
                .args("-Dcodepipeline.reportSuccess=true", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("CodePipeline: reported the success of job " + JOB_ID)).hasSize(1);
        assertThat(endpoint.requests()).hasSize(1);
        List<Map<String, Object>> bodies = endpoint.bodies(SUCCESS);
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)).containsEntry("jobId", JOB_ID).containsEntry("clientToken", TOKEN);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) bodies.get(0).get("executionDetails");
        assertThat(details).containsEntry("externalExecutionId", "https://jenkins.example.com/job/shop/42/");
        assertThat((String) details.get("summary"))// The duration as InterruptionHook.duration writes it: "7 s", "1 min 5 s" on a slow machine, "1 h 2 min".
                .matches("Maven build succeeded: 1 module, 1 test, (\\d+ s|\\d+ min \\d+ s|\\d+ h \\d+ min)");
    }

    @Test
    void failureReportsCarryTheCiRunToo() {
        MavenBuild.Result result = build("compile-failure", "failureCiRun")
                .env("GITHUB_SERVER_URL", "https://github.com").env("GITHUB_REPOSITORY", "acme/shop").env("GITHUB_RUN_ID", "987")
                .args("verify").run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(endpoint.bodies(CodePipelineEndpoint.FAILURE).get(0).get("failureDetails").toString())
                .contains("externalExecutionId=https://github.com/acme/shop/actions/runs/987");
    }

    @Test
    void explicitGoalReportsRevisionAndContinuationToken() {
        MavenBuild.Result result = MavenBuild.emptyFolder("reportSuccessGoal")
                .env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(),
                        "-Dcodepipeline.summary=Deployed shop 1.4 to staging", "-Dcodepipeline.percentComplete=50",
                        "-Dcodepipeline.revision=1.4.0", "-Dcodepipeline.changeIdentifier=9fceb02",
                        "-Dcodepipeline.revisionSummary=Release 1.4", "-Dcodepipeline.revisionCreated=2026-11-25T10:15:30Z",
                        "-Dcodepipeline.continuationToken=step-2", "-Dcodepipeline.externalExecutionId=run-7",
                        MavenBuild.goal("report-success"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, Object> body = endpoint.bodies(SUCCESS).get(0);
        assertThat(body).containsEntry("continuationToken", "step-2");
        assertThat(body.get("executionDetails").toString())
                .contains("summary=Deployed shop 1.4 to staging", "percentComplete=50", "externalExecutionId=run-7");
        assertThat(body.get("currentRevision").toString())
                .contains("revision=1.4.0", "changeIdentifier=9fceb02", "revisionSummary=Release 1.4", "created=1795601730");
        assertThat(result.log).contains("reported the success of job " + JOB_ID).doesNotContain(TOKEN);
    }

    @Test
    void explicitGoalRejectsARevisionWithoutChangeIdentifierBeforeAnyCall() {
        MavenBuild.Result result = MavenBuild.emptyFolder("reportSuccessBadRevision")
                .env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.revision=1.4.0",
                        MavenBuild.goal("report-success"))
                .run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("A current revision needs both codepipeline.revision and codepipeline.changeIdentifier");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void jobDetailsAreLoggedAndVisibleToLaterPluginsWithoutCredentials() {
        endpoint.answer(JOB_DETAILS, CodePipelineEndpoint.ok(JOB_DETAILS_REPLY));
        MavenBuild.Result result = build("job-details", "jobDetails").args("generate-sources").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.requests(JOB_DETAILS)).hasSize(1);
        assertThat(endpoint.bodies(JOB_DETAILS).get(0)).containsEntry("jobId", JOB_ID).containsEntry("clientToken", TOKEN);
        assertThat(result.log)
                .contains("CodePipeline: job " + JOB_ID + " of pipeline shop-pipeline, stage Build, action MavenBuild:")
                .contains("  codepipeline.job.config.Environment (set; the value is not logged)")
                .contains("  codepipeline.job.config.ApiKey (set; the value is not logged)")
                .doesNotContain("= staging").doesNotContain(CONFIG_SECRET)
                .contains("codepipeline.job.inputArtifact.SourceOutput.bucket = shop-artifacts")
                .contains("DEPLOY TO staging FROM shop-pipeline/Build")
                .doesNotContain(ARTIFACT_SECRET).doesNotContain(ARTIFACT_SESSION).doesNotContain("ASIAARTIFACTKEY00001")
                .doesNotContain(TOKEN);
    }

    @Test
    void configurationValuesStayOutOfTheDebugLogOfThePlugin() {
        endpoint.answer(JOB_DETAILS, CodePipelineEndpoint.ok(JOB_DETAILS_REPLY));
        // initialize: job-details alone. (maven-antrun-plugin, bound later, copies every project property into Ant and
        // prints each at -X: what a later plugin does with the properties is its own; the README says so.)
        MavenBuild.Result result = build("job-details", "jobDetailsDebug").args("-X", "initialize").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("[DEBUG]").contains("codepipeline.job.config.ApiKey (set; the value is not logged)")
                .doesNotContain(CONFIG_SECRET).doesNotContain(ARTIFACT_SECRET).doesNotContain(ARTIFACT_SESSION);
    }
}
