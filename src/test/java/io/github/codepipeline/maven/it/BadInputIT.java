package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validated setting, given a bad value: no call is made, and the error is one line that names the setting
 * (property and environment variable) and the fix, without a stack trace.
 */
class BadInputIT extends EndpointSupport {
    /** A bad value given as {@code -D} properties and environment variables, and the end of the error it causes. */
    record BadValue(String name, Map<String, String> properties, Map<String, String> environment, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadValue> badValues() {
        return Stream.of(
                new BadValue("jobIdTooLong", Map.of("codepipeline.jobId", "j".repeat(513)), Map.of(),
                        "Invalid codepipeline.jobId (from -Dcodepipeline.jobId): has 513 characters; CodePipeline job IDs"
                                + " have at most 512. Pass the job ID the job worker received with the job (set it with"
                                + " -Dcodepipeline.jobId or CODEPIPELINE_JOB_ID)."),
                new BadValue("jobIdWithWhitespace", Map.of(), Map.of("CODEPIPELINE_JOB_ID", JOB_ID + " copy"),
                        "Invalid codepipeline.jobId (from the environment variable CODEPIPELINE_JOB_ID): contains"
                                + " whitespace. Pass the job ID exactly as the job worker received it (set it with"
                                + " -Dcodepipeline.jobId or CODEPIPELINE_JOB_ID)."),
                new BadValue("clientTokenTooLong", Map.of(), Map.of("CODEPIPELINE_CLIENT_TOKEN", "t".repeat(257)),
                        "Invalid codepipeline.clientToken (from the environment variable CODEPIPELINE_CLIENT_TOKEN): has"
                                + " 257 characters; CodePipeline client tokens have at most 256. Pass the clientToken the"
                                + " job worker received with the job (set it with -Dcodepipeline.clientToken or"
                                + " CODEPIPELINE_CLIENT_TOKEN)."),
                new BadValue("failureType", Map.of("codepipeline.failureType", "Broken"), Map.of(),
                        "Invalid codepipeline.failureType (from -Dcodepipeline.failureType): is 'Broken'. Use one of:"
                                + " JobFailed, ConfigurationError, PermissionError, RevisionOutOfSync, RevisionUnavailable,"
                                + " SystemUnavailable (set it with -Dcodepipeline.failureType)."),
                new BadValue("externalExecutionIdTooLong", Map.of(),
                        Map.of("CODEPIPELINE_EXTERNAL_EXECUTION_ID", "x".repeat(1501)),
                        "Invalid codepipeline.externalExecutionId (from the environment variable"
                                + " CODEPIPELINE_EXTERNAL_EXECUTION_ID): has 1501 characters; CodePipeline accepts at most"
                                + " 1500. Use a shorter identifier of the CI run, such as its URL or build number (set it"
                                + " with -Dcodepipeline.externalExecutionId or CODEPIPELINE_EXTERNAL_EXECUTION_ID)."),
                new BadValue("endpoint", Map.of("codepipeline.endpoint", "ftp://codepipeline.example.com"), Map.of(),
                        "Invalid codepipeline.endpoint (from -Dcodepipeline.endpoint): is 'ftp://codepipeline.example.com',"
                                + " which is not an http or https URL. Use an http(s) URL such as"
                                + " https://codepipeline.us-east-1.amazonaws.com, or unset it to use AWS's regional endpoint"
                                + " (set it with -Dcodepipeline.endpoint or AWS_ENDPOINT_URL_CODEPIPELINE or"
                                + " AWS_ENDPOINT_URL)."),
                new BadValue("region", Map.of(), Map.of("AWS_REGION", "Frankfurt"),
                        "Invalid codepipeline.region (from the environment variable AWS_REGION): is 'Frankfurt', which is"
                                + " not an AWS region name. Use the region of the pipeline, such as us-east-1 or eu-west-1"
                                + " (set it with -Dcodepipeline.region or AWS_REGION or AWS_DEFAULT_REGION)."),
                new BadValue("timeout", Map.of("codepipeline.timeout", "0"), Map.of(),
                        "Invalid codepipeline.timeout (from -Dcodepipeline.timeout): is '0'. Use a whole number from 1 to"
                                + " 3600 (set it with -Dcodepipeline.timeout)."),
                new BadValue("maxAttempts", Map.of("codepipeline.maxAttempts", "50"), Map.of(),
                        "Invalid codepipeline.maxAttempts (from -Dcodepipeline.maxAttempts): is '50'. Use a whole number"
                                + " from 1 to 20 (set it with -Dcodepipeline.maxAttempts)."),
                new BadValue("proxyVariable", Map.of(), Map.of("HTTP_PROXY", "https://proxy.example.com:3128"),
                        "The environment variable HTTP_PROXY names a https:// proxy; only proxies spoken to in plain HTTP"
                                + " are supported (they still carry https requests encrypted end to end). Set it to the"
                                + " proxy's URL, such as http://proxy.example.com:3128 (or http://user:password@host:port),"
                                + " or unset it to connect directly."),
                new BadValue("proxyPort", Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort", "proxy"), Map.of(),
                        "Invalid http.proxyPort (from -Dhttp.proxyPort): is 'proxy'. Use the proxy's port, a number from"
                                + " 1 to 65535, or remove it to use port 80."));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void theGoalFailsWithOneLineAndMakesNoCall(BadValue bad) {
        MavenBuild build = MavenBuild.emptyFolder("badInput-" + bad.name()).quickJvm()
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.message=Deployment failed");
        bad.environment().forEach(build::env);
        bad.properties().forEach((name, value) -> build.args("-D" + name + "=" + value));

        MavenBuild.Result result = build.args(MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[ERROR] Failed to execute goal")).as(result.toString()).singleElement().asString()
                .endsWith(": " + bad.error() + " -> [Help 1]");
        assertThat(result.log).doesNotContain("\tat ", "Caused by");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void aJobIdThatIsNotAUuidIsAWarningAndTheReportIsMade() {
        MavenBuild.Result result = MavenBuild.emptyFolder("badInput-jobIdShape").quickJvm()
                .env("CODEPIPELINE_JOB_ID", "job-42")
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.message=Deployment failed",
                        MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[WARNING] CodePipeline: The job ID from the environment variable CODEPIPELINE_JOB_ID"
                + " (job-42) does not look like a CodePipeline job ID")).hasSize(1);
        assertThat(endpoint.bodies(FAILURE)).singleElement().satisfies(body -> assertThat(body).containsEntry("jobId", "job-42"));
    }

    @Test
    void aFailedBuildWithABadSettingKeepsItsOutcomeAndSaysWhyItWasNotReported() {
        MavenBuild.Result result = MavenBuild.of("compile-failure", "badInput-automatic").quickJvm()
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .env("AWS_REGION", "Frankfurt")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("CodePipeline")).containsExactly("[ERROR] CodePipeline: Invalid codepipeline.region (from the"
                + " environment variable AWS_REGION): is 'Frankfurt', which is not an AWS region name. Use the region of"
                + " the pipeline, such as us-east-1 or eu-west-1 (set it with -Dcodepipeline.region or AWS_REGION or"
                + " AWS_DEFAULT_REGION). The failure was not reported to CodePipeline. The build's own result is unchanged.");
        assertThat(result.log).contains("[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin")
                .doesNotContain("\tat ");
        assertThat(endpoint.requests()).isEmpty();
    }
}
