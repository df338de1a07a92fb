package io.github.codepipeline.maven.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every user-facing setting, in one place: the {@code <configuration>} element name, the {@code -D} / pom
 * property and the environment variables consulted, in that order of precedence.
 */
public enum Setting {
    JOB_ID("jobId", "codepipeline.jobId", "CODEPIPELINE_JOB_ID"),
    /**
     * Deliberately has no {@code <configuration>} element: a pom is committed and {@code mvn -X} prints
     * every mojo parameter, so the token is read only from a property or (recommended) the environment.
     */
    CLIENT_TOKEN(null, "codepipeline.clientToken", "CODEPIPELINE_CLIENT_TOKEN"),
    REGION("region", "codepipeline.region", "AWS_REGION", "AWS_DEFAULT_REGION"),
    ENDPOINT("endpoint", "codepipeline.endpoint", "AWS_ENDPOINT_URL_CODEPIPELINE", "AWS_ENDPOINT_URL"),
    PROFILE("profile", "codepipeline.profile", "AWS_PROFILE"),
    FAILURE_TYPE("failureType", "codepipeline.failureType"),
    EXTERNAL_EXECUTION_ID("externalExecutionId", "codepipeline.externalExecutionId", "CODEPIPELINE_EXTERNAL_EXECUTION_ID"),
    MESSAGE("message", "codepipeline.message"),
    DRY_RUN("dryRun", "codepipeline.dryRun"),
    SKIP("skip", "codepipeline.skip"),
    TIMEOUT("timeout", "codepipeline.timeout"),
    MAX_ATTEMPTS("maxAttempts", "codepipeline.maxAttempts"),
    FAIL_ON_REPORT_ERROR("failOnReportError", "codepipeline.failOnReportError"),
    REPORT_SUCCESS("reportSuccess", "codepipeline.reportSuccess"),
    SUMMARY("summary", "codepipeline.summary"),
    PERCENT_COMPLETE("percentComplete", "codepipeline.percentComplete"),
    REVISION("revision", "codepipeline.revision"),
    CHANGE_IDENTIFIER("changeIdentifier", "codepipeline.changeIdentifier"),
    REVISION_SUMMARY("revisionSummary", "codepipeline.revisionSummary"),
    REVISION_CREATED("revisionCreated", "codepipeline.revisionCreated"),
    CONTINUATION_TOKEN("continuationToken", "codepipeline.continuationToken"),
    OUTPUT_ARTIFACT("outputArtifact", "codepipeline.outputArtifact"),
    OUTPUT_DIRECTORY("outputDirectory", "codepipeline.outputDirectory"),
    OUTPUT_FILES("outputFiles", "codepipeline.outputFiles"),
    FOLLOW_LINKS("followLinks", "codepipeline.followLinks"),
    INPUT_ARTIFACT("inputArtifact", "codepipeline.inputArtifact"),
    INPUT_DIRECTORY("inputDirectory", "codepipeline.inputDirectory"),
    OVERWRITE("overwrite", "codepipeline.overwrite"),
    MAX_INPUT_SIZE("maxInputSize", "codepipeline.maxInputSize"),
    UPLOAD_CONCURRENCY("uploadConcurrency", "codepipeline.uploadConcurrency"),
    OUTPUT_FORMAT("outputFormat", "codepipeline.outputFormat"),
    /** AWS's own variables for an S3 endpoint: the S3-specific one first, then the one for every service. */
    S3_ENDPOINT("s3Endpoint", "codepipeline.s3Endpoint", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"),
    /** {@code ThirdParty} (a partner action, the default) or {@code Custom} (a custom action); see {@link ActionOwner}. */
    ACTION_OWNER("actionOwner", "codepipeline.actionOwner", "CODEPIPELINE_ACTION_OWNER"),
    /**
     * A custom action's output variables: {@code NAME=value} pairs, comma-separated. The {@code <outputVariables>}
     * element of the goals is a map, read by the goals themselves; this constant names its property.
     */
    OUTPUT_VARIABLES("outputVariables", "codepipeline.outputVariables"),
    /** Set by the job worker ({@code work}) in each build's environment: where the build records what it reported. */
    RESULT_FILE(null, "codepipeline.resultFile", "CODEPIPELINE_RESULT_FILE"),
    JOB_FILE(null, "codepipeline.jobFile", "CODEPIPELINE_JOB_FILE"),
    ACTION_TYPE("actionType", "codepipeline.actionType"),
    CLIENT_TOKENS("clientTokens", "codepipeline.clientTokens"),
    WORK_DIRECTORY("workDirectory", "codepipeline.workDirectory"),
    COMMAND("command", "codepipeline.command"),
    MAX_JOBS("maxJobs", "codepipeline.maxJobs"),
    MAX_JOBS_TOTAL("maxJobsTotal", "codepipeline.maxJobsTotal"),
    JOB_TIMEOUT("jobTimeout", "codepipeline.jobTimeout"),
    SHUTDOWN_TIMEOUT("shutdownTimeout", "codepipeline.shutdownTimeout"),
    IDLE_TIMEOUT("idleTimeout", "codepipeline.idleTimeout"),
    POLL_INTERVAL("pollInterval", "codepipeline.pollInterval"),
    KEEP_WORKSPACES("keepWorkspaces", "codepipeline.keepWorkspaces"),
    BUILD_USER("buildUser", "codepipeline.buildUser"),
    HEALTH_FILE("healthFile", "codepipeline.healthFile"),
    PASS_AWS_CREDENTIALS("passAwsCredentials", "codepipeline.passAwsCredentials");

    private final String element;
    private final String property;
    private final List<String> environment;

    Setting(String element, String property, String... environment) {
        this.element = element;
        this.property = property;
        this.environment = Collections.unmodifiableList(Arrays.asList(environment));
    }

    /** The plugin {@code <configuration>} element, or {@code null} when the setting has none. */
    public String element() {
        return element;
    }

    public String property() {
        return property;
    }

    public List<String> environment() {
        return environment;
    }

    /** How a person sets it, for error messages: {@code -Dcodepipeline.jobId or CODEPIPELINE_JOB_ID}. */
    public String howToSet() {
        StringBuilder sb = new StringBuilder("-D").append(property);
        for (String variable : environment) {
            sb.append(" or ").append(variable);
        }
        return sb.toString();
    }
}
