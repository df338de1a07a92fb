package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.client.CodePipelineJobClient;
import io.github.codepipeline.maven.client.JobDetailsReader;
import io.github.codepipeline.maven.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.Artifact;
import software.amazon.awssdk.services.codepipeline.model.InvalidClientTokenException;
import software.amazon.awssdk.services.codepipeline.model.InvalidJobStateException;
import software.amazon.awssdk.services.codepipeline.model.InvalidNonceException;
import software.amazon.awssdk.services.codepipeline.model.JobNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.PipelineContext;
import software.amazon.awssdk.services.codepipeline.model.ThirdPartyJob;
import software.amazon.awssdk.services.codepipeline.model.ThirdPartyJobData;
import software.amazon.awssdk.services.codepipeline.model.ThirdPartyJobDetails;

/**
 * CodePipeline's job queue for one action type, through the plugin's configured SDK client (its retries, time limits,
 * credentials, region and endpoint): {@code PollForThirdPartyJobs} / {@code PollForJobs},
 * {@code GetThirdPartyJobDetails} (for the nonce) and {@code AcknowledgeThirdPartyJob} / {@code AcknowledgeJob}: the
 * worker's own calls. Every failure becomes a {@link CallException} with one secret-free line. Reading a job for its
 * artifacts and reporting its result go through the plugin's shared {@code ArtifactCalls} / {@code JobCalls}, with the
 * job's owner in its settings ({@link Worker#sources}).
 */
final class JobQueue {
    /** A call failed; {@link #fatal} when polling cannot work at all (no such action type). */
    static class CallException extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean throttled;
        final boolean fatal;
        /** No answer came (the network, a time limit, HTTP 5xx): the call may or may not have been made. */
        final boolean unanswered;

        CallException(String message, boolean throttled, boolean fatal) {
            this(message, throttled, fatal, false);
        }

