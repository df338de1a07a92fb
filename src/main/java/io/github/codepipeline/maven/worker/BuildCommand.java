package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.report.ReportLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a job's build is started with: its command line and its environment. */
final class BuildCommand {
    private BuildCommand() {}

    /** The configured command, else {@code ./mvnw -B -ntp verify} when the sources hold an executable mvnw, else this Maven's. */
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
        words.add("-ntp");
        words.add("verify");
        return words;
    }

    /**
     * The command as a message sent to CodePipeline names it: the configured one as it was given, the default one
     * without this machine's paths ({@code mvn -B -ntp verify}, {@code ./mvnw -B -ntp verify}).
     */
    static String shown(Worker worker, List<String> command) {
        if (worker.settings.command != null || command.isEmpty()) {
            return String.join(" ", command);
        }
        List<String> words = new ArrayList<>(command);
        words.set(0, words.get(0).endsWith("mvnw") ? "./mvnw" : "mvn");
        return String.join(" ", words);
    }

    /** The build's environment: see {@link BuildEnvironment}; the job file and result file in the workspace. */
    static Map<String, String> environment(Worker worker, Job job, Workspace workspace, ReportLog log, String prefix) {
        return BuildEnvironment.of(worker.environment, worker.childConnection, job, workspace.result, workspace.job,
                worker.settings.passAwsCredentials, log, prefix);
    }
}
