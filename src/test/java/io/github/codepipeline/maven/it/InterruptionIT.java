package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Builds that do not end normally: signals, and errors rather than exceptions. */
class InterruptionIT extends EndpointSupport {
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalledBuildIsReportedOnceBeforeTheProcessExits(String signal) throws Exception {
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
}
