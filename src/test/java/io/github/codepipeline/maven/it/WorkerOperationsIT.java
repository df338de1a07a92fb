package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job worker for its operators: the health file a liveness probe watches. */
class WorkerOperationsIT {
    @RegisterExtension
    final WorkerSupport support = new WorkerSupport();

    @Test
    void theHealthFileIsTouchedWhileTheWorkerIdlesAndWhileABuildRuns() throws Exception {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild worker = support.worker("health-file", "-Dcodepipeline.healthFile=health", "-Dcodepipeline.idleTimeout=4",
                "-Dcodepipeline.command=sh -c 'echo build-running; sleep 4'");
        Path health = worker.directory().resolve("health");
        MavenBuild.Running running = worker.start();
        running.awaitLog("] build-running", 60);
        List<Long> touched = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // 6 s: the build's 4 s and idle time after it
            Thread.sleep(500);
            if (Files.exists(health)) {
                touched.add(Files.getLastModifiedTime(health).toMillis());
            }
        }
        MavenBuild.Result result = running.waitFor(60);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(touched).hasSize(12);
        for (int i = 4; i < touched.size(); i++) {
            assertThat(touched.get(i) - touched.get(i - 4)).as("touched within every 2 s").isPositive();
        }
    }
}
