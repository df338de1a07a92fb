package io.github.codepipeline.maven.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * CodePipeline's job queue for the job worker's ITs, both families, as state behind {@link CodePipelineEndpoint} (which
 * checks signatures and the model's constraints first): a job is handed out by one poll only ({@code PollForThirdPartyJobs}
 * with its client ID, {@code PollForJobs} with its nonce and data), at most {@code maxBatchSize} at a time, to a poll for
 * its action type; {@code GetThirdPartyJobDetails} needs the job's client token and gives a fresh nonce;
 * {@code GetJobDetails} answers for a polled custom job (no token, no nonce); the
 * acknowledgement needs that nonce ({@code InvalidNonceException} otherwise, or always for a job marked taken by another
 * worker); a result needs the client token and is taken once ({@code InvalidJobStateException} after). Polls may be
 * throttled ({@code ThrottlingException}) a given number of times first.
 */
final class JobQueue implements ResponseDefinitionTransformerV2 {
    static final String NAME = "job-queue";
    static final List<String> OPERATIONS = List.of("PollForThirdPartyJobs", "PollForJobs", "GetThirdPartyJobDetails",
            "GetJobDetails", "AcknowledgeThirdPartyJob", "AcknowledgeJob", "PutThirdPartyJobSuccessResult",
            "PutThirdPartyJobFailureResult", "PutJobSuccessResult", "PutJobFailureResult", "ListActionTypes");

    /** One job in the queue. */
    static final class QueuedJob {
        final String id;
        final String actionType;
        final String clientId;
        final String token;
        final String data;
        boolean takenByAnother;
        boolean polled;
        String nonce;
        boolean acknowledged;
        final List<String> results = new ArrayList<>();
        /** The status the acknowledgement answers (the service's {@code JobStatus}). */
        String ackStatus = "InProgress";
        /** How many result calls are answered HTTP 500 before one is taken. */
        int resultErrors;
        /** How long the answer to the result call is held back (the result is taken at once). */
        int resultDelayMillis;
        /** How long the answer to the acknowledgement is held back (the job is acknowledged at once). */
        int ackDelayMillis;

        QueuedJob(String id, String actionType, String clientId, String token, String data) {
            this.id = id;
            this.actionType = actionType;
            this.clientId = clientId;
            this.token = token;
            this.data = data;
        }
    }

    private final Map<String, QueuedJob> jobs = new LinkedHashMap<>();
    private int throttles;
    private int polls;
    private int goneAfter = Integer.MAX_VALUE;
    /** Each action type's configuration properties, name to {@code secret}, for {@code ListActionTypes}. */
    private final Map<String, Map<String, Boolean>> properties = new LinkedHashMap<>();
    private boolean listRefused;

    /**
     * What {@code ListActionTypes} says of {@code actionType}'s configuration properties (name to {@code secret}). An
     * action type of a queued job that is not declared is listed with no properties.
     */
    synchronized void declare(String actionType, Map<String, Boolean> secretByName) {
        properties.put(actionType, new LinkedHashMap<>(secretByName));
    }

    /** Answers {@code ListActionTypes} with {@code AccessDeniedException}, as for a role without that permission. */
    synchronized void refuseListActionTypes() {
        listRefused = true;
    }

    /** Adds a job for {@code actionType} (Category/Owner/Provider/Version); {@code data} is its JobData JSON. */
    synchronized QueuedJob add(String actionType, String clientId, String token, String data) {
        return add(UUID.randomUUID().toString(), actionType, clientId, token, data);
    }

    /** {@link #add(String, String, String, String)} with the job ID {@code id}, whatever it holds. */
    synchronized QueuedJob add(String id, String actionType, String clientId, String token, String data) {
        QueuedJob job = new QueuedJob(id, actionType, clientId, token, data);
        jobs.put(job.id, job);
        return job;
    }

    /** Answers the next {@code count} polls with {@code ThrottlingException}. */
    synchronized void throttle(int count) {
        throttles = count;
    }

