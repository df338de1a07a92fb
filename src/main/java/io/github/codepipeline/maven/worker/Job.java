package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.client.JobDetails;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job as the worker sees it after polling (and, for a partner job, reading its details): who it is, its nonce, the
 * pipeline context, the action configuration, the continuation token, and its artifacts' names. The client token and the
 * configuration values are secrets: {@link #toString()} shows neither.
 */
final class Job {
    final String id;
    final String owner;
    /** The partner action's client ID; {@code null} for a custom action. */
    final String clientId;
    /** The partner action's client token; {@code null} for a custom action. Never log it. */
    String clientToken;
    String nonce;
    String pipeline;
    String stage;
    String action;
    final Map<String, String> configuration = new TreeMap<>();
    String continuationToken;
    /** The first input artifact's revision, or {@code null}. */
    String inputRevision;
    final List<String> inputs = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    /** All the job's data, for the job file the build reads (artifact locations and credentials); never logged. */
    JobDetails details;

    Job(String id, String owner, String clientId) {
        this.id = id;
        this.owner = owner;
        this.clientId = clientId;
    }

    /** The secrets of this job: its client token and the action configuration's values. */
    List<String> secrets() {
        return secrets(SecretProperties.all());
    }

    /** Its client token and the configuration values {@code secret} says to mask. */
    List<String> secrets(SecretProperties secret) {
        List<String> secrets = new ArrayList<>(secret.values(configuration));
        if (clientToken != null) {
            secrets.add(clientToken);
        }
        return Collections.unmodifiableList(secrets);
    }

    /** "pipeline P, stage S, action A, job ID" for log lines, each escaped ({@link Shown}). */
    String describe() {
        return "pipeline " + Shown.of(pipeline) + ", stage " + Shown.of(stage) + ", action " + Shown.of(action) + ", job "
                + Shown.of(id);
    }

    /** The job ID for a log line, escaped ({@link Shown}). */
    String shownId() {
        return Shown.of(id);
    }

    @Override
    public String toString() {
        return "Job{" + describe() + ", owner=" + owner + ", clientId=" + Shown.of(clientId) + ", inputs=" + inputs + ", outputs="
                + outputs + "}";
    }
}
