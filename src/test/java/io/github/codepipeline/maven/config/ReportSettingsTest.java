package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation by the service model's rules, before any call; each error names the setting and the fix. */
class ReportSettingsTest {
    static final String JOB_ID = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    static final String TOKEN = "tok-SECRET-7f3a9c1e5b2d";

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    ReportSettingsTest() {
        environment.put("CODEPIPELINE_JOB_ID", JOB_ID);
        environment.put("CODEPIPELINE_CLIENT_TOKEN", TOKEN);
    }

    private ReportSettings resolve() throws InvalidSettingException {
        return ReportSettings.resolve(new SettingSources(null, properties, null, environment));
    }

    private String error() {
        try {
            resolve();
        } catch (InvalidSettingException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }

    @Test
    void defaults() throws Exception {
        ReportSettings settings = resolve();

        assertThat(settings.jobId()).isEqualTo(JOB_ID);
        assertThat(settings.clientToken()).isEqualTo(TOKEN);
        assertThat(settings.timeoutSeconds()).isEqualTo(60);
        assertThat(settings.maxAttempts()).isEqualTo(5);
        assertThat(settings.failOnReportError()).isFalse();
        assertThat(settings.warnings()).isEmpty();
        assertThat(settings.proxies().select("codepipeline.us-east-1.amazonaws.com")).isNull();
    }

    @Test
    void withoutAJobThereIsNothingToReportAndNothingIsRequired() throws Exception {
        environment.clear();

        ReportSettings settings = resolve();

        assertThat(settings.hasJob()).isFalse();
    }

    @Test
    void jobIdOfMoreThan512CharactersNamesTheSettingAndTheFix() {
        properties.put("codepipeline.jobId", repeat('a', 513));

        assertThat(error()).isEqualTo("Invalid codepipeline.jobId (from -Dcodepipeline.jobId): has 513 characters;"
                + " CodePipeline job IDs have at most 512. Pass the job ID the job worker received with the job"
                + " (set it with -Dcodepipeline.jobId or CODEPIPELINE_JOB_ID).");
    }

    @Test
    void jobIdWithWhitespaceIsAnError() {
        environment.put("CODEPIPELINE_JOB_ID", JOB_ID + " x");

        assertThat(error()).startsWith("Invalid codepipeline.jobId (from the environment variable CODEPIPELINE_JOB_ID):"
                + " contains whitespace.");
    }

    @Test
    void jobIdThatIsNotAUuidIsAWarningOnly() throws Exception {
        properties.put("codepipeline.jobId", repeat('j', 512));

        ReportSettings settings = resolve();

        assertThat(settings.jobId()).hasSize(512);
        assertThat(settings.warnings()).singleElement().asString().contains("does not look like a CodePipeline job ID",
                "reporting anyway");
    }

    @Test
    void clientTokenOfMoreThan256CharactersIsAnErrorThatNeverShowsTheToken() throws Exception {
        String token = "secret-" + repeat('t', 249);
        environment.put("CODEPIPELINE_CLIENT_TOKEN", token);
        assertThat(resolve().clientToken()).hasSize(256);

        environment.put("CODEPIPELINE_CLIENT_TOKEN", token + "t");
        assertThat(error()).startsWith("Invalid codepipeline.clientToken (from the environment variable"
                + " CODEPIPELINE_CLIENT_TOKEN): has 257 characters; CodePipeline client tokens have at most 256.")
                .endsWith("(set it with -Dcodepipeline.clientToken or CODEPIPELINE_CLIENT_TOKEN).")
                .doesNotContain("secret-");
    }

    @Test
    void jobIdWithoutClientTokenIsAnErrorExceptInADryRun() throws Exception {
        environment.remove("CODEPIPELINE_CLIENT_TOKEN");
        assertThat(error()).contains("no client token", "CODEPIPELINE_CLIENT_TOKEN", "-Dcodepipeline.clientToken");

        properties.put("codepipeline.dryRun", "true");
        assertThat(resolve().dryRun()).isTrue();
    }

    @Test
    void failureTypeMustBeOneOfTheSixAndTheErrorListsThem() throws Exception {
        properties.put("codepipeline.failureType", "system_unavailable");
        assertThat(resolve().failureType()).isEqualTo(FailureType.SystemUnavailable);

        properties.put("codepipeline.failureType", "Broken");
        assertThat(error()).isEqualTo("Invalid codepipeline.failureType (from -Dcodepipeline.failureType): is 'Broken'."
                + " Use one of: JobFailed, ConfigurationError, PermissionError, RevisionOutOfSync, RevisionUnavailable,"
                + " SystemUnavailable (set it with -Dcodepipeline.failureType).");
    }

    @Test
    void externalExecutionIdHasAtMost1500Characters() throws Exception {
        environment.put("CODEPIPELINE_EXTERNAL_EXECUTION_ID", repeat('x', 1500));
        assertThat(resolve().externalExecutionId()).hasSize(1500);

        environment.put("CODEPIPELINE_EXTERNAL_EXECUTION_ID", repeat('x', 1501));
        assertThat(error()).startsWith("Invalid codepipeline.externalExecutionId (from the environment variable"
                + " CODEPIPELINE_EXTERNAL_EXECUTION_ID): has 1501 characters; CodePipeline accepts at most 1500.")
                .contains("CODEPIPELINE_EXTERNAL_EXECUTION_ID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "localhost:8080", "http://", "not a url", "https://user:pw@example.com"})
    void endpointMustBeAnHttpUrl(String endpoint) {
        properties.put("codepipeline.endpoint", endpoint);

        assertThat(error()).startsWith("Invalid codepipeline.endpoint (from -Dcodepipeline.endpoint): ")
                .contains("Use an http(s) URL such as https://codepipeline.us-east-1.amazonaws.com")
                .endsWith("(set it with -Dcodepipeline.endpoint or AWS_ENDPOINT_URL_CODEPIPELINE or AWS_ENDPOINT_URL).")
                .doesNotContain(":pw@");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "US-WEST-2", "eu-central-2", "us-gov-west-1", "cn-northwest-1", "ap-southeast-7",
            "us-isob-east-1", "il-central-1"})
    void plausibleRegionsAreAccepted(String region) throws Exception {
        environment.put("AWS_REGION", region);

        assertThat(resolve().region()).isEqualTo(region.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"useast1", "us-east", "Frankfurt", "us-east-1a", "us_east_1"})
    void implausibleRegionsAreErrors(String region) {
        environment.put("AWS_DEFAULT_REGION", region);

        assertThat(error()).startsWith("Invalid codepipeline.region (from the environment variable AWS_DEFAULT_REGION): is '"
                + region + "', which is not an AWS region name.")
                .endsWith("(set it with -Dcodepipeline.region or AWS_REGION or AWS_DEFAULT_REGION).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "3601", "ten", "1.5"})
    void timeoutIsAWholeNumberOfSecondsUpToAnHour(String timeout) {
        properties.put("codepipeline.timeout", timeout);

        assertThat(error()).isEqualTo("Invalid codepipeline.timeout (from -Dcodepipeline.timeout): is '" + timeout
                + "'. Use a whole number from 1 to 3600 (set it with -Dcodepipeline.timeout).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "21", "many"})
    void maxAttemptsIsFrom1To20(String attempts) {
        properties.put("codepipeline.maxAttempts", attempts);

        assertThat(error()).isEqualTo("Invalid codepipeline.maxAttempts (from -Dcodepipeline.maxAttempts): is '" + attempts
                + "'. Use a whole number from 1 to 20 (set it with -Dcodepipeline.maxAttempts).");
    }

    @Test
    void failOnReportErrorIsTrueOrFalse() throws Exception {
        properties.put("codepipeline.failOnReportError", "TRUE");
        assertThat(resolve().failOnReportError()).isTrue();

        properties.put("codepipeline.failOnReportError", "yes");
        assertThat(error()).startsWith("Invalid codepipeline.failOnReportError (from -Dcodepipeline.failOnReportError):"
                + " is 'yes'. Use true or false");
    }

    @Test
    void toStringNeverShowsTheTokenOrAProxyPassword() throws Exception {
        ReportSettings settings = ReportSettings.resolve(new SettingSources(null, properties, null, environment)
                .withNetwork(null, Collections.singletonList(ProxyServer.fromMavenSettings("corp", "https", "proxy.corp",
                        3128, "builder", "proxy-secret-99", null))));

        assertThat(settings.toString()).contains("clientToken=(hidden)", "proxy.corp:3128 with credentials")
                .doesNotContain(TOKEN, "proxy-secret-99");
    }
}
