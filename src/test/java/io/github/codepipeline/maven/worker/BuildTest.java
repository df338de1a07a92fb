package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildTest {
    @TempDir
    Path directory;

    private Build start(String script, Map<String, String> env) throws Exception {
        return start(script, env, Secrets.none());
    }

    private Build start(String script, Map<String, String> env, Secrets secrets) throws Exception {
        Path log = Files.createFile(directory.resolve("build.log"));
        return Build.start(Arrays.asList("sh", "-c", script), directory, env, log, secrets);
    }

    /** Every line the build printed, once its output has ended. */
    private static List<String> lines(Build build) throws Exception {
        build.waitFor(10_000);
        for (int i = 0; i < 400 && !build.outputDone(); i++) {
            Thread.sleep(25);
        }
        List<String> lines = new ArrayList<>();
        build.printEnd(lines::add);
        return lines;
    }

    @Test
    void printsEveryLineOnceKeepsTheLastOnesAndOnlyTheGivenEnvironment() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CODEPIPELINE_JOB_ID", "job-1");
        env.put("PATH", System.getenv("PATH"));
        Build build = start("echo \"job=$CODEPIPELINE_JOB_ID home=${HOME:-none}\"; i=0; while [ $i -lt 100 ]; do echo line $i;"
                + " i=$((i+1)); done; printf 'no newline'; exit 3", env);
        List<String> lines = new ArrayList<>();
        while (!build.outputDone()) {
            build.print(lines::add);
            Thread.sleep(10);
        }
        build.print(lines::add);

        assertThat(lines).hasSize(102).startsWith("job=job-1 home=none").endsWith("line 99", "no newline");
        assertThat(build.tail()).hasSize(Build.TAIL_LINES).endsWith("line 99", "no newline");
        assertThat(build.exitValue()).isEqualTo(3);
        assertThat(Build.describeExit(build.exitValue())).isEqualTo("exit status 3");
    }

    @Test
    void aBuildStoppedBySignalsSaysWhich() throws Exception {
        Build build = start("sleep 30", new HashMap<>());
        build.terminate();
        assertThat(build.waitFor(10_000)).isTrue();
        assertThat(Build.describeExit(build.exitValue())).isEqualTo("exit status 143 (killed by signal 15, SIGTERM)");
        assertThat(Build.describeExit(137)).startsWith("exit status 137 (killed by signal 9, SIGKILL: ");
    }

    @Test
    void stoppingABuildStopsTheProcessesItStartedAndItRunsWhileTheyDo() throws Exception {
        // A script that runs the real build: the shell waits for its child (as bash ci.sh waits for mvn).
        Build build = start("sleep 60 & echo $! > child.pid; wait $!", new HashMap<>());
        Path pid = directory.resolve("child.pid");
        for (int i = 0; i < 200 && (!Files.exists(pid) || Files.size(pid) == 0); i++) {
            Thread.sleep(25);
        }
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElseThrow();
        assertThat(ProcessFamily.supported()).isTrue();

        build.terminate();
        child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        for (int i = 0; i < 200 && build.isAlive(); i++) {
            Thread.sleep(25);
        }

        assertThat(child.isAlive()).isFalse();
        assertThat(build.isAlive()).isFalse();
    }

    @Test
    void aLongLineIsCut() throws Exception {
        Build build = start("head -c 100000 /dev/zero | tr '\\000' x; echo", new HashMap<>());
        List<String> lines = lines(build);

        assertThat(lines).singleElement().asString().hasSize(Build.MAX_LINE + 1).endsWith("x\u2026");
    }

    @Test
    void aSecretCrossingTheCutIsMaskedBeforeTheLineIsCutAlsoPastTheReadLimit() throws Exception {
        String secret = "config-value-ShopSecret-0123456789";
        String pem = "-----BEGIN KEY-----\nMIIEpAIBAAKCAQEA7s3cr3tL1n3\n-----END KEY-----";
        Build build = start("head -c " + (Build.MAX_LINE - 10) + " /dev/zero | tr '\\000' x; echo " + secret
                + "; head -c " + (4 * (Build.MAX_LINE + Build.MASKED) - 20) + " /dev/zero | tr '\\000' y; echo " + secret
                + "; echo 'key line MIIEpAIBAAKCAQEA7s3cr3tL1n3 printed'", new HashMap<>(), Secrets.of(secret, pem));
        List<String> lines = lines(build);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("x".repeat(Build.MAX_LINE - 10) + "****");
        assertThat(lines.get(1)).hasSize(Build.MAX_LINE + 1).endsWith("y\u2026");
        assertThat(lines.get(2)).isEqualTo("key line **** printed");
        assertThat(String.join("\n", lines) + build.tail()).doesNotContain(secret.substring(0, 6))
                .doesNotContain("MIIEpAIB");
    }

    @Test
    void buildLogKeepsItsHeadAndTailWithALineForWhatWasLeftOutAndTheTailIsTheRealLastLines() throws Exception {
        Path log = Files.createFile(directory.resolve("build.log"));
        Build build = Build.start(Arrays.asList("sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo line $i; i=$((i+1));"
                + " done; echo the real last line"), directory, new HashMap<>(), log, Secrets.none(),
                new Build.Launch(null, 1000, 2000, java.util.Collections::emptyList));
        List<String> lines = lines(build);

        List<String> kept = Files.readAllLines(log);
        assertThat(String.join("\n", kept).length()).isLessThan(1000 + 2000 + 200);
        assertThat(kept.get(0)).isEqualTo("line 0");
        assertThat(kept).last().isEqualTo("the real last line");
        assertThat(kept).anySatisfy(line -> assertThat(line).matches("\\[codepipeline: \\d+ lines \\(\\d+ bytes\\) of output"
                + " left out here: build.log keeps the first 1000 bytes and the last 2000 bytes\\]"));
        assertThat(build.tail()).hasSize(Build.TAIL_LINES).endsWith("line 19999", "the real last line");
        assertThat(lines).hasSize(Build.LINES_A_TURN + 1).last().isEqualTo("the real last line");
        assertThat(lines.get(0)).matches("\\[codepipeline: \\d+ lines of output not shown here: the build wrote faster than"
                + " the worker prints; build.log has its head and tail\\]");
    }

    @Test
    void aProcessTheBuildLeftInItsSessionOrWithItsMarkerIsFoundAndStopped() throws Exception {
        // one daemon stays in the session, one leaves it (setsid) but keeps the environment's marker
        Build build = start("sleep 60 > /dev/null 2>&1 & setsid sleep 61 > /dev/null 2>&1 & echo started", new HashMap<>());
        lines(build);
        assertThat(build.mainAlive()).isFalse();
        List<ProcessTable.Proc> left = new ArrayList<>();
        for (int i = 0; i < 200 && left.size() < 2; i++) {
            Thread.sleep(25);
            left = build.leftovers();
        }
        assertThat(left).hasSize(2);
        assertThat(build.isAlive()).isTrue();

        build.stopLeftovers(false);
        for (int i = 0; i < 200 && build.isAlive(); i++) {
            Thread.sleep(25);
        }
        assertThat(build.leftovers()).isEmpty();
        assertThat(left).noneMatch(ProcessTable::isAlive);
    }

    @Test
    void aProcessIsNamedByItsPidAndStartTimeSoAReusedPidIsNotItsProcess() {
        ProcessTable.Proc self = ProcessTable.self();
        assertThat(self).isNotNull();
        assertThat(ProcessTable.isAlive(self)).isTrue();
        assertThat(ProcessTable.isAlive(new ProcessTable.Proc(self.pid, self.start + 1))).isFalse();
    }

    @Test
    void pollsBackOffOnFailuresUpToFiveMinutesAndLogEachErrorOnce() {
        Pacing pacing = new Pacing(10_000, new Random(1));
        assertThat(pacing.afterSuccess(2)).isZero();
        assertThat(pacing.afterSuccess(0)).isBetween(8_000L, 12_000L);
        assertThat(pacing.afterFailure()).isBetween(8_000L, 12_000L);
        assertThat(pacing.afterFailure()).isBetween(16_000L, 24_000L);
        for (int i = 0; i < 30; i++) {
            assertThat(pacing.afterFailure()).isLessThanOrEqualTo(Pacing.MAX_BACKOFF_MILLIS * 12 / 10);
        }
        assertThat(pacing.firstTime("throttled (x, request ID 1)")).isTrue();
        assertThat(pacing.firstTime("throttled (x, request ID 2)")).isFalse();
        assertThat(pacing.firstTime("refused")).isTrue();
        assertThat(pacing.afterSuccess(0)).isBetween(8_000L, 12_000L);
        assertThat(pacing.failuresInARow()).isZero();
    }
}
