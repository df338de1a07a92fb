package io.github.codepipeline.maven.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT as the Maven builds of the ITs get it. A process started by a parent that ignores SIGINT ({@code cmd &} from a
 * script, {@code nohup}, some CI runners) inherits the ignored disposition, and a JVM started so installs no handler
 * for it: {@code kill -INT} then does nothing. So every build is started through {@code env --default-signal=INT}
 * (coreutils 8.31+), which restores the default disposition before it runs {@code mvn}, as a terminal would have it;
 * without such an {@code env}, a test that needs SIGINT is skipped with {@link #REASON} when it is ignored here.
 */
final class SignalDisposition {
    /** What goes before {@code mvn}: {@code env --default-signal=INT} where it works, else nothing. */
    static final List<String> LAUNCHER = launcher();
    static final String REASON = "this JVM was started with SIGINT ignored (cmd & from a script, nohup) and there is no"
            + " env --default-signal (coreutils 8.31+) to restore it for Maven: kill -INT would not reach the build";

    private SignalDisposition() {}

    private static List<String> launcher() {
        List<String> env = Arrays.asList("env", "--default-signal=INT");
        try {
            Process probe = new ProcessBuilder(concat(env, "true")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return Collections.unmodifiableList(env);
            }
            probe.destroyForcibly();
        } catch (IOException e) {
            // no env: started as it is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Collections.emptyList();
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(last);
        return all;
    }

    /** Whether a build started now gets SIGINT ignored: this JVM ignores it (Linux's SigIgn) and no launcher resets it. */
    static boolean interruptIgnoredInBuilds() {
        return LAUNCHER.isEmpty() && interruptIgnoredHere();
    }

    /** SIGINT (2) in this process's ignored set, from {@code /proc/self/status}; {@code false} where that is unknown. */
    static boolean interruptIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return false;
    }
}
