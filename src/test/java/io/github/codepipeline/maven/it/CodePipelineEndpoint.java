package io.github.codepipeline.maven.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A local CodePipeline: WireMock on 127.0.0.1 and a free port, answering the JSON 1.1 protocol
 * ({@code POST /}, {@code X-Amz-Target: CodePipeline_20150709.<Operation>}, {@code application/x-amz-json-1.1}).
 */
public final class CodePipelineEndpoint implements AutoCloseable {
    public static final String TARGET_PREFIX = "CodePipeline_20150709.";
    public static final String FAILURE = "PutThirdPartyJobFailureResult";
    public static final String SUCCESS = "PutThirdPartyJobSuccessResult";
    public static final String JOB_DETAILS = "GetThirdPartyJobDetails";
    private static final String JSON_11 = "application/x-amz-json-1.1";

    private final WireMockServer server;

    public CodePipelineEndpoint() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every operation answers 200 {@code {}} (what the real service returns for the two Put calls). */
    public CodePipelineEndpoint acceptAll() {
        server.stubFor(post(urlEqualTo("/")).willReturn(ok("{}")));
        return this;
    }

    public CodePipelineEndpoint answer(String operation, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
                .willReturn(response));
        return this;
    }

    /** Answers {@code operation} with each response in turn; the last one repeats. */
    public CodePipelineEndpoint answerInTurn(String operation, ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            server.stubFor(post(urlEqualTo("/")).inScenario(operation)
                    .withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation))
                    .whenScenarioStateIs(state).willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
        return this;
    }

    public static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_11)
                .withHeader("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555").withBody(json);
    }

    /** A service error as the JSON 1.1 protocol sends it. */
    public static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_11)
                .withHeader("x-amzn-RequestId", "req-" + type)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** Every request, whatever its method and path (for stand-ins of other services). */
    public List<LoggedRequest> allRequests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    public List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo("/")));
    }

    public List<LoggedRequest> requests(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET_PREFIX + operation)));
    }

    /** The JSON bodies of the calls of {@code operation}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> bodies(String operation) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (LoggedRequest request : requests(operation)) {
            bodies.add(Json.read(request.getBodyAsString(), Map.class));
        }
        return bodies;
    }

    @Override
    public void close() {
        server.stop();
    }
}
