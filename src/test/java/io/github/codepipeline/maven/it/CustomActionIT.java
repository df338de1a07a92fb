package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.CUSTOM_FAILURE;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.CUSTOM_JOB_DETAILS;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.CUSTOM_SUCCESS;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.SUCCESS;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A custom action's job ({@code actionOwner=Custom}): every path uses {@code GetJobDetails},
 * {@code PutJobSuccessResult} and {@code PutJobFailureResult}, with no client token (one set anyway is not sent), and a
 * success carries output variables; bad input is one line, nothing is sent, and the build's own outcome stays.
 */
class CustomActionIT extends S3Support {
    private static final String INPUT_KEY = "shop-pipeline/SourceOutp/c5T6y7U";
    private static final String OUTPUT_KEY = "shop-pipeline/ImageOutp/k8L9m0N";
    private static final String TOKEN_IGNORED = "[WARNING] CodePipeline: the client token (from the environment variable"
            + " CODEPIPELINE_CLIENT_TOKEN) is ignored: a custom action's calls take no client token, so it is not sent.";

    /** A build of {@code it/<project>} with a custom action's job (owner from the environment, as a job worker passes it). */
    private MavenBuild custom(String project, String test) {
        return MavenBuild.of(project, test).env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_ACTION_OWNER", "Custom")
                .args("-Dcodepipeline.endpoint=" + endpoint.url());
    }

    private MavenBuild customGoal(String test) {
        return MavenBuild.emptyFolder(test).env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_ACTION_OWNER", "Custom")
                .args("-Dcodepipeline.endpoint=" + endpoint.url());
    }

    /** A GetJobDetails answer (a custom job: an account ID, no nonce), with artifacts in the test S3 server. */
    private static String job(String inputKey, String outputKey) {
        return "{\"jobDetails\":{\"id\":\"" + JOB_ID + "\",\"accountId\":\"123456789012\",\"data\":{"
                + "\"actionTypeId\":{\"category\":\"Build\",\"owner\":\"Custom\",\"provider\":\"ShopMaven\",\"version\":\"1\"},"
                + "\"actionConfiguration\":{\"configuration\":{\"Environment\":\"staging\"}},"
                + "\"pipelineContext\":{\"pipelineName\":\"shop-pipeline\",\"stage\":{\"name\":\"Build\"},\"action\":{\"name\":\"Maven\"}},"
                + "\"inputArtifacts\":[" + (inputKey == null ? "" : artifact("SourceOutput", inputKey)) + "],"
                + "\"outputArtifacts\":[" + (outputKey == null ? "" : artifact("ImageOutput", outputKey)) + "],"
                + "\"artifactCredentials\":{\"accessKeyId\":\"" + S3Server.ACCESS_KEY + "\",\"secretAccessKey\":\""
                + S3Server.SECRET_KEY + "\",\"sessionToken\":\"" + S3Server.SESSION_TOKEN + "\"}}}}";
    }

