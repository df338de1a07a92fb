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
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local CodePipeline: WireMock on 127.0.0.1 and a free port, answering the JSON 1.1 protocol
 * ({@code POST /}, {@code X-Amz-Target: CodePipeline_20150709.<Operation>}, {@code application/x-amz-json-1.1}).
 *
 * <p>It is strict like the service: before any stub answers a {@code POST /}, it checks the protocol headers, the
 * SigV4 signature over the exact bytes received (with the keys registered by {@link #acceptKeys}; the ITs' default
 * keys {@link MavenBuild#ACCESS_KEY} / {@link MavenBuild#SECRET_KEY} are registered from the start), and the body
 * against the service model's constraints ({@link CodePipelineModel}), and answers a failed check as the service
 * does: {@code 400} with a JSON 1.1 error ({@code __type} {@code InvalidSignatureException},
 * {@code UnrecognizedClientException}, {@code ValidationException}, ...). Refused requests are still recorded
 * ({@link #requests}) and listed by {@link #refusals}. Other methods and paths reach no stub (404).
 */
public final class CodePipelineEndpoint implements AutoCloseable {
    public static final String TARGET_PREFIX = "CodePipeline_20150709.";
    public static final String FAILURE = "PutThirdPartyJobFailureResult";
    public static final String SUCCESS = "PutThirdPartyJobSuccessResult";
    public static final String JOB_DETAILS = "GetThirdPartyJobDetails";

    // ---- Custom actions (issue 21): the calls of a custom action's job worker, with no clientToken member. ----
    public static final String CUSTOM_FAILURE = "PutJobFailureResult";
    public static final String CUSTOM_SUCCESS = "PutJobSuccessResult";
    public static final String CUSTOM_JOB_DETAILS = "GetJobDetails";
    /** CodePipeline's documented quota for the output variables of one action, in bytes (names and values). */
    public static final int MAX_OUTPUT_VARIABLES_BYTES = 122_880;
    // ---- end of custom actions ----
    private static final String JSON_11 = "application/x-amz-json-1.1";

    private final WireMockServer server;
    private final SigV4 signatures = new SigV4("codepipeline").acceptKeys(MavenBuild.ACCESS_KEY, MavenBuild.SECRET_KEY, null);
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    public CodePipelineEndpoint() {
        this(new Extension[0]);
    }

    /** With more WireMock extensions behind the checks, such as the job worker's stateful {@link JobQueue}. */
    public CodePipelineEndpoint(Extension... more) {
        Extension[] all = Arrays.copyOf(more, more.length + 1);
        all[more.length] = new Checks();
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(all));
        server.start();
    }

    /**
     * Also accepts requests signed with {@code secretKey} for {@code accessKeyId}; with a session token (temporary
     * credentials), only those that carry it in {@code X-Amz-Security-Token}.
     */
    public CodePipelineEndpoint acceptKeys(String accessKeyId, String secretKey, String sessionTokenOrNull) {
        signatures.acceptKeys(accessKeyId, secretKey, sessionTokenOrNull);
        return this;
    }

    /** The requests the endpoint refused before any stub saw them, as {@code <__type>: <message>}, in order. */
    public List<String> refusals() {
        return new ArrayList<>(refusals);
    }

    /** Why the service would refuse {@code request} ({@code {__type, message}}), or null when it would act on it. */
    private String[] refusal(Request request) {
        String target = request.getHeader("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX) || !CodePipelineModel.knows(target.substring(TARGET_PREFIX.length()))) {
            return new String[] {"UnknownOperationException", "Unknown operation " + target};
        }
        if (!JSON_11.equals(request.getHeader("Content-Type"))) {
            return new String[] {"SerializationException", "Content-Type must be " + JSON_11 + ", not "
                    + request.getHeader("Content-Type")};
        }
        String[] signature = signatures.refusal(request);
        if (signature != null) {
            return signature;
        }
        CodePipelineModel.Violation violation = CodePipelineModel.check(target.substring(TARGET_PREFIX.length()),
                request.getBodyAsString());
        if (violation == null) {
            violation = customActionRules(target.substring(TARGET_PREFIX.length()), request.getBodyAsString());
        }
        return violation == null ? null : new String[] {violation.type, violation.message};
    }

    // ---- Custom actions (issue 21) ----

    /**
     * What the service refuses in a (model-valid) {@code PutJobSuccessResult} beyond the model: output variables
     * together with a continuation token (the API takes them only from an action that is done), and more than
     * {@link #MAX_OUTPUT_VARIABLES_BYTES} bytes of them ({@code OutputVariablesSizeExceededException}).
     */
    @SuppressWarnings("unchecked")
    static CodePipelineModel.Violation customActionRules(String operation, String body) {
        if (!CUSTOM_SUCCESS.equals(operation)) {
            return null;
        }
        Map<String, Object> input = Json.read(body.isEmpty() ? "{}" : body, Map.class);
        Map<String, Object> variables = (Map<String, Object>) input.get("outputVariables");
        if (variables == null || variables.isEmpty()) {
            return null;
        }
        if (input.get("continuationToken") != null) {
            return new CodePipelineModel.Violation("ValidationException",
                    "outputVariables can be included only when there is no continuation token on the request");
        }
        long bytes = 0;
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            bytes += variable.getKey().getBytes(StandardCharsets.UTF_8).length
                    + String.valueOf(variable.getValue()).getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes <= MAX_OUTPUT_VARIABLES_BYTES ? null : new CodePipelineModel.Violation(
                "OutputVariablesSizeExceededException", "Exceeded the total size limit for all variables in the pipeline.");
    }

    // ---- end of custom actions ----

    /** The service model's check alone: {@code <__type>: <message>}, or null when {@code body} is valid input. */
    public static String check(String operation, String body) {
        CodePipelineModel.Violation violation = CodePipelineModel.check(operation, body);
        if (violation == null) {
            violation = customActionRules(operation, body);
        }
        return violation == null ? null : violation.toString();
    }

    /** Runs the checks in front of the stubs. */
    private final class Checks implements StubRequestFilterV2 {
        @Override
        public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
            if (!RequestMethod.POST.equals(request.getMethod()) || !request.getUrl().equals("/")) {
                return RequestFilterAction.continueWith(request);
            }
            String[] refusal = refusal(request);
            if (refusal == null) {
                return RequestFilterAction.continueWith(request);
            }
            refusals.add(refusal[0] + ": " + refusal[1]);
            return RequestFilterAction.stopWith(error(400, refusal[0], refusal[1]).build());
        }

        @Override
        public String getName() {
            return "codepipeline-checks";
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The URL of a loopback port that nothing listens on: one just opened and closed. */
    public static String closedUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                .withBody("{\"__type\":" + Json.write(type).trim() + ",\"message\":" + Json.write(message).trim() + "}");
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
