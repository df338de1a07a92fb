package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A job's build, a child process in the job's workspace, in a session of its own ({@code setsid}, on Linux) and, with
 * {@code codepipeline.buildUser}, as that user ({@code setpriv}). Its output (stdout and stderr together) is read to the
 * last byte by a thread of its own ({@link BuildOutput}); the worker's thread prints it with the job's prefix
 * ({@link #print}). The build's processes are those of its session and those that carry its marker in their
 * environment ({@link ProcessTable}), plus, where there is no {@code /proc}, its descendants ({@link ProcessFamily}):
 * stopped with {@code SIGTERM}, then {@code SIGKILL}, all of them.
 */
final class Build {
    static final int TAIL_LINES = BuildOutput.TAIL_LINES;
    static final int MAX_LINE = BuildOutput.MAX_LINE;
    static final int MASKED = BuildOutput.MASKED;
    static final int LINES_A_TURN = 2000;
    private static final String SETSID = first("/usr/bin/setsid", "/bin/setsid");
    private static final String SETPRIV = first("/usr/bin/setpriv", "/bin/setpriv");

    /** How a build is started: as whom, and how much of its output {@code build.log} keeps. */
    static final class Launch {
        /** {@code uid:gid} to run as, or {@code null} for the worker's own user. */
        final String user;
        final long headBytes;
        final long tailBytes;
        /** The builds running meanwhile: with {@code user}, the processes of that user that are not theirs are this one's. */
        final Supplier<Collection<Build>> running;

        Launch(String user, long headBytes, long tailBytes, Supplier<Collection<Build>> running) {
            this.user = user;
            this.headBytes = headBytes;
            this.tailBytes = tailBytes;
            this.running = running;
        }

        static Launch plain() {
            return new Launch(null, BuildOutput.HEAD_BYTES, BuildOutput.TAIL_BYTES, Collections::emptyList);
        }
    }

    private final Process process;
    private final BuildOutput output;
    private final Thread reader;
    final String marker;
    /** The build's session (its first process's PID, which {@code setsid} makes a session leader), or -1. */
    final long leader;
    /** The build's first process, or {@code null} where there is no {@code /proc}. */
    final ProcessTable.Proc first;
    /** The build's descendants ({@code ProcessHandle}s) noted when it was stopped: for systems without {@code /proc}. */
    private final List<Object> family = new ArrayList<>();
    /** The build's descendants seen at its turns ({@link #watch}) and still running: those that left session and marker. */
    private final Set<ProcessTable.Proc> seen = ConcurrentHashMap.newKeySet();
    /** The build user's UID, or -1 ({@link Launch#user}). */
    private final long uid;
    private final Supplier<Collection<Build>> running;
    private final long started = System.nanoTime();

    private Build(Process process, BuildOutput output, String marker, boolean session, Launch launch) {
        this.process = process;
        this.output = output;
        this.marker = marker;
        this.uid = launch.user == null ? -1 : Long.parseLong(launch.user.split(":")[0]);
        this.running = launch.running;
        long pid = ProcessFamily.pid(process);
        this.leader = session ? pid : -1;
        this.first = pid > 0 ? ProcessTable.of(pid) : null;
        this.reader = new Thread(() -> output.readAll(process.getInputStream()), "codepipeline-build-output-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    static Build start(List<String> command, Path directory, Map<String, String> environment, Path log, Secrets secrets)
            throws IOException {
        return start(command, directory, environment, log, secrets, Launch.plain());
    }

    /**
     * Starts {@code command} in {@code directory} with exactly {@code environment} and the build's marker, its output to
     * {@code log} (head and tail); each line is masked with {@code secrets} before it is cut, kept or handed on.
     */
    static Build start(List<String> command, Path directory, Map<String, String> environment, Path log, Secrets secrets,
            Launch launch) throws IOException {
        List<String> words = new ArrayList<>();
        boolean session = SETSID != null && ProcessTable.supported();
        if (session || launch.user != null) { // the wrapper would start, then fail to run it: say so as Java would
            findProgram(command.get(0), System.getenv("PATH"), directory); // as Java looks it up: in its own PATH
        }
        if (session) {
            words.add(SETSID);
        }
        if (launch.user != null) {
            if (SETPRIV == null) {
                throw new IOException("setpriv is not installed, so the build cannot run as another user");
            }
            String[] ids = launch.user.split(":");
            words.add(SETPRIV);
            words.add("--reuid=" + ids[0]);
            words.add("--regid=" + ids[1]);
            words.add("--init-groups");
            words.add("--");
        }
        words.addAll(command);
        String marker = UUID.randomUUID().toString();
        ProcessBuilder builder = new ProcessBuilder(words).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put(ProcessTable.MARKER_VARIABLE, marker);
        BuildOutput output = new BuildOutput(log, secrets, launch.headBytes, launch.tailBytes);
        Process process = builder.start();
        process.getOutputStream().close(); // no input: a build that reads it sees its end, not a wait for ever
        return new Build(process, output, marker, session, launch);
    }

    /** Throws what {@link ProcessBuilder#start()} would for a program that is not there (or not executable). */
    private static void findProgram(String program, String path, Path directory) throws IOException {
        if (program.contains("/")) {
            if (Files.isExecutable(directory.resolve(program)) && !Files.isDirectory(directory.resolve(program))) {
                return;
            }
        } else {
            for (String each : (path == null ? "" : path).split(":")) {
                Path candidate = Paths.get(each.isEmpty() ? "." : each).resolve(program);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return;
                }
            }
        }
        throw new IOException("Cannot run program \"" + program + "\": error=2, No such file or directory");
    }

    private static String first(String... paths) {
        for (String path : paths) {
            if (Files.isExecutable(Paths.get(path))) {
                return path;
            }
        }
        return null;
    }

    /**
     * Hands up to a turn's worth of new lines of output to {@code lines}: at most {@link #LINES_A_TURN} (some 8,000 lines a
     * second), so that a build that prints without end does not flood the worker's log; the lines past that are in
     * {@code build.log}'s head and tail.
     */
    void print(Consumer<String> lines) {
        output.print(lines, LINES_A_TURN);
    }

    /** Once the output has ended: its last lines still waiting, at most a turn's worth. */
    void printEnd(Consumer<String> lines) {
        output.printEnd(lines, LINES_A_TURN);
    }

    /** The build's last lines (masked, cut): its real last lines once {@link #outputDone()}. */
    List<String> tail() {
        return output.last();
    }

    /** Whether every byte of the output was read ({@code build.log} complete). */
    boolean outputDone() {
        return output.isDone();
    }

    /** Whether the build's first process still runs. */
    boolean mainAlive() {
        return process.isAlive();
    }

    /**
     * Notes the build's descendants (a turn of the worker's loop while its first process runs), so that a process that
     * leaves the session and clears its environment is still the build's once it is re-parented; forgets those gone.
     */
    void watch() {
        seen.removeIf(each -> !ProcessTable.isAlive(each));
        if (first == null || !process.isAlive()) {
            return;
        }
        for (Object each : ProcessFamily.descendants(process)) {
            Long pid = ProcessFamily.pid(each);
            ProcessTable.Proc proc = pid == null ? null : ProcessTable.of(pid);
            if (proc != null) {
                seen.add(proc);
            }
        }
    }

    /**
     * The build's processes still running other than its first: left behind once it has ended. Those of its session or
     * with its marker, those {@link #watch} saw, and with a build user every process of that user that is not another
     * running build's.
     */
    List<ProcessTable.Proc> leftovers() {
        List<Long> otherLeaders = new ArrayList<>();
        List<String> otherMarkers = new ArrayList<>();
        if (uid >= 0) {
            for (Build other : running.get()) {
                if (other != this) {
                    otherLeaders.add(other.leader);
                    otherMarkers.add(other.marker);
                }
            }
        }
        Set<ProcessTable.Proc> found = new LinkedHashSet<>(ProcessTable.find(leader, marker, uid, otherLeaders,
                otherMarkers));
        for (ProcessTable.Proc each : seen) {
            if (ProcessTable.isAlive(each)) {
                found.add(each);
            }
        }
        if (first != null) {
            found.remove(first);
        }
        return new ArrayList<>(found);
    }

    /** The build's first process, or any process it started, still runs. */
    boolean isAlive() {
        if (process.isAlive() || !leftovers().isEmpty()) {
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

    /** Waits up to {@code millis} for the build's first process to end. */
    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * {@code SIGTERM} to the build and every process of it: the build's Maven reports its interruption (shutdown hook)
     * and ends, also when the command is a script that runs Maven ({@code bash ci.sh}), whose shell would die and leave
     * Maven running. Descendants are noted now too, for systems without {@code /proc}.
     */
    void terminate() {
        signalAll(false);
        process.destroy();
    }

    /** {@code SIGKILL} to the build and every process of it. */
    void kill() {
        signalAll(true);
        process.destroyForcibly();
    }

    private void signalAll(boolean kill) {
        if (process.isAlive()) {
            for (Object each : ProcessFamily.descendants(process)) {
                if (!family.contains(each)) {
                    family.add(each);
                }
            }
        }
        for (Object each : family) {
            ProcessFamily.destroy(each, kill);
        }
        for (ProcessTable.Proc each : leftovers()) {
            ProcessTable.signal(each, kill);
        }
    }

    /** {@code SIGTERM} or ({@code kill}) {@code SIGKILL} to the processes the build left running. */
    void stopLeftovers(boolean kill) {
        signalAll(kill);
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
