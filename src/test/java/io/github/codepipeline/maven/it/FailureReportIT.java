package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The automatic path: a failing build with the plugin declared as an extension reports itself. */
class FailureReportIT extends EndpointSupport {
    static final String JOB_ID = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    static final String TOKEN = "tok-SECRET-7f3a9c1e5b2d";

    @Test
    void compileFailureIsReportedOnceWithModuleAndCompilerError() {
        MavenBuild.Result result = build("compile-failure", "compileFailure").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("BUILD FAILURE", "[ERROR] Failed to execute goal", "COMPILATION ERROR");
        assertThat(result.lines("CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
        assertThat(result.log).doesNotContain(TOKEN);

        List<LoggedRequest> requests = endpoint.requests();
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("X-Amz-Target")).isEqualTo("CodePipeline_20150709.PutThirdPartyJobFailureResult");
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-amz-json-1.1");
        assertThat(request.getHeader("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + MavenBuild.ACCESS_KEY + "/")
                .contains("/us-east-1/codepipeline/aws4_request", "SignedHeaders=", "Signature=");

        Map<String, Object> body = endpoint.bodies(FAILURE).get(0);
        assertThat(body).containsEntry("jobId", JOB_ID).containsEntry("clientToken", TOKEN);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) body.get("failureDetails");
        assertThat(details).containsEntry("type", "JobFailed");
        String message = (String) details.get("message");
        assertThat(message)
                .startsWith("Maven build failed in module shop-api")
                .contains("shop-api (maven-compiler-plugin:compile): Compilation failure")
                .contains("Cart.java:[5,9] cannot find symbol")
                .contains("symbol: class Price")
                .doesNotContain("/it-work/")
                .hasSizeLessThanOrEqualTo(5000);
    }

    @Test
    void failingTestIsReportedWithTestNameAndAssertionMessage() {
        MavenBuild.Result result = build("test-failure", "testFailure").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).hasSize(1);
        String message = message(bodies.get(0));
        assertThat(message)
                .startsWith("Maven build failed in module shop-core")
                .contains("shop-core (maven-surefire-plugin:test): 1 of 2 tests failed")
                .contains("CartTest.addsNegativeNumbers:15 sum of -2 and -3 ==> expected: <-4> but was: <-5>")
                .doesNotContain("CartTest.adds:");
    }

    @Test
    void passingBuildSendsNothingAndPrintsNothing() {
        MavenBuild.Result result = build("passing", "passing").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("BUILD SUCCESS").doesNotContain("CodePipeline");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void withoutJobIdNothingIsSentAndOneInfoLineSaysSo() {
        MavenBuild.Result result = MavenBuild.of("compile-failure", "noJob")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("CodePipeline")).hasSize(1);
        assertThat(result.lines("[INFO] CodePipeline: no job ID")).hasSize(1);
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void jobIdWithoutTokenIsOneErrorLineAndTheBuildKeepsItsOwnOutcome() {
        MavenBuild.Result result = MavenBuild.of("compile-failure", "noToken")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("CodePipeline")).hasSize(1);
        assertThat(result.lines("[ERROR] CodePipeline: A CodePipeline job ID is set")).hasSize(1);
        assertThat(result.log).contains("CODEPIPELINE_CLIENT_TOKEN", "[ERROR] Failed to execute goal");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void dryRunPrintsWhatWouldBeSentAndSendsNothing() {
        MavenBuild.Result result = MavenBuild.of("compile-failure", "dryRun")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null)
                .args("-Dcodepipeline.dryRun=true", "-Dcodepipeline.endpoint=" + endpoint.url(), "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(endpoint.requests()).isEmpty();
        assertThat(result.log).contains(
                "CodePipeline: dry run",
                "job ID:                " + JOB_ID,
                "failure type:          JobFailed",
                "| Maven build failed in module shop-api",
                "| shop-api (maven-compiler-plugin:compile): Compilation failure",
                "Cart.java:[5,9] cannot find symbol");
    }

    @Test
    void settingsInThePluginConfigurationWinOverTheEnvironment() {
        MavenBuild build = build("compile-failure", "configuration");
        String otherJob = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
        // -D beats the environment; the failure type from -D overrides the derived one.
        MavenBuild.Result result = build.args("-Dcodepipeline.jobId=" + otherJob, "-Dcodepipeline.failureType=SystemUnavailable",
                "-Dcodepipeline.externalExecutionId=build-42", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        Map<String, Object> body = endpoint.bodies(FAILURE).get(0);
        assertThat(body).containsEntry("jobId", otherJob);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) body.get("failureDetails");
        assertThat(details).containsEntry("type", "SystemUnavailable").containsEntry("externalExecutionId", "build-42");
    }

    /**
     * The endpoint checks the signature with the secret key it knows: a build signing with another key gets AWS's
     * answer, and the build says so in one line.
     */
    @Test
    void aWrongSecretKeyIsRefusedAndSaidSo() {
        String wrongKey = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYWRONGKEY00";
        MavenBuild.Result result = build("compile-failure", "wrongSecretKey").quickJvm()
                .env("AWS_SECRET_ACCESS_KEY", wrongKey).args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[ERROR] CodePipeline: AWS rejected the credentials (InvalidSignatureException"))
                .as(result.toString()).hasSize(1);
        assertThat(endpoint.refusals()).singleElement().asString().startsWith("InvalidSignatureException:");
        assertThat(result.log).doesNotContain(wrongKey);
    }

    /**
     * A dry run with everything a real call needs (job, token, keys, a listening endpoint) still sends nothing and
     * says nothing at ERROR. Mutation tried: no {@code return} after the dry-run print in {@code JobCalls.report}
     * (the report then reaches this endpoint).
     */
    @Test
    void dryRunWithCredentialsAndTokenSendsNothing() {
        MavenBuild.Result result = build("compile-failure", "dryRunWithCredentials").args("-Dcodepipeline.dryRun=true", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("CodePipeline: dry run", "job ID:                " + JOB_ID);
        assertThat(endpoint.allRequests()).isEmpty();
        assertThat(result.lines("CodePipeline")).noneMatch(line -> line.startsWith("[ERROR]") || line.startsWith("[WARNING]"));
    }

    /**
     * The automatic path reads the plugin's {@code <configuration>} and the pom's {@code <properties>}
     * ({@code it/configured}), in the README's order: {@code <configuration>} beats {@code -D} and the pom's
     * properties, which beat the environment. Mutation tried: {@code MavenSettingSources.forSession} passing
     * {@code null} for the configuration and for the project's properties.
     */
    @Test
    void configurationAndPomPropertiesTakeTheirPlaceInTheOrder() {
        MavenBuild.Result result = build("configured", "configured")
                .env("CODEPIPELINE_EXTERNAL_EXECUTION_ID", "from-the-environment")
                .args("-Dcodepipeline.failureType=SystemUnavailable", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) endpoint.bodies(FAILURE).get(0).get("failureDetails");
        assertThat(details).containsEntry("type", "PermissionError")
                .containsEntry("externalExecutionId", "from-the-pom-properties");
    }

    @SuppressWarnings("unchecked")
    static String message(Map<String, Object> body) {
        return (String) ((Map<String, Object>) body.get("failureDetails")).get("message");
    }
}
