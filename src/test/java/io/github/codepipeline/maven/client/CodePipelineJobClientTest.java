package io.github.codepipeline.maven.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.error;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ProxyServer;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.it.CodePipelineEndpoint;
import io.github.codepipeline.maven.it.ForwardProxy;
import io.github.codepipeline.maven.it.SilentEndpoint;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK client against a local CodePipeline: retries, time limits, and one clear line per error. */
class CodePipelineJobClientTest {
    static final String JOB_ID = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    static final String TOKEN = "tok-SECRET-7f3a9c1e5b2d";
    static final String[] KEYS = {"AKIDEXAMPLEKEY000001", "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY", null};

    private CodePipelineEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = new CodePipelineEndpoint();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    static ReportSettings settings(String url, String... properties) throws InvalidSettingException {
        return settings(url, Collections.emptyList(), properties);
    }

    static ReportSettings settings(String url, List<ProxyServer> proxies, String... properties)
            throws InvalidSettingException {
        Map<String, String> user = new HashMap<>();
        user.put("codepipeline.jobId", JOB_ID);
        user.put("codepipeline.clientToken", TOKEN);
        user.put("codepipeline.region", "us-east-1");
        user.put("codepipeline.endpoint", url);
        user.put("codepipeline.timeout", "20");
        for (int i = 0; i < properties.length; i += 2) {
            user.put(properties[i], properties[i + 1]);
        }
        return ReportSettings.resolve(new SettingSources(null, user, null, null).withNetwork(null, proxies));
    }

    private void report(ReportSettings settings) throws ReportException {
        try (CodePipelineJobClient client = CodePipelineJobClient.create(settings, Secrets.of(TOKEN), KEYS)) {
            client.putFailure(FailureType.JobFailed, "Maven build failed", null);
        }
    }

    private ReportException failure(ReportSettings settings) {
        try {
            report(settings);
        } catch (ReportException e) {
            return e;
        }
        throw new AssertionError("the report did not fail");
    }

    @Test
    void retriesUnavailableThrottledAndServerErrorsWithBackoffThenReports() throws Exception {
        endpoint.answerInTurn(FAILURE,
                error(503, "ServiceUnavailableException", "Service unavailable"),
                error(400, "ThrottlingException", "Rate exceeded"),
                error(500, "InternalFailure", "Internal failure"),
                ok("{}"));

        long start = System.nanoTime();
        report(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).hasSize(4);
        assertThat(endpoint.requests(FAILURE)).extracting(r -> r.getHeader("amz-sdk-request"))
                .containsExactly("attempt=1; max=5", "attempt=2; max=5", "attempt=3; max=5", "attempt=4; max=5");
        // Full jitter: each wait is random up to 0.1 s, then 2 s after throttling, then 0.4 s.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
    }

    @Test
    void retriesConnectionResetsAndEmptyAnswers() throws Exception {
        endpoint.answerInTurn(FAILURE,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.EMPTY_RESPONSE),
                ok("{}"));

