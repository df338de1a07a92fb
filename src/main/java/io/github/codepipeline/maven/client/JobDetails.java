package io.github.codepipeline.maven.client;

import io.github.codepipeline.maven.config.Secrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GetThirdPartyJobDetails} or {@code GetJobDetails} says of a job, flattened to {@code codepipeline.job.*} property names and
 * values, and its artifacts. The artifact credentials the call also returns stay inside this package (only
 * {@link ArtifactStore} signs with them): no getter, not in {@link #properties()}, not in {@link #toString()}.
 */
public final class JobDetails {
    public static final String PREFIX = "codepipeline.job.";

    private final Map<String, String> properties;
    private final List<ArtifactLocation> inputArtifacts;
    private final List<ArtifactLocation> outputArtifacts;
    private final String encryptionKeyId;
    /** Access key ID, secret access key, session token; {@code null} when the job has none. */
    private final String[] artifactCredentials;

    JobDetails(Map<String, String> properties) {
        this(properties, null, null, null, null);
    }

    JobDetails(Map<String, String> properties, List<ArtifactLocation> inputArtifacts, List<ArtifactLocation> outputArtifacts,
            String encryptionKeyId, String[] artifactCredentials) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.inputArtifacts = copy(inputArtifacts);
        this.outputArtifacts = copy(outputArtifacts);
        this.encryptionKeyId = encryptionKeyId;
        this.artifactCredentials = artifactCredentials == null ? null : artifactCredentials.clone();
    }

    private static List<ArtifactLocation> copy(List<ArtifactLocation> list) {
        return list == null ? Collections.<ArtifactLocation>emptyList() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    public List<ArtifactLocation> inputArtifacts() {
        return inputArtifacts;
    }

    public List<ArtifactLocation> outputArtifacts() {
        return outputArtifacts;
    }

    /** The pipeline's KMS key for its artifact store, or {@code null} for the S3-managed default KMS key. */
    public String encryptionKeyId() {
        return encryptionKeyId;
    }

    /** Whether CodePipeline handed out credentials for the artifact store. */
    public boolean hasArtifactCredentials() {
        return artifactCredentials != null && artifactCredentials[0] != null && artifactCredentials[1] != null;
    }

    /** Package-private on purpose: the artifact credentials never leave the client package. */
    String[] artifactCredentials() {
        return artifactCredentials;
    }

    /** {@code secrets} and the artifact credentials, to redact every line that might carry them. */
    public Secrets secrets(Secrets secrets) {
        return artifactCredentials == null ? secrets : secrets.and(artifactCredentials);
    }

    @Override
    public String toString() {
        return "JobDetails{inputArtifacts=" + inputArtifacts + ", outputArtifacts=" + outputArtifacts + ", encryptionKeyId="
                + encryptionKeyId + ", artifactCredentials=" + (hasArtifactCredentials() ? "(hidden)" : "none") + "}";
    }

    /**
     * {@code codepipeline.job.pipelineName}, {@code .stageName}, {@code .actionName}, {@code .pipelineArn},
     * {@code .pipelineExecutionId}, {@code .actionExecutionId}, {@code .accountId} (custom actions only), {@code .actionType.category|owner|provider|version},
     * {@code .config.<key>}, {@code .continuationToken}, {@code .inputArtifacts}, {@code .outputArtifacts},
     * {@code .inputArtifact.<name>.bucket|objectKey|revision}, {@code .outputArtifact.<name>.bucket|objectKey},
     * {@code .encryptionKey.id|type}, in that order; absent values are left out.
     */
    public Map<String, String> properties() {
        return properties;
    }
}