    /** Answers every poll after the first {@code count} with {@code ActionTypeNotFoundException} (the type deleted). */
    synchronized void actionTypeGoneAfter(int count) {
        goneAfter = count;
    }

    synchronized int polls() {
        return polls;
    }

    /** The results the job got, each as {@code success} or {@code failure: <message>}. */
    synchronized List<String> results(QueuedJob job) {
        return new ArrayList<>(job.results);
    }

    /** Registers the queue with {@code endpoint} for every job operation. */
    void serve(CodePipelineEndpoint endpoint) {
        for (String operation : OPERATIONS) {
            endpoint.answer(operation, aResponse().withTransformers(NAME));
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized ResponseDefinition transform(ServeEvent event) {
        String target = event.getRequest().getHeader("X-Amz-Target");
        String operation = target.substring(CodePipelineEndpoint.TARGET_PREFIX.length());
        Map<String, Object> body = Json.read(event.getRequest().getBodyAsString(), Map.class);
        switch (operation) {
            case "PollForThirdPartyJobs":
            case "PollForJobs":
                return poll(operation.equals("PollForJobs"), body);
            case "GetThirdPartyJobDetails": {
                QueuedJob job = find(operation, body);
                if (job == null || !job.polled) {
                    return error("JobNotFoundException", "The job was not found.");
                }
                if (!job.token.equals(body.get("clientToken"))) {
                    return error("InvalidClientTokenException", "The client token was invalid.");
                }
                job.nonce = job.nonce == null ? Integer.toString(1000 + jobs.size()) : job.nonce;
                return ok("{\"jobDetails\":{\"id\":" + Json.write(job.id) + ",\"nonce\":\"" + job.nonce + "\",\"data\":" + job.data + "}}");
            }
            case "GetJobDetails": { // a custom job: no client token (the model has no such member), no nonce
                QueuedJob job = find(operation, body);
                if (job == null || !job.polled) {
                    return error("JobNotFoundException", "The job was not found.");
                }
                return ok("{\"jobDetails\":{\"id\":\"" + job.id + "\",\"accountId\":\"123456789012\",\"data\":" + job.data
                        + "}}");
            }
            case "AcknowledgeThirdPartyJob":
            case "AcknowledgeJob": {
                QueuedJob job = find(operation, body);
                if (job == null || !job.polled) {
                    return error("JobNotFoundException", "The job was not found.");
                }
                if (operation.equals("AcknowledgeThirdPartyJob") && !job.token.equals(body.get("clientToken"))) {
                    return error("InvalidClientTokenException", "The client token was invalid.");
                }
                if (job.takenByAnother || job.nonce == null || !job.nonce.equals(body.get("nonce")) || job.acknowledged) {
                    return error("InvalidNonceException", "The nonce was specified in an invalid format.");
                }
                job.acknowledged = true;
                return CodePipelineEndpoint.ok("{\"status\":\"" + job.ackStatus + "\"}").withFixedDelay(job.ackDelayMillis)
                        .build();
            }
            case "ListActionTypes":
                return listActionTypes(body);
            default: { // the four Put*Result calls
                QueuedJob job = find(operation, body);
                if (job == null) {
                    return error("JobNotFoundException", "The job was not found.");
                }
                if (operation.contains("ThirdParty") && !job.token.equals(body.get("clientToken"))) {
                    return error("InvalidClientTokenException", "The client token was invalid.");
                }
                if (!job.acknowledged || !job.results.isEmpty()) {
                    return error("InvalidJobStateException", "The job state was specified in an invalid format.");
                }
                if (job.resultErrors > 0) {
                    job.resultErrors--;
                    return CodePipelineEndpoint.error(500, "InternalServiceError", "Internal service error.").build();
                }
                if (operation.endsWith("FailureResult")) {
                    Map<String, Object> failure = (Map<String, Object>) body.get("failureDetails");
                    job.results.add("failure: " + failure.get("message"));
                } else {
                    job.results.add("success");
                }
                return CodePipelineEndpoint.ok("{}").withFixedDelay(job.resultDelayMillis).build();
            }
        }
    }

    private ResponseDefinition poll(boolean custom, Map<String, Object> body) {
        polls++;
        if (polls > goneAfter) {
            return error("ActionTypeNotFoundException", "The specified action type cannot be found.");
        }
        if (throttles > 0) {
            throttles--;
            return error("ThrottlingException", "Rate exceeded");
        }
        Map<String, Object> type = (Map<String, Object>) body.get("actionTypeId");
        String wanted = type.get("category") + "/" + type.get("owner") + "/" + type.get("provider") + "/" + type.get("version");
        int max = body.get("maxBatchSize") == null ? 1 : ((Number) body.get("maxBatchSize")).intValue();
        List<QueuedJob> batch = jobs.values().stream().filter(j -> !j.polled && j.actionType.equals(wanted)).limit(max)
                .collect(Collectors.toList());
        for (QueuedJob job : batch) {
            job.polled = true;
            if (custom) {
                job.nonce = Integer.toString(2000 + jobs.size());
            }
        }
        return ok("{\"jobs\":" + batch.stream().map(j -> custom
                ? "{\"id\":\"" + j.id + "\",\"nonce\":\"" + j.nonce + "\",\"accountId\":\"123456789012\",\"data\":" + j.data + "}"
                : "{\"clientId\":\"" + j.clientId + "\",\"jobId\":" + Json.write(j.id) + "}").collect(Collectors.joining(",", "[", "]"))
                + "}");
    }

    /** The declared action types and those of queued jobs, of the owner asked for, in one page. */
    private ResponseDefinition listActionTypes(Map<String, Object> body) {
        if (listRefused) {
            return error("AccessDeniedException", "User: arn:aws:iam::123456789012:user/worker is not authorized to perform:"
                    + " codepipeline:ListActionTypes");
        }
        Map<String, Map<String, Boolean>> types = new LinkedHashMap<>(properties);
        for (QueuedJob job : jobs.values()) {
            types.putIfAbsent(job.actionType, Map.of());
        }
        Object owner = body.get("actionOwnerFilter");
        return ok("{\"actionTypes\":" + types.entrySet().stream().filter(t -> owner == null || t.getKey().split("/")[1].equals(owner))
                .map(t -> {
                    String[] id = t.getKey().split("/");
                    return "{\"id\":{\"category\":\"" + id[0] + "\",\"owner\":\"" + id[1] + "\",\"provider\":\"" + id[2]
                            + "\",\"version\":\"" + id[3] + "\"},\"actionConfigurationProperties\":" + t.getValue().entrySet()
                            .stream().map(p -> "{\"name\":" + Json.write(p.getKey()).trim() + ",\"required\":true,\"key\":false,"
                                    + "\"secret\":" + p.getValue() + ",\"queryable\":false,\"type\":\"String\"}")
                            .collect(Collectors.joining(",", "[", "]"))
                            + ",\"inputArtifactDetails\":{\"minimumCount\":0,\"maximumCount\":5},"
                            + "\"outputArtifactDetails\":{\"minimumCount\":0,\"maximumCount\":5}}";
                }).collect(Collectors.joining(",", "[", "]")) + "}");
    }

    /**
     * The job the request names, or {@code null}, as for the service, when the call is of the other family (a partner
     * job is not found by {@code PutJobFailureResult}, nor a custom job by {@code PutThirdPartyJobFailureResult}).
     */
    private QueuedJob find(String operation, Map<String, Object> body) {
        QueuedJob job = jobs.get((String) body.get("jobId"));
        boolean custom = job != null && job.actionType.split("/")[1].equals("Custom");
        return job == null || custom == operation.contains("ThirdParty") ? null : job;
    }

    private static ResponseDefinition ok(String json) {
        return CodePipelineEndpoint.ok(json).build();
    }

    private static ResponseDefinition error(String type, String message) {
        return CodePipelineEndpoint.error(400, type, message).build();
    }
}
