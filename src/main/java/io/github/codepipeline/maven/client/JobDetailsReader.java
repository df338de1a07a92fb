package io.github.codepipeline.maven.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.codepipeline.model.AWSSessionCredentials;
import software.amazon.awssdk.services.codepipeline.model.ActionConfiguration;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.Artifact;
import software.amazon.awssdk.services.codepipeline.model.EncryptionKey;
import software.amazon.awssdk.services.codepipeline.model.JobData;
import software.amazon.awssdk.services.codepipeline.model.PipelineContext;
import software.amazon.awssdk.services.codepipeline.model.S3ArtifactLocation;
import software.amazon.awssdk.services.codepipeline.model.ThirdPartyJobData;

/**
 * Flattens what {@code GetThirdPartyJobDetails} or {@code GetJobDetails} says of a job (the two answers have the
 * same parts, in different SDK classes) into a {@link JobDetails}.
 */
public final class JobDetailsReader {
    private JobDetailsReader() {}

    /** A custom job's data, from {@code GetJobDetails} or {@code PollForJobs}; {@code data} may be {@code null}. */
    public static JobDetails of(JobData data, String accountId) {
        return data == null ? new JobDetails(new LinkedHashMap<>()) : read(accountId, data.pipelineContext(),
                data.actionTypeId(), data.actionConfiguration(), data.continuationToken(),
                data.hasInputArtifacts() ? data.inputArtifacts() : null,
                data.hasOutputArtifacts() ? data.outputArtifacts() : null, data.encryptionKey(), data.artifactCredentials());
    }

    /** A partner job's data, from {@code GetThirdPartyJobDetails}; {@code data} may be {@code null}. */
    public static JobDetails of(ThirdPartyJobData data) {
        return data == null ? new JobDetails(new LinkedHashMap<>()) : read(null, data.pipelineContext(),
                data.actionTypeId(), data.actionConfiguration(), data.continuationToken(),
                data.hasInputArtifacts() ? data.inputArtifacts() : null,
                data.hasOutputArtifacts() ? data.outputArtifacts() : null, data.encryptionKey(), data.artifactCredentials());
    }

    /** @param accountId the job's account (only {@code GetJobDetails} says it), or {@code null} */
    static JobDetails read(String accountId, PipelineContext context, ActionTypeId type, ActionConfiguration configuration,
            String continuationToken, List<Artifact> inputs, List<Artifact> outputs, EncryptionKey key,
            AWSSessionCredentials credentials) {
        Map<String, String> p = new LinkedHashMap<>();
        if (context != null) {
            put(p, "pipelineName", context.pipelineName());
            put(p, "stageName", context.stage() == null ? null : context.stage().name());
            put(p, "actionName", context.action() == null ? null : context.action().name());
            put(p, "pipelineArn", context.pipelineArn());
            put(p, "pipelineExecutionId", context.pipelineExecutionId());
            put(p, "actionExecutionId", context.action() == null ? null : context.action().actionExecutionId());
        }
        put(p, "accountId", accountId);
        if (type != null) {
            put(p, "actionType.category", type.categoryAsString());
            put(p, "actionType.owner", type.ownerAsString());
            put(p, "actionType.provider", type.provider());
            put(p, "actionType.version", type.version());
        }
        if (configuration != null && configuration.hasConfiguration()) {
            for (Map.Entry<String, String> entry : new TreeMap<>(configuration.configuration()).entrySet()) {
                put(p, "config." + entry.getKey(), entry.getValue());
            }
        }
        put(p, "continuationToken", continuationToken);
        artifacts(p, "input", inputs);
        artifacts(p, "output", outputs);
        String keyId = null;
        if (key != null) {
            put(p, "encryptionKey.id", key.id());
            put(p, "encryptionKey.type", key.typeAsString());
            keyId = key.id() == null || key.id().isEmpty() ? null : key.id();
        }
        return new JobDetails(p, locations(inputs), locations(outputs), keyId, credentials == null ? null
                : new String[] {credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()});
    }

    private static List<ArtifactLocation> locations(List<Artifact> artifacts) {
        List<ArtifactLocation> locations = new ArrayList<>();
        if (artifacts != null) {
            for (Artifact artifact : artifacts) {
                S3ArtifactLocation s3 = artifact.location() == null ? null : artifact.location().s3Location();
                locations.add(new ArtifactLocation(artifact.name(), s3 == null ? null : s3.bucketName(),
                        s3 == null ? null : s3.objectKey(), artifact.revision()));
            }
        }
        return locations;
    }

    private static void artifacts(Map<String, String> p, String kind, List<Artifact> artifacts) {
        if (artifacts == null || artifacts.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (Artifact artifact : artifacts) {
            names.append(names.length() == 0 ? "" : ",").append(artifact.name());
            String prefix = kind + "Artifact." + artifact.name() + ".";
            S3ArtifactLocation s3 = artifact.location() == null ? null : artifact.location().s3Location();
            if (s3 != null) {
                put(p, prefix + "bucket", s3.bucketName());
                put(p, prefix + "objectKey", s3.objectKey());
            }
            put(p, prefix + "revision", artifact.revision());
        }
        p.put(JobDetails.PREFIX + kind + "Artifacts", names.toString());
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null && !value.isEmpty()) {
            p.put(JobDetails.PREFIX + key, value);
        }
    }
}