        report(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).extracting(r -> r.getHeader("amz-sdk-request"))
                .containsExactly("attempt=1; max=5", "attempt=2; max=5", "attempt=3; max=5");
    }

    @Test
    void stopsAfterMaxAttemptsWithTheLastAnswer() throws Exception {
        endpoint.answer(FAILURE, error(500, "InternalFailure", "Internal failure"));

        ReportException e = failure(settings(endpoint.url(), "codepipeline.maxAttempts", "3"));

        assertThat(endpoint.requests(FAILURE)).hasSize(3);
        assertThat(e.getMessage()).isEqualTo("CodePipeline answered PutThirdPartyJobFailureResult with HTTP 500"
                + " (InternalFailure, request ID req-InternalFailure) from " + endpoint.url() + ": Internal failure");
    }

    @Test
    void throttlingThroughEveryAttemptSaysSo() throws Exception {
        endpoint.answer(FAILURE, error(400, "ThrottlingException", "Rate exceeded"));

        ReportException e = failure(settings(endpoint.url(), "codepipeline.maxAttempts", "2"));

        assertThat(endpoint.requests(FAILURE)).hasSize(2);
        assertThat(e.getMessage()).startsWith("CodePipeline kept throttling PutThirdPartyJobFailureResult"
                + " (ThrottlingException, request ID req-ThrottlingException) through 2 attempts;")
                .contains("codepipeline.maxAttempts");
    }

    @Test
    void jobNotFoundIsOneAttemptAndNamesTheJobRegionAndRequest() throws Exception {
        endpoint.answer(FAILURE, error(400, "JobNotFoundException", "No job"));

        ReportException e = failure(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(e.isWarning()).isFalse();
        assertThat(e.getMessage()).isEqualTo("CodePipeline has no job " + JOB_ID + " in region us-east-1"
                + " (JobNotFoundException, request ID req-JobNotFoundException): check the job ID"
                + " (-Dcodepipeline.jobId or CODEPIPELINE_JOB_ID) and the region"
                + " (-Dcodepipeline.region or AWS_REGION or AWS_DEFAULT_REGION), and that the job is a partner action's"
                + " (codepipeline.actionOwner=ThirdParty).");
    }

    @Test
    void jobThatAlreadyHasAResultIsAWarning() throws Exception {
        endpoint.answer(FAILURE, error(400, "InvalidJobStateException", "Job is in state Succeeded"));

        ReportException e = failure(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(e.isWarning()).isTrue();
        assertThat(e.getMessage()).contains(JOB_ID, "already has a result",
                "InvalidJobStateException, request ID req-InvalidJobStateException");
    }

    @Test
    void wrongClientTokenIsOneAttemptAndNeverShowsTheToken() throws Exception {
        endpoint.answer(FAILURE, error(400, "InvalidClientTokenException", "The client token " + TOKEN + " is invalid"));

        ReportException e = failure(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(e.getMessage()).contains("InvalidClientTokenException, request ID req-InvalidClientTokenException",
                "CODEPIPELINE_CLIENT_TOKEN").doesNotContain(TOKEN);
    }

    @Test
    void validationErrorSaysWhatWasInvalid() throws Exception {
        endpoint.answer(FAILURE, error(400, "ValidationException",
                "1 validation error detected: Value at 'jobId' failed to satisfy constraint"));

        ReportException e = failure(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(e.getMessage()).isEqualTo("CodePipeline rejected PutThirdPartyJobFailureResult as invalid"
                + " (ValidationException, request ID req-ValidationException): 1 validation error detected:"
                + " Value at 'jobId' failed to satisfy constraint");
    }

    @Test
    void rejectedCredentialsAreOneAttemptAndSaySo() throws Exception {
        endpoint.answer(FAILURE, error(400, "UnrecognizedClientException", "The security token included in the request is invalid."));

        ReportException e = failure(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(e.getMessage()).startsWith("AWS rejected the credentials (UnrecognizedClientException,"
                + " request ID req-UnrecognizedClientException): The security token included in the request is invalid.")
                .contains("AWS_ACCESS_KEY_ID");
    }

    @Test
    void badSignatureIsRejectedCredentials() throws Exception {
        endpoint.answer(FAILURE, error(400, "InvalidSignatureException", "The request signature we calculated does not match"));

        ReportException e = failure(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(e.getMessage()).startsWith("AWS rejected the credentials (InvalidSignatureException")
                .contains("): The request signature we calculated does not match. Check AWS_ACCESS_KEY_ID/");
    }

    @Test
    void missingPermissionNamesIt() throws Exception {
        endpoint.answer(FAILURE, error(400, "AccessDeniedException", "User is not authorized"));

        ReportException e = failure(settings(endpoint.url()));

        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(e.getMessage()).contains("AccessDeniedException", "codepipeline:PutThirdPartyJobFailureResult");
    }

    @Test
    void anEndpointThatNeverAnswersIsBoundedByTheTimeout() throws Exception {
        try (SilentEndpoint silent = new SilentEndpoint()) {
            long start = System.nanoTime();
            ReportException e = failure(settings(silent.url(), "codepipeline.timeout", "2"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(millis).isBetween(1_900L, 3_500L);
            assertThat(e.getMessage()).isEqualTo("No answer from " + silent.url()
                    + " within 2 s (codepipeline.timeout); the report was not made.");
        }
    }

    @Test
    void anUnreachableEndpointIsRetriedThenSaysSo() throws Exception {
        String closedPort = endpoint.url();
        endpoint.close();

        ReportException e = failure(settings(closedPort, "codepipeline.maxAttempts", "2"));

        assertThat(e.getMessage()).startsWith("Could not reach " + closedPort + " (ConnectException: Connection refused)")
                .contains("check the network, proxy and codepipeline.endpoint");
    }

    /**
     * A connection dropped after the request reached the endpoint is retried up to codepipeline.maxAttempts, counted
     * where it counts: at the endpoint (a refused connection, as in {@link #anUnreachableEndpointIsRetriedThenSaysSo},
     * leaves no trace to count). Mutation tried: the client ignoring codepipeline.maxAttempts ({@code maxAttempts(5)}),
     * whose "after 3 attempts" message is unchanged. (A strategy without the I/O-error condition cannot be built: the
     * SDK adds its default retry conditions to the strategy it is given.)
     */
    @Test
    void aDroppedConnectionIsRetriedUpToMaxAttempts() throws Exception {
        endpoint.answer(FAILURE, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        ReportException e = failure(settings(endpoint.url(), "codepipeline.maxAttempts", "3"));

        assertThat(endpoint.requests(FAILURE)).extracting(r -> r.getHeader("amz-sdk-request"))
                .containsExactly("attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3");
        assertThat(e.getMessage()).startsWith("Could not reach " + endpoint.url() + " (").contains("after 3 attempts");
    }

    @Test
    void goesThroughTheSelectedProxyWithItsCredentials() throws Exception {
        endpoint.acceptAll();
        try (ForwardProxy proxy = new ForwardProxy("builder", "proxy-pass-1234")) {
            // The first proxy excludes this host, so the second one is used.
            ReportSettings settings = settings(endpoint.url(), List.of(
                    ProxyServer.fromMavenSettings("elsewhere", "http", "127.0.0.1", 9, null, null, "127.*"),
                    ProxyServer.fromMavenSettings("local", "http", "127.0.0.1", proxy.port(), "builder", "proxy-pass-1234", null)));

            report(settings);

            assertThat(proxy.requestLines()).containsExactly("POST " + endpoint.url() + "/ HTTP/1.1");
            assertThat(proxy.authorizations()).containsExactly("Basic YnVpbGRlcjpwcm94eS1wYXNzLTEyMzQ=");
            assertThat(endpoint.requests(FAILURE)).hasSize(1);
            assertThat(endpoint.requests(FAILURE).get(0).containsHeader("Proxy-Authorization")).isFalse();
        }
    }

    @Test
    void aProxyThatRejectsTheCredentialsSaysSo() throws Exception {
        endpoint.acceptAll();
        try (ForwardProxy proxy = new ForwardProxy("builder", "right-password")) {
            ReportSettings settings = settings(endpoint.url(), List.of(ProxyServer.fromMavenSettings("corp", "http",
                    "127.0.0.1", proxy.port(), "builder", "wrong-password", null)));

            ReportException e = failure(settings);

            assertThat(e.getMessage()).contains("HTTP 407", "127.0.0.1:" + proxy.port(), "the proxy 'corp' in settings.xml")
                    .doesNotContain("wrong-password");
            assertThat(endpoint.requests()).isEmpty();
        }
    }

    @Test
    void withoutAProxyTheJvmsDefaultProxyIsNotUsed() throws Exception {
        endpoint.acceptAll();
        String previous = System.getProperty("http.proxyHost");
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", "9");
        System.setProperty("http.nonProxyHosts", "none");
        try {
            report(settings(endpoint.url()));
        } finally {
            System.clearProperty("http.proxyPort");
            System.clearProperty("http.nonProxyHosts");
            if (previous == null) {
                System.clearProperty("http.proxyHost");
            } else {
                System.setProperty("http.proxyHost", previous);
            }
        }
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
    }
}
