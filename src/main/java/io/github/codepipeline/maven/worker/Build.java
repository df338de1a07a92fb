package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.Secrets;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A job's build, a child process in the job's workspace. Its output (stdout and stderr together) goes to a file in the
 * workspace, which the worker's one thread reads on each turn ({@link #pump}) and prints with the job's prefix: no
 * reader thread per build, and the whole output is kept however long it gets. The last lines are kept for the failure
 * message. Each line is masked (the job's secrets) before it is cut, kept or printed. Stopped with {@code SIGTERM}
 * ({@link Process#destroy()}), then {@code SIGKILL}, each sent to the processes the build started too.
 */
final class Build {
    static final int TAIL_LINES = 40;
    /** Longer lines are cut when printed and kept: a minified file printed by a test must not fill the worker's memory. */
    static final int MAX_LINE = 2000;
    /**
     * The longest secret a line is sure to be masked for before it is cut: a line is read up to
     * {@code 4 * (MAX_LINE + MASKED)} bytes, masked, then cut at {@link #MAX_LINE} characters, so a secret that starts
     * before the cut is whole when masked (a configuration value has at most 1,000 characters, a client token 256).
     */
    static final int MASKED = 4096;
    private static final int CHUNK = 64 * 1024;

    private final Process process;
    private final Path log;
    private final Secrets secrets;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    /** The build's descendants ({@code ProcessHandle}s) noted when it was stopped. */
    private final List<Object> family = new ArrayList<>();
    private long position;
    private final long started = System.nanoTime();

    private Build(Process process, Path log, Secrets secrets) {
        this.process = process;
        this.log = log;
        this.secrets = secrets;
    }

    /**
     * Starts {@code command} in {@code directory} with exactly {@code environment}, its output to {@code log}; each line
     * is masked with {@code secrets} before it is cut, kept or handed on.
     */
    static Build start(List<String> command, Path directory, Map<String, String> environment, Path log, Secrets secrets)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close(); // no input: a build that reads it sees its end, not a wait for ever
        return new Build(process, log, secrets);
    }

    /** Hands each whole new line of output to {@code lines}; at the build's end also a last line without newline. */
    void pump(Consumer<String> lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] buffer = new byte[CHUNK];
            for (int turns = 0; turns < 64; turns++) { // at most 4 MB a turn: other builds' turns come too
                file.seek(position);
                int read = file.read(buffer);
                if (read <= 0) {
                    break;
                }
                position += read;
                // ISO-8859-1 keeps bytes apart; lines are decoded as UTF-8 whole
                String text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                int start = 0;
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == '\n') {
                        append(text, start, i);
                        emit(lines);
                        start = i + 1;
                    }
                }
                append(text, start, text.length());
            }
        } catch (IOException e) {
            // the log is ours, in the workspace: nothing to do but show less
        }
        if (!process.isAlive() && partial.length() > 0) {
            emit(lines);
        }
    }

    private void append(String text, int from, int to) {
        int room = 4 * (MAX_LINE + MASKED) - partial.length();
        partial.append(text, from, Math.min(to, from + Math.max(0, room)));
    }

    private void emit(Consumer<String> lines) {
        byte[] bytes = partial.toString().getBytes(StandardCharsets.ISO_8859_1);
        partial.setLength(0);
        String line = new String(bytes, StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        line = secrets.redact(line); // before the cut: a secret crossing it would lose its end and no longer match
        if (line.length() > MAX_LINE) {
            line = line.substring(0, MAX_LINE) + "\u2026";
        }
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        lines.accept(line);
    }

    /** The last lines printed so far. */
    List<String> tail() {
        return new ArrayList<>(tail);
    }

    /** The build's process, or after {@link #terminate} any of the processes it had started, still runs. */
    boolean isAlive() {
        if (process.isAlive()) {
            return true;
        }
        for (Object each : family) {
            if (ProcessFamily.isAlive(each)) {
                return true;
            }
        }
        return false;
    }

    /** The exit status; for a build ended by a signal, 128 plus the signal's number, as a shell shows it. */
    int exitValue() {
        return process.exitValue();
    }

    /** Waits up to {@code millis} for the build to end. */
    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * {@code SIGTERM} to the build and every process it started (on Java 9+): the build's Maven reports its interruption
     * (shutdown hook) and ends, also when the command is a script that runs Maven ({@code bash ci.sh}), whose shell
     * would die and leave Maven running. The processes are noted now, while they are still the build's descendants
     * (a shell's children are handed to init when it dies), and the build counts as running while any of them is.
     */
    void terminate() {
        family.addAll(ProcessFamily.descendants(process));
        for (Object each : family) {
            ProcessFamily.destroy(each, false);
        }
        process.destroy();
    }

    /** {@code SIGKILL} to the build and every process it started (on Java 9+), also those noted by {@link #terminate}. */
    void kill() {
        for (Object each : ProcessFamily.descendants(process)) {
            if (!family.contains(each)) {
                family.add(each);
            }
        }
        for (Object each : family) {
            ProcessFamily.destroy(each, true);
        }
        process.destroyForcibly();
    }

    long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** "exit status 1", "exit status 137 (killed by signal 9, SIGKILL)". */
    static String describeExit(int status) {
        if (status > 128 && status < 160) {
            int signal = status - 128;
            String name = signal == 9 ? "SIGKILL" : signal == 15 ? "SIGTERM" : signal == 2 ? "SIGINT" : signal == 6
                    ? "SIGABRT" : signal == 11 ? "SIGSEGV" : signal == 1 ? "SIGHUP" : "signal " + signal;
            return "exit status " + status + " (killed by signal " + signal + ", " + name
                    + (signal == 9 ? ": by hand, the time limit or the system's out-of-memory killer" : "") + ")";
        }
        return "exit status " + status;
    }
}
