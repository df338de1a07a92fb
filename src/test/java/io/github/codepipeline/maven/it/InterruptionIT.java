package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Builds that do not end normally: signals, and errors rather than exceptions. */
class InterruptionIT extends EndpointSupport {
    /** InterruptionHook.TIME_LIMIT_SECONDS. */
    private static final int HOOK_LIMIT_SECONDS = 5;

    /**
     * Also when the suite itself was started with SIGINT ignored ({@code (trap '' INT; mvn verify)}, {@code nohup},
     * {@code cmd &} from a script): {@link SignalDisposition} restores the default for the build, or the INT case is
     * skipped, saying why.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalledBuildIsReportedOnceBeforeTheProcessExits(String signal) throws Exception {
        assumeFalse(signal.equals("INT") && SignalDisposition.interruptIgnoredInBuilds(), SignalDisposition.REASON);
        MavenBuild.Running running = build("sleeping-test", "signal" + signal).args("verify").start();
        running.awaitLog("SLOW-TEST-STARTED", 120);

        running.signal(signal);
        MavenBuild.Result result = running.waitFor(60);

        // The request is in the endpoint's journal once the process has exited: it was sent before the exit.
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).as(result.toString()).hasSize(1);
        assertThat(bodies.get(0).get("failureDetails").toString()).contains("type=JobFailed");
        assertThat(FailureReportIT.message(bodies.get(0)))
                .startsWith("Maven build was interrupted after ")
                .contains("while building module shop-slow (goal maven-surefire-plugin:test)");
        assertThat(result.exitCode).isNotZero();
        assertThat(result.log).doesNotContain(TOKEN);
    }

    @Test
    void aNormallyFailingBuildWithTheHookArmedIsReportedOnce() {
        MavenBuild.Result result = build("compile-failure", "hookArmedNormalFailure").args("verify").run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(FailureReportIT.message(endpoint.bodies(FAILURE).get(0))).startsWith("Maven build failed in module shop-api");
    }

    @Test
    void outOfMemoryInMavensOwnJvmIsReportedAsAFailure() {
        MavenBuild.Result result = build("out-of-memory", "outOfMemory").mavenOpts("-Xmx128m").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).as(result.toString()).hasSize(1);
        assertThat(bodies.get(0).get("failureDetails").toString()).contains("type=JobFailed");
        assertThat(FailureReportIT.message(bodies.get(0))).contains("shop-hog", "exec-maven-plugin:java", "Java heap space");
    }

    @Test
    void aPassingBuildWithAJobLeavesNoHookBehind() {
        MavenBuild.Result result = build("passing", "hookPassing").args("verify").run();

        assertThat(result.exitCode).isZero();
        assertThat(endpoint.requests()).isEmpty();
        assertThat(result.log).doesNotContain("CodePipeline");
    }

    /**
     * A build that ends normally removes its hook: at {@code -X} a hook that ran at the JVM's exit says so. Mutation
     * tried: {@code InterruptionHook.disarm} adding the hook back instead of removing it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"passing", "compile-failure"})
    void aBuildThatEndsNormallyLeavesNoHookBehind(String project) {
        MavenBuild.Result result = build(project, "hookRemoved-" + project).quickJvm().args("-X", "verify").run();

        assertThat(result.log).as(result.toString()).contains("BUILD ");
        assertThat(result.log).doesNotContain("CodePipeline: the JVM is shutting down before the build ended.");
    }

    /**
     * The hook's report is bounded by {@link #HOOK_LIMIT_SECONDS} whatever codepipeline.timeout says: a process being
     * stopped must stop. Mutation tried: the hook calling {@code AutomaticReport.run} with no bound (0).
     */
    @Test
    void theInterruptionReportIsBoundedWithASlowEndpoint() throws Exception {
        endpoint.answer(FAILURE, CodePipelineEndpoint.ok("{}").withFixedDelay(45_000));
        MavenBuild.Running running = build("sleeping-test", "hookBound").args("-Dcodepipeline.timeout=60", "verify").start();
        running.awaitLog("SLOW-TEST-STARTED", 120);

        long signalled = System.nanoTime();
        running.signal("TERM");
        MavenBuild.Result result = running.waitFor(120);
        long seconds = (System.nanoTime() - signalled) / 1_000_000_000;

        assertThat(result.log).as(result.toString())
                .contains("[ERROR] CodePipeline: No answer from " + endpoint.url() + " within " + HOOK_LIMIT_SECONDS + " s");
        // 5 s for the report, the rest for a loaded machine; without the bound it takes the endpoint's 45 s.
        assertThat(seconds).as(result.toString()).isLessThan(30);
    }

    /**
     * An OutOfMemoryError whose memory stays taken: {@code it/out-of-memory} with {@code -Dhog.keepAllButKb=1536}
     * keeps all it took but 1.5 MB, about what Maven needs to end the build (with 512 KB Maven itself dies), so the
     * report is made on the memory the plugin held in reserve. Mutation tried: a zero-byte reserve (no report, even
     * with 2 MB left; with the 2 MB reserve, 1 MB left was enough, measured on -Xmx128m).
     */
    @Test
    void outOfMemoryThatKeepsItsMemoryIsStillReported() {
        MavenBuild.Result result = build("out-of-memory", "outOfMemoryKept").mavenOpts("-Xmx128m")
                .args("-Dhog.keepAllButKb=1536", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isNotZero();
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).as(result.toString()).hasSize(1);
        assertThat(FailureReportIT.message(bodies.get(0))).contains("Java heap space");
    }
}
