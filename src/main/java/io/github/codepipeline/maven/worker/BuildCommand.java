package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.OutputVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a job's build is started with: its command line and its environment. */
final class BuildCommand {
    private BuildCommand() {}

    /** The configured command, else {@code ./mvnw -B verify} when the sources hold an executable mvnw, else this Maven's. */
    static List<String> command(Worker worker, Workspace workspace) {
        if (worker.settings.command != null) {
            return worker.settings.command;
        }
        List<String> words = new ArrayList<>();
        Path wrapper = workspace.source.resolve("mvnw");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (!windows && Files.isRegularFile(wrapper) && Files.isExecutable(wrapper)) {
            words.add(wrapper.toString());
        } else {
            words.add(worker.mavenCommand());
        }
        words.add("-B");
        words.add("verify");
        return words;
    }

    /** The worker's environment without its own CODEPIPELINE_ variables, and the job's. */
    static Map<String, String> environment(Worker worker, Job job, Workspace workspace) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> each : worker.environment.entrySet()) {
            if (!each.getKey().startsWith("CODEPIPELINE_")) {
                env.put(each.getKey(), each.getValue());
            }
        }
        env.putAll(worker.childConnection);
        env.put("CODEPIPELINE_JOB_ID", job.id);
        if (job.clientToken != null) {
            env.put("CODEPIPELINE_CLIENT_TOKEN", job.clientToken);
        }
        env.put("CODEPIPELINE_ACTION_OWNER", job.owner);
        env.put("CODEPIPELINE_RESULT_FILE", workspace.result.toString());
        putIfSet(env, "CODEPIPELINE_PIPELINE_NAME", job.pipeline);
        putIfSet(env, "CODEPIPELINE_STAGE_NAME", job.stage);
        putIfSet(env, "CODEPIPELINE_ACTION_NAME", job.action);
        putIfSet(env, OutputVariables.INPUT_REVISION_VARIABLE, job.inputRevision);
        putIfSet(env, "CODEPIPELINE_CONTINUATION_TOKEN", job.continuationToken);
        for (Map.Entry<String, String> each : job.configuration.entrySet()) {
            env.put("CODEPIPELINE_CONFIG_" + each.getKey().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"),
                    each.getValue());
        }
        return env;
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null && !value.isEmpty()) {
            env.put(name, value);
        }
    }
}
