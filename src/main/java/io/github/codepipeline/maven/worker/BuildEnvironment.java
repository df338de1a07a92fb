package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.OutputVariables;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ReportLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A build's environment: the worker's own, less what a build must not hold, plus the job's. Removed always: the
 * worker's {@code CODEPIPELINE_*} variables (its client token among them) and {@code MAVEN_CMD_LINE_ARGS} (the
 * worker's own command line). Removed unless {@code codepipeline.passAwsCredentials=true}: the worker's AWS credentials,
 * {@link #AWS_CREDENTIALS} and the {@link #AWS_CREDENTIAL_PREFIXES}; then {@code AWS_EC2_METADATA_DISABLED=true} keeps
 * an AWS SDK in the build from falling back to the instance's role (a default, not a barrier: the network stays open).
 * The region and endpoints stay.
 *
 * <p>Each configuration property {@code NAME} becomes {@code CODEPIPELINE_CONFIG_<NAME>}, upper-cased, characters other
 * than letters, digits and {@code _} replaced by {@code _}. When several names map to one variable ({@code A=B},
 * {@code a-b}, {@code A_B}): one WARNING, and the name that needs no replacement wins (only upper-casing: {@code A_B}),
 * else the first in code-point order.
 */
final class BuildEnvironment {
    static final List<String> AWS_CREDENTIALS = Collections.unmodifiableList(Arrays.asList("AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_CONFIG_FILE", "AWS_CREDENTIAL_EXPIRATION"));
    static final List<String> AWS_CREDENTIAL_PREFIXES = Collections.unmodifiableList(Arrays.asList(
            "AWS_CONTAINER_CREDENTIALS_", "AWS_CONTAINER_AUTHORIZATION_TOKEN"));
    static final String CONFIG_PREFIX = "CODEPIPELINE_CONFIG_";

    private BuildEnvironment() {}

    /**
     * @param worker the worker's environment
     * @param connection the worker's region, endpoints and profile from {@code -D}, as variables
     * @param resultFile the job's {@code CODEPIPELINE_RESULT_FILE}
     * @param jobFile the job's {@code CODEPIPELINE_JOB_FILE}
     * @param log where a collision of configuration names is one WARNING
     */
    static Map<String, String> of(Map<String, String> worker, Map<String, String> connection, Job job, Path resultFile,
            Path jobFile, boolean passAwsCredentials, ReportLog log, String prefix) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> each : worker.entrySet()) {
            String name = each.getKey();
            if (!name.startsWith("CODEPIPELINE_") && !name.equals("MAVEN_CMD_LINE_ARGS")
                    && (passAwsCredentials || !isAwsCredential(name))) {
                env.put(name, each.getValue());
            }
        }
        for (Map.Entry<String, String> each : connection.entrySet()) {
            if (passAwsCredentials || !isAwsCredential(each.getKey())) {
                env.put(each.getKey(), each.getValue());
            }
        }
        if (!passAwsCredentials) {
            env.put("AWS_EC2_METADATA_DISABLED", "true");
        }
        env.put(Setting.JOB_ID.environment().get(0), job.id);
        env.put(Setting.ACTION_OWNER.environment().get(0), job.owner);
        env.put(Setting.RESULT_FILE.environment().get(0), resultFile.toString());
        env.put(Setting.JOB_FILE.environment().get(0), jobFile.toString());
        putIfSet(env, "CODEPIPELINE_PIPELINE_NAME", job.pipeline);
        putIfSet(env, "CODEPIPELINE_STAGE_NAME", job.stage);
        putIfSet(env, "CODEPIPELINE_ACTION_NAME", job.action);
        putIfSet(env, OutputVariables.INPUT_REVISION_VARIABLE, job.inputRevision);
        putIfSet(env, "CODEPIPELINE_CONTINUATION_TOKEN", job.continuationToken);
        Map<String, List<String>> byVariable = new TreeMap<>();
        for (String name : job.configuration.keySet()) { // sorted: the job's configuration is a TreeMap
            byVariable.computeIfAbsent(variable(name), v -> new ArrayList<>()).add(name);
        }
        for (Map.Entry<String, List<String>> each : byVariable.entrySet()) {
            List<String> names = each.getValue();
            String winner = winner(names);
            if (names.size() > 1) {
                log.warn(JobCalls.PREFIX + prefix + "the action's configuration names " + String.join(", ", quoted(names))
                        + " all map to " + each.getKey() + ": the build gets the value of '" + winner + "' (a name of"
                        + " letters, digits and _ wins, else the first in code-point order); rename the others.");
            }
            env.put(each.getKey(), job.configuration.get(winner));
        }
        return env;
    }

    /** {@code CODEPIPELINE_CONFIG_} and the name upper-cased, characters other than A-Z, 0-9 and _ as _. */
    static String variable(String name) {
        return CONFIG_PREFIX + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    private static String winner(List<String> names) {
        for (String name : names) {
            if (name.matches("[A-Za-z0-9_]*")) {
                return name;
            }
        }
        return names.get(0);
    }

    private static List<String> quoted(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String name : names) {
            quoted.add("'" + ResultHandoff.shown(name) + "'");
        }
        return quoted;
    }

    static boolean isAwsCredential(String name) {
        if (AWS_CREDENTIALS.contains(name)) {
            return true;
        }
        for (String prefix : AWS_CREDENTIAL_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null && !value.isEmpty()) {
            env.put(name, value);
        }
    }
}
