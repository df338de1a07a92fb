package io.github.codepipeline.maven.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GetThirdPartyJobDetails} says of a job, flattened to {@code codepipeline.job.*} property names and
 * values. Deliberately without the artifact credentials the call also returns: they are never logged or exposed.
 */
public final class JobDetails {
    public static final String PREFIX = "codepipeline.job.";

    private final Map<String, String> properties;

    JobDetails(Map<String, String> properties) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * {@code codepipeline.job.pipelineName}, {@code .stageName}, {@code .actionName}, {@code .pipelineArn},
     * {@code .pipelineExecutionId}, {@code .actionExecutionId}, {@code .actionType.category|owner|provider|version},
     * {@code .config.<key>}, {@code .continuationToken}, {@code .inputArtifacts}, {@code .outputArtifacts},
     * {@code .inputArtifact.<name>.bucket|objectKey|revision}, {@code .outputArtifact.<name>.bucket|objectKey},
     * {@code .encryptionKey.id|type}, in that order; absent values are left out.
     */
    public Map<String, String> properties() {
        return properties;
    }
}
