package io.github.codepipeline.maven.client;

import static io.github.codepipeline.maven.client.CodePipelineJobClientTest.JOB_ID;
import static io.github.codepipeline.maven.client.CodePipelineJobClientTest.TOKEN;
import static io.github.codepipeline.maven.client.CodePipelineJobClientTest.settings;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.it.CodePipelineEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ITs' CodePipeline stand-in refuses what the service refuses: a wrong signature, unknown keys, a wrong session
 * token, input outside the service model, and JSON 1.1 protocol errors; and accepts the real SDK's requests.
 */
class StrictEndpointTest {
    private static final String ACCESS_KEY = "AKIDEXAMPLEKEY000001";
    private static final String SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    /** Headers java.net.http sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private CodePipelineEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = new CodePipelineEndpoint().acceptAll();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private void report(String message, String... keys) throws ReportException {
        try (CodePipelineJobClient client = CodePipelineJobClient.create(settings(endpoint.url(), "codepipeline.maxAttempts", "1"),
                Secrets.of(TOKEN), keys)) {
            client.putFailure(FailureType.JobFailed, message, null);
        } catch (io.github.codepipeline.maven.config.InvalidSettingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void acceptsTheSdksSignedRequest() throws Exception {
        report("Maven build failed", ACCESS_KEY, SECRET_KEY, null);

        assertThat(endpoint.refusals()).isEmpty();
        assertThat(endpoint.bodies(FAILURE)).hasSize(1);
    }

    @Test
    void refusesAWrongSecretKey() {
        ReportException e = catchThrowableOfType(ReportException.class,
                () -> report("Maven build failed", ACCESS_KEY, SECRET_KEY.replace('w', 'v'), null));

        assertThat(e.getMessage()).startsWith("AWS rejected the credentials (InvalidSignatureException");
        assertThat(endpoint.refusals()).singleElement().asString().startsWith("InvalidSignatureException: The request signature");
    }

    @Test
    void refusesAnUnknownAccessKeyAndAWrongSessionToken() {
        endpoint.acceptKeys("ASIATEMPORARY0000001", "temporary-secret", "session-token-1");

        ReportException unknown = catchThrowableOfType(ReportException.class,
                () -> report("Maven build failed", "AKIDUNKNOWN000000001", SECRET_KEY, null));
        ReportException wrongToken = catchThrowableOfType(ReportException.class,
                () -> report("Maven build failed", "ASIATEMPORARY0000001", "temporary-secret", "session-token-2"));
        ReportException noToken = catchThrowableOfType(ReportException.class,
                () -> report("Maven build failed", "ASIATEMPORARY0000001", "temporary-secret", null));

        assertThat(unknown.getMessage()).contains("UnrecognizedClientException");
        assertThat(wrongToken.getMessage()).contains("UnrecognizedClientException");
        assertThat(noToken.getMessage()).contains("UnrecognizedClientException");
        assertThat(endpoint.bodies(FAILURE)).hasSize(3);
        assertThat(endpoint.refusals()).hasSize(3);
    }

    @Test
    void acceptsRegisteredTemporaryCredentials() throws Exception {
        endpoint.acceptKeys("ASIATEMPORARY0000001", "temporary-secret", "session-token-1");

        report("Maven build failed", "ASIATEMPORARY0000001", "temporary-secret", "session-token-1");

        assertThat(endpoint.refusals()).isEmpty();
    }

    @Test
    void refusesAMessageOverTheModelsLimit() {
        ReportException e = catchThrowableOfType(ReportException.class, () -> report("x".repeat(6000), ACCESS_KEY, SECRET_KEY, null));

        assertThat(e.getMessage()).contains("ValidationException", "1 validation error detected: Value at"
                + " 'failureDetails.message' failed to satisfy constraint: Member must have length less than or equal to 5000");
    }

    @Test
    void acceptsAMessageOfExactlyTheLimit() throws Exception {
        report("é".repeat(5000), ACCESS_KEY, SECRET_KEY, null);

        assertThat(endpoint.refusals()).isEmpty();
    }

    @Test
    void verifiesTheSignatureOverTheExactBytesReceived() throws Exception {
        report("Maven build failed", ACCESS_KEY, SECRET_KEY, null);
        LoggedRequest signed = endpoint.requests(FAILURE).get(0);
        String body = signed.getBodyAsString();

        assertThat(replay(signed, body).statusCode()).isEqualTo(200);
        HttpResponse<String> tampered = replay(signed, body.replace("Maven build failed", "Maven build passed"));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("\"__type\":\"InvalidSignatureException\"");
    }

    @Test
    void refusesRequestsOutsideTheProtocolOrTheModel() throws Exception {
        report("Maven build failed", ACCESS_KEY, SECRET_KEY, null);
        LoggedRequest signed = endpoint.requests(FAILURE).get(0);

        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "CodePipeline_20150709.PutThirdPartyJobFailureResult")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> unknownOperation = send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "CodePipeline_20150709.DeletePipeline")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> plainJson = send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/"))
                .header("Content-Type", "application/json").header("X-Amz-Target", signed.getHeader("X-Amz-Target"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");
        assertThat(unknownOperation.body()).contains("UnknownOperationException");
        assertThat(plainJson.body()).contains("SerializationException");
        assertThat(endpoint.refusals()).hasSize(3);
    }

    @Test
    void theModelsConstraintsApplyToEveryMember() {
        String valid = "{\"jobId\":\"" + JOB_ID + "\",\"clientToken\":\"t\",\"failureDetails\":{\"type\":\"JobFailed\",\"message\":\"m\"}}";

        assertThat(check(FAILURE, valid)).isNull();
        assertThat(check(FAILURE, valid.replace("JobFailed", "BuildFailed")))
                .contains("ValidationException", "'failureDetails.type'", "enum value set");
        assertThat(check(FAILURE, valid.replace("\"clientToken\":\"t\",", "")))
                .isEqualTo("ValidationException: 1 validation error detected: Value null at 'clientToken' failed to satisfy"
                        + " constraint: Member must not be null");
        assertThat(check(FAILURE, valid.replace("\"m\"", "\"\"").replace("\"t\"", "\"\"")))
                .startsWith("ValidationException: 2 validation errors detected:");
        assertThat(check(FAILURE, valid.replace("\"m\"", "42"))).startsWith("SerializationException");
        assertThat(check(FAILURE, valid.replace("{\"jobId\"", "{\"unknown\":1,\"jobId\""))).startsWith("SerializationException");
        assertThat(check("PutThirdPartyJobSuccessResult", "{\"jobId\":\"j\",\"clientToken\":\"t\","
                + "\"executionDetails\":{\"percentComplete\":101}}")).contains("less than or equal to 100");
        assertThat(check("PollForThirdPartyJobs", "{\"actionTypeId\":{\"category\":\"Build\",\"owner\":\"ThirdParty\","
                + "\"provider\":\"My Provider\",\"version\":\"1\"}}")).contains("regular expression pattern");
    }

    private static String check(String operation, String body) {
        return CodePipelineEndpoint.check(operation, body);
    }

    private HttpResponse<String> replay(LoggedRequest signed, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + "/"));
        for (String name : signed.getAllHeaderKeys()) {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, signed.getHeader(name));
            }
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