    private static String artifact(String name, String key) {
        return "{\"name\":\"" + name + "\",\"revision\":\"rev-" + name + "\",\"location\":{\"type\":\"S3\",\"s3Location\":"
                + "{\"bucketName\":\"" + S3Server.BUCKET + "\",\"objectKey\":\"" + key + "\"}}}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private void assertNothingSent() {
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void theAutomaticFailureReportIsPutJobFailureResultAndATokenSetAnywayIsNotSent() {
        MavenBuild.Result result = custom("compile-failure", "customFailure").env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("BUILD FAILURE", "COMPILATION ERROR").doesNotContain(TOKEN);
        assertThat(result.lines("client token")).containsExactly(TOKEN_IGNORED);
        assertThat(result.lines("CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
        List<LoggedRequest> requests = endpoint.requests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("X-Amz-Target")).isEqualTo("CodePipeline_20150709.PutJobFailureResult");
        assertThat(requests.get(0).getBodyAsString()).doesNotContain(TOKEN).doesNotContain("clientToken");
        Map<String, Object> body = endpoint.bodies(CUSTOM_FAILURE).get(0);
        assertThat(body).containsOnlyKeys("jobId", "failureDetails").containsEntry("jobId", JOB_ID);
        assertThat(map(body.get("failureDetails"))).containsEntry("type", "JobFailed");
        assertThat(FailureReportIT.message(body)).startsWith("Maven build failed in module shop-api")
                .contains("Cart.java:[5,9] cannot find symbol");
        assertThat(endpoint.refusals()).isEmpty();
    }

    @Test
    void theAutomaticSuccessCarriesTheDefaultVariables() {
        MavenBuild.Result result = custom("passing", "customSuccessDefaults")
                .args("-Dcodepipeline.reportSuccess=true", "-Dcodepipeline.job.inputRevision=abc123", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("CodePipeline: reported the success of job " + JOB_ID + " in ")).singleElement().asString()
                .endsWith(" ms with 2 output variables (PROJECT_VERSION, INPUT_REVISION).");
        Map<String, Object> body = endpoint.bodies(CUSTOM_SUCCESS).get(0);
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(body).containsOnlyKeys("jobId", "executionDetails", "outputVariables");
        assertThat(body.get("outputVariables")).isEqualTo(Map.of("PROJECT_VERSION", "1.0", "INPUT_REVISION", "abc123"));
        assertThat((String) map(body.get("executionDetails")).get("summary")).startsWith("Maven build succeeded: 1 module, 1 test");
    }

    @Test
    void theVariablesOfThePomsConfigurationGoWithTheAutomaticSuccess() {
        MavenBuild.Result result = MavenBuild.of("custom-action", "customPomVariables").env("CODEPIPELINE_JOB_ID", JOB_ID)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.reportSuccess=true", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(endpoint.bodies(CUSTOM_SUCCESS).get(0).get("outputVariables")).isEqualTo(
                Map.of("IMAGE_TAG", "2.3.1", "IMAGE_URI", "registry.example.com/shop,image:2.3.1"));
    }

    @Test
    void theReportSuccessGoalReadsTheOutputVariablesMapOfItsConfiguration() {
        MavenBuild.Result result = MavenBuild.of("custom-action", "customGoalMapVariables").env("CODEPIPELINE_JOB_ID", JOB_ID)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.summary=Image 2.3.1 pushed",
                        MavenBuild.goal("report-success"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, Object> body = endpoint.bodies(CUSTOM_SUCCESS).get(0);
        assertThat(body.get("outputVariables")).isEqualTo(
                Map.of("IMAGE_TAG", "2.3.1", "IMAGE_URI", "registry.example.com/shop,image:2.3.1"));
        assertThat(map(body.get("executionDetails"))).containsEntry("summary", "Image 2.3.1 pushed");
    }

    /** The oldest and the newest supported Maven inject the {@code <outputVariables>} map alike, goal and extension. */
    @ParameterizedTest(name = "Maven {0}")
    @ValueSource(strings = {"3.6.3", "4.0.0-rc-6"})
    void theOutputVariablesMapWorksOnEverySupportedMaven(String maven) {
        String home = System.getProperty("it.maven." + maven);
        assertThat(home).as("it.maven." + maven + ", set by the build").isNotNull();
        MavenBuild.Result goal = MavenBuild.of("custom-action", "customMapGoal-" + maven).mavenHome(home)
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .args("-V", "-Dcodepipeline.endpoint=" + endpoint.url(), MavenBuild.goal("report-success")).run();
        MavenBuild.Result automatic = MavenBuild.of("custom-action", "customMapAutomatic-" + maven).mavenHome(home)
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .args("-V", "-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.reportSuccess=true", "verify").run();

        assertThat(goal.exitCode).as(goal.toString()).isZero();
        assertThat(automatic.exitCode).as(automatic.toString()).isZero();
        assertThat(goal.log + automatic.log).contains("Apache Maven " + maven + " ");
        assertThat(endpoint.bodies(CUSTOM_SUCCESS)).hasSize(2).allSatisfy(body -> assertThat(body.get("outputVariables"))
                .isEqualTo(Map.of("IMAGE_TAG", "2.3.1", "IMAGE_URI", "registry.example.com/shop,image:2.3.1")));
    }

    @Test
    void theReportFailureGoalIsPutJobFailureResult() {
        MavenBuild.Result result = customGoal("customReportFailure")
                .args("-Dcodepipeline.message=Deploy script failed: exit code 3", "-Dcodepipeline.failureType=ConfigurationError",
                        MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.requests()).hasSize(1);
        Map<String, Object> body = endpoint.bodies(CUSTOM_FAILURE).get(0);
        assertThat(body).containsOnlyKeys("jobId", "failureDetails");
        assertThat(map(body.get("failureDetails"))).containsEntry("type", "ConfigurationError")
                .containsEntry("message", "Deploy script failed: exit code 3");
    }

    @Test
    void theReportSuccessGoalSendsTheVariablesOfThePropertyWithTheRest() {
        MavenBuild.Result result = customGoal("customReportSuccess")
                .args("-Dcodepipeline.outputVariables=IMAGE_TAG=1.4.0,NOTES=fixed a\\,b and c", "-Dcodepipeline.summary=Built",
                        "-Dcodepipeline.revision=1.4.0", "-Dcodepipeline.changeIdentifier=9fceb02",
                        MavenBuild.goal("report-success"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("reported the success of job " + JOB_ID);
        Map<String, Object> body = endpoint.bodies(CUSTOM_SUCCESS).get(0);
        assertThat(body).containsOnlyKeys("jobId", "executionDetails", "currentRevision", "outputVariables");
        assertThat(body.get("outputVariables")).isEqualTo(Map.of("IMAGE_TAG", "1.4.0", "NOTES", "fixed a,b and c"));
        assertThat(map(body.get("currentRevision"))).containsEntry("revision", "1.4.0").containsEntry("changeIdentifier", "9fceb02");
    }

    @Test
    void theJobDetailsGoalIsGetJobDetails() {
        endpoint.answer(CUSTOM_JOB_DETAILS, CodePipelineEndpoint.ok(job(INPUT_KEY, null)));
        MavenBuild.Result result = custom("job-details", "customJobDetails").args("generate-sources").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(endpoint.bodies(CUSTOM_JOB_DETAILS)).containsExactly(Map.of("jobId", JOB_ID));
        assertThat(result.log).contains("codepipeline.job.actionType.owner = Custom", "codepipeline.job.accountId = 123456789012",
                "DEPLOY TO staging FROM shop-pipeline/Build").doesNotContain(S3Server.SECRET_KEY);
    }

    @Test
    void artifactsGoThroughGetJobDetailsBothWays() throws Exception {
        endpoint.answer(CUSTOM_JOB_DETAILS, CodePipelineEndpoint.ok(job(INPUT_KEY, OUTPUT_KEY)));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("src/Cart.java"));
            out.write("class Cart {}".getBytes(StandardCharsets.UTF_8));
        }
        s3.put(INPUT_KEY, zip.toByteArray());

        MavenBuild download = customGoal("customDownload").env("AWS_ENDPOINT_URL_S3", s3.url());
        MavenBuild.Result downloaded = download.args(MavenBuild.goal("download-input")).run();
        assertThat(downloaded.exitCode).as(downloaded.toString()).isZero();
        assertThat(Files.readString(download.directory().resolve("src/Cart.java"))).isEqualTo("class Cart {}");

        MavenBuild.Result uploaded = custom("job-details", "customUpload")
                .args("-Dcodepipeline.s3Endpoint=" + s3.url(), "-Dcodepipeline.outputFiles=pom.xml", MavenBuild.goal("upload-output"))
                .run();
        assertThat(uploaded.exitCode).as(uploaded.toString()).isZero();
        assertThat(ArtifactsIT.unzip(s3.get(OUTPUT_KEY)).keySet()).containsExactly("pom.xml");
        assertThat(endpoint.requests()).hasSize(2).allSatisfy(request ->
                assertThat(request.getHeader("X-Amz-Target")).isEqualTo("CodePipeline_20150709.GetJobDetails"));
        assertThat(endpoint.bodies(CUSTOM_JOB_DETAILS)).containsOnly(Map.of("jobId", JOB_ID));
        assertThat(downloaded.log + uploaded.log).doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.SESSION_TOKEN);
    }

    @Test
    void anInterruptedBuildIsPutJobFailureResult() throws Exception {
        MavenBuild.Running running = custom("sleeping-test", "customSignal").args("verify").start();
        running.awaitLog("SLOW-TEST-STARTED", 120);

        running.signal("TERM");
        MavenBuild.Result result = running.waitFor(60);

        List<Map<String, Object>> bodies = endpoint.bodies(CUSTOM_FAILURE);
        assertThat(bodies).as(result.toString()).hasSize(1);
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(bodies.get(0)).containsOnlyKeys("jobId", "failureDetails");
        assertThat(FailureReportIT.message(bodies.get(0))).startsWith("Maven build was interrupted after ");
        assertThat(result.exitCode).isNotZero();
    }

    @Test
    void aDryRunNamesTheCustomCall() {
        MavenBuild.Result result = customGoal("customDryRun")
                .args("-Dcodepipeline.dryRun=true", "-Dcodepipeline.message=Deploy failed", MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("nothing is sent. PutJobFailureResult would be:",
                "client token:          (none: a custom action's calls take none)");
        assertNothingSent();
    }

    @Test
    void anUnknownOwnerIsOneLineAndTheFailedBuildStaysFailed() {
        MavenBuild.Result result = build("compile-failure", "customBadOwner").args("-Dcodepipeline.actionOwner=Partner", "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("BUILD FAILURE", "COMPILATION ERROR");
        assertThat(result.lines("codepipeline.actionOwner")).containsExactly("[ERROR] CodePipeline: Invalid codepipeline.actionOwner"
                + " (from -Dcodepipeline.actionOwner): is 'Partner'. Use ThirdParty (a partner action, the default) or Custom"
                + " (a custom action, owner Custom in the pipeline) (set it with -Dcodepipeline.actionOwner or"
                + " CODEPIPELINE_ACTION_OWNER). The failure was not reported to CodePipeline. The build's own result is unchanged.");
        assertNothingSent();
    }

    @Test
    void anUnknownOwnerLeavesASuccessfulBuildSuccessful() {
        MavenBuild.Result result = build("passing", "customBadOwnerSuccess")
                .env("CODEPIPELINE_ACTION_OWNER", "custom-action").args("-Dcodepipeline.reportSuccess=true", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("BUILD SUCCESS");
        assertThat(result.lines("[ERROR]")).singleElement().asString()
                .contains("Invalid codepipeline.actionOwner (from the environment variable CODEPIPELINE_ACTION_OWNER): is 'custom-action'");
        assertNothingSent();
    }

    @Test
    void aCustomJobIdThatIsNoUuidIsOneLineAndNothingIsSent() {
        MavenBuild.Result result = custom("compile-failure", "customBadJobId").env("CODEPIPELINE_JOB_ID", "job-42").args("verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("COMPILATION ERROR");
        assertThat(result.lines("CodePipeline:")).singleElement().asString().startsWith("[ERROR] CodePipeline: Invalid"
                + " codepipeline.jobId (from the environment variable CODEPIPELINE_JOB_ID): is 'job-42', which is not a custom"
                + " action's job ID: those are lower-case UUIDs");
        assertNothingSent();
    }

    @Test
    void aBadVariableNameFailsTheGoalWithOneLineAndSendsNothing() {
        MavenBuild.Result result = customGoal("customBadVariableName")
                .args("-Dcodepipeline.outputVariables=IMAGE TAG=1.4.0", MavenBuild.goal("report-success")).run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.lines("has the variable name 'IMAGE TAG', which CodePipeline refuses")).hasSize(1);
        assertNothingSent();
    }

    @Test
    void aBadVariableNameLeavesASuccessfulBuildSuccessful() {
        MavenBuild.Result result = custom("passing", "customBadVariableNameAutomatic")
                .args("-Dcodepipeline.reportSuccess=true", "-Dcodepipeline.outputVariables=image.tag=1", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("BUILD SUCCESS");
        assertThat(result.lines("[ERROR]")).singleElement().asString()
                .contains("has the variable name 'image.tag', which CodePipeline refuses", "The success was not reported");
        assertNothingSent();
    }

    @Test
    void variablesWithAContinuationTokenAreOneLineAndNothingIsSent() {
        MavenBuild.Result result = customGoal("customVariablesAndToken")
                .args("-Dcodepipeline.outputVariables=IMAGE_TAG=1.4.0", "-Dcodepipeline.continuationToken=step-2",
                        MavenBuild.goal("report-success"))
                .run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.lines("cannot go with a continuation token")).hasSize(1);
        assertNothingSent();
    }

    @Test
    void aPartnerActionsSuccessSendsNoVariablesAndSaysSo() {
        MavenBuild.Result result = MavenBuild.emptyFolder("partnerVariables").env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.outputVariables=IMAGE_TAG=1.4.0",
                        MavenBuild.goal("report-success"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[WARNING] CodePipeline: the output variables (from -Dcodepipeline.outputVariables) are not"
                + " sent: a partner action's success call, PutThirdPartyJobSuccessResult, has none.")).hasSize(1);
        assertThat(endpoint.bodies(SUCCESS)).singleElement().satisfies(body ->
                assertThat(body).containsOnlyKeys("jobId", "clientToken"));
    }
}