        CallException(String message, boolean throttled, boolean fatal, boolean unanswered) {
            super(message);
            this.throttled = throttled;
            this.fatal = fatal;
            this.unanswered = unanswered;
        }
    }

    private final CodePipelineJobClient client;
    private final CodePipelineClient sdk;
    private final ActionType type;
    private final ActionTypeId typeId;

    JobQueue(CodePipelineJobClient client, ActionType type) {
        this.client = client;
        this.sdk = client.sdk();
        this.type = type;
        this.typeId = ActionTypeId.builder().category(type.category()).owner(type.owner()).provider(type.provider())
                .version(type.version()).build();
    }

    /** Up to {@code max} jobs; a partner job has only its ID and client ID until {@link #details} reads the rest. */
    List<Job> poll(int max) throws CallException {
        List<Job> jobs = new ArrayList<>();
        if (type.isCustom()) {
            String operation = "PollForJobs";
            for (software.amazon.awssdk.services.codepipeline.model.Job each : call(operation,
                    () -> sdk.pollForJobs(r -> r.actionTypeId(typeId).maxBatchSize(max)).jobs())) {
                Job job = new Job(each.id(), ActionType.CUSTOM, null);
                job.nonce = each.nonce();
                job.details = JobDetailsReader.of(each.data(), each.accountId());
                if (each.data() != null) {
                    read(job, each.data().pipelineContext(), each.data().actionConfiguration() == null ? null
                            : each.data().actionConfiguration().configuration(), each.data().continuationToken(),
                            each.data().inputArtifacts(), each.data().outputArtifacts());
                }
                jobs.add(job);
            }
        } else {
            for (ThirdPartyJob each : call("PollForThirdPartyJobs",
                    () -> sdk.pollForThirdPartyJobs(r -> r.actionTypeId(typeId).maxBatchSize(max)).jobs())) {
                jobs.add(new Job(each.jobId(), ActionType.THIRD_PARTY, each.clientId()));
            }
        }
        return jobs;
    }

    /** Reads a partner job's nonce and data with its client token ({@code GetThirdPartyJobDetails}). */
    void details(Job job) throws CallException {
        ThirdPartyJobDetails details = call("GetThirdPartyJobDetails", () -> sdk.getThirdPartyJobDetails(r -> r
                .jobId(job.id).clientToken(job.clientToken)).jobDetails());
        if (details == null) {
            throw new CallException("GetThirdPartyJobDetails returned no details for job " + job.shownId() + ".", false, false);
        }
        job.nonce = details.nonce();
        ThirdPartyJobData data = details.data();
        job.details = JobDetailsReader.of(data);
        if (data != null) {
            read(job, data.pipelineContext(), data.actionConfiguration() == null ? null
                    : data.actionConfiguration().configuration(), data.continuationToken(), data.inputArtifacts(),
                    data.outputArtifacts());
        }
    }

    private static void read(Job job, PipelineContext context, java.util.Map<String, String> configuration,
            String continuationToken, List<Artifact> inputs, List<Artifact> outputs) {
        if (context != null) {
            job.pipeline = context.pipelineName();
            job.stage = context.stage() == null ? null : context.stage().name();
            job.action = context.action() == null ? null : context.action().name();
        }
        if (configuration != null) {
            job.configuration.putAll(configuration);
        }
        job.continuationToken = continuationToken == null || continuationToken.isEmpty() ? null : continuationToken;
        for (Artifact artifact : inputs == null ? new ArrayList<Artifact>() : inputs) {
            job.inputs.add(artifact.name());
            if (job.inputRevision == null && artifact.revision() != null && !artifact.revision().isEmpty()) {
                job.inputRevision = artifact.revision();
            }
        }
        for (Artifact artifact : outputs == null ? new ArrayList<Artifact>() : outputs) {
            job.outputs.add(artifact.name());
        }
    }

    /**
     * Acknowledges the job with its nonce; {@code null} when CodePipeline refuses the nonce (another worker took the
     * job, or it is no longer waiting) and the job must not be built; else the job's status in the answer
     * ({@code InProgress} for a job this worker is to build), "" when the answer has none.
     */
    String acknowledge(Job job) throws CallException {
        if (job.nonce == null || job.nonce.isEmpty()) {
            throw new CallException("CodePipeline gave no nonce for job " + job.shownId() + ", so it cannot be acknowledged.", false,
                    false);
        }
        try {
            String status;
            if (type.isCustom()) {
                status = call("AcknowledgeJob", () -> sdk.acknowledgeJob(r -> r.jobId(job.id).nonce(job.nonce)).statusAsString());
            } else {
                status = call("AcknowledgeThirdPartyJob", () -> sdk.acknowledgeThirdPartyJob(r -> r.jobId(job.id)
                        .nonce(job.nonce).clientToken(job.clientToken)).statusAsString());
            }
            return status == null ? "" : status;
        } catch (Refused e) {
            return null;
        }
    }

    /** An acknowledgement refused: {@code InvalidNonceException} or a job no longer there. */
    private static final class Refused extends CallException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, false, false);
        }
    }

    private <T> T call(String operation, Supplier<T> request) throws CallException {
        try {
            return request.get();
        } catch (InvalidNonceException | JobNotFoundException e) {
            if (operation.startsWith("Acknowledge")) {
                throw new Refused(e.getClass().getSimpleName());
            }
            throw new CallException("CodePipeline no longer has the job (" + e.getClass().getSimpleName() + ", " + operation
                    + ").", false, false);
        } catch (InvalidClientTokenException e) {
            throw new CallException("CodePipeline rejected the client token (InvalidClientTokenException, " + operation
                    + "): check this client ID's line in " + Setting.CLIENT_TOKENS.property() + ".", false, false);
        } catch (InvalidJobStateException e) {
            throw new CallException("CodePipeline refused " + operation + ": the job is no longer waiting for a result"
                    + " (InvalidJobStateException).", false, false);
        } catch (ActionTypeNotFoundException e) {
            throw new CallException("No action type " + type + " in this region (ActionTypeNotFoundException):"
                    + " check -Dcodepipeline.actionType and the region.", false, true);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                throw new CallException("CodePipeline throttled " + operation + " (" + (code == null ? "HTTP " + e.statusCode()
                        : code) + ") through every attempt (codepipeline.maxAttempts).", true, false);
            }
            throw new CallException(client.describe(e, operation), false, false, e.statusCode() >= 500);
        } catch (RuntimeException e) {
            throw new CallException(client.describe(e, operation), false, false, true);
        }
    }
}
