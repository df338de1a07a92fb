package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The job worker's own settings ({@code codepipeline.*} properties: the goal has no project), checked before it polls.
 * Durations are a whole number with an optional unit, {@code s} (the default), {@code m} or {@code h}: {@code 90},
 * {@code 15m}, {@code 2h}.
 */
public final class WorkerSettings {
    static final long DEFAULT_JOB_TIMEOUT = 60 * 60;
    static final long DEFAULT_SHUTDOWN_TIMEOUT = 20;
    static final long DEFAULT_POLL_INTERVAL = 10;
    static final int MAX_MAX_JOBS = 64;

    final ActionType actionType;
    final Path clientTokens;
    final Path workDirectory;
    /** The command's words, or {@code null} for the default ({@code ./mvnw -B -ntp verify} or this Maven's). */
    final List<String> command;
    final int maxJobs;
    /** 0: no limit. */
    final int maxJobsTotal;
    final long jobTimeoutSeconds;
    final long shutdownTimeoutSeconds;
    /** 0: never idle out. */
    final long idleTimeoutSeconds;
    final long pollIntervalSeconds;
    final boolean keepWorkspaces;
    /** Whether builds get the worker's own AWS credentials (see {@link BuildEnvironment}); off by default. */
    final boolean passAwsCredentials;
    final boolean dryRun;
    /** The OS user the builds run as, or {@code null} for the worker's own. */
    final String buildUser;
    /** The file touched at each turn of the worker's loop, or {@code null}. */
    final Path healthFile;

    private WorkerSettings(SettingSources sources, Path base) throws InvalidSettingException {
        actionType = ActionType.parse(sources.get(Setting.ACTION_TYPE));
        String tokens = sources.get(Setting.CLIENT_TOKENS);
        clientTokens = tokens == null ? null : base.resolve(tokens).toAbsolutePath().normalize();
        String work = sources.get(Setting.WORK_DIRECTORY);
        workDirectory = base.resolve(work == null ? "codepipeline-work" : work).toAbsolutePath().normalize();
        String line = sources.get(Setting.COMMAND);
        command = line == null ? null : words(line);
        maxJobs = (int) number(sources, Setting.MAX_JOBS, 1, 1, MAX_MAX_JOBS);
        maxJobsTotal = (int) number(sources, Setting.MAX_JOBS_TOTAL, 0, 0, Integer.MAX_VALUE);
        jobTimeoutSeconds = duration(sources, Setting.JOB_TIMEOUT, DEFAULT_JOB_TIMEOUT, 1, 7 * 24 * 3600);
        shutdownTimeoutSeconds = duration(sources, Setting.SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT, 0, 3600);
        idleTimeoutSeconds = duration(sources, Setting.IDLE_TIMEOUT, 0, 0, 365L * 24 * 3600);
        pollIntervalSeconds = duration(sources, Setting.POLL_INTERVAL, DEFAULT_POLL_INTERVAL, 1, 600);
        keepWorkspaces = bool(sources, Setting.KEEP_WORKSPACES);
        passAwsCredentials = bool(sources, Setting.PASS_AWS_CREDENTIALS);
        dryRun = bool(sources, Setting.DRY_RUN);
        String user = sources.get(Setting.BUILD_USER);
        buildUser = user == null || user.trim().isEmpty() ? null : user.trim();
        String health = sources.get(Setting.HEALTH_FILE);
        healthFile = health == null || health.trim().isEmpty() ? null : base.resolve(health.trim()).toAbsolutePath().normalize();
        if (!actionType.isCustom() && clientTokens == null && !dryRun) {
            throw new InvalidSettingException("No client token file: a worker for the partner action type " + actionType
                    + " looks up each job's client token by its client ID; set -D" + Setting.CLIENT_TOKENS.property()
                    + "=FILE, a file of clientId=token lines that only you can read (chmod 600).");
        }
    }

    /** @param base the directory relative paths are resolved against (where Maven was started) */
    public static WorkerSettings resolve(SettingSources sources, Path base) throws InvalidSettingException {
        return new WorkerSettings(sources, base);
    }

    private static boolean bool(SettingSources sources, Setting setting) throws InvalidSettingException {
        String value = sources.get(setting);
        if (value == null || "false".equalsIgnoreCase(value)) {
            return false;
        }
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        throw invalid(setting, value, "Use true or false");
    }

    private static long number(SettingSources sources, Setting setting, long defaultValue, long min, long max)
            throws InvalidSettingException {
        String value = sources.get(setting);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw invalid(setting, value, "Use a whole number from " + min + " to " + max);
    }

    static long duration(SettingSources sources, Setting setting, long defaultSeconds, long min, long max)
            throws InvalidSettingException {
        String value = sources.get(setting);
        if (value == null) {
            return defaultSeconds;
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (text.endsWith("s") || text.endsWith("m") || text.endsWith("h")) {
            unit = text.endsWith("h") ? 3600 : text.endsWith("m") ? 60 : 1;
            text = text.substring(0, text.length() - 1);
        }
        try {
            long seconds = Long.parseLong(text) * unit;
            if (seconds >= min && seconds <= max && text.length() < 10) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw invalid(setting, value, "Use a duration from " + min + " s to " + max + " s, such as 90 (seconds), 15m or 2h");
    }

    private static InvalidSettingException invalid(Setting setting, String value, String fix) {
        return new InvalidSettingException("Invalid " + setting.property() + ": '" + value + "'. " + fix + " (set it with -D"
                + setting.property() + ").");
    }

    /**
     * Splits a command line into words at unquoted whitespace; single and double quotes group words. No shell runs it:
     * for pipes or {@code &&}, use {@code sh -c '...'}.
     */
    static List<String> words(String line) throws InvalidSettingException {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new InvalidSettingException("Invalid " + Setting.COMMAND.property() + ": a " + quote + " is not closed.");
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new InvalidSettingException("Invalid " + Setting.COMMAND.property() + ": it names no program.");
        }
        return Collections.unmodifiableList(words);
    }

    static String duration(long seconds) {
        return seconds % 3600 == 0 && seconds > 0 ? seconds / 3600 + " h" : seconds % 60 == 0 && seconds > 0
                ? seconds / 60 + " min" : seconds + " s";
    }
}
