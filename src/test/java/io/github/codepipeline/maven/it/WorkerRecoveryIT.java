package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job worker killed with {@code SIGKILL} mid-build (the out-of-memory killer, a lost node), then a new worker on the
 * same work directory: the new one stops what still runs of the dead one's build, reports the job's failure exactly
 * once and cleans up; a third worker finds nothing more to do.
 */
class WorkerRecoveryIT {
    @RegisterExtension
    final WorkerSupport support = new WorkerSupport();

    @Test
    void sigkillToTheWorkerMidBuildThenASecondWorkerOnTheSameDirectoryReportsTheJobOnceAndStopsItsBuild() throws Exception {
        String sleep = "sleep " + (400 + (int) (System.nanoTime() % 50)); // a command line no other test runs
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild first = support.worker("recovery-first", "-Dcodepipeline.command=sh -c 'echo build-started; exec " + sleep + "'");
        Path work = first.directory().resolve("codepipeline-work");
        MavenBuild.Running running = first.start();
        running.awaitLog("] build-started", 60);
        running.signal("KILL");
        running.waitFor(30);
        assertThat(WorkerSupport.running(sleep)).as("the dead worker's build still runs").isTrue();
        assertThat(support.resultCalls(job)).isZero();

        MavenBuild.Result second = support.worker("recovery-second", "-Dcodepipeline.workDirectory=" + work,
                "-Dcodepipeline.idleTimeout=3", "-Dcodepipeline.command=true").run();

        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(support.resultCalls(job)).isOne();
        assertThat(support.failure(job)).containsEntry("type", "JobFailed");
        assertThat((String) support.failure(job).get("message")).startsWith("The job worker died while the build ran, and a new"
                + " worker on the same work directory stopped what was left of the build.\nLast lines of its output:\n")
                .endsWith("build-started");
        assertThat(second.log).contains("was left by a job worker that is gone (PID ")
                .contains("stopping 1 process of its build still running")
                .contains("job recovered: job " + job.id + ", result: failed, reported by the recovering worker.");
        assertThat(WorkerSupport.running(sleep)).as(sleep + " outlived the recovery").isFalse();
        assertThat(work).isEmptyDirectory();

        MavenBuild.Result third = support.worker("recovery-third", "-Dcodepipeline.workDirectory=" + work,
                "-Dcodepipeline.idleTimeout=2", "-Dcodepipeline.command=true").run();
        assertThat(third.exitCode).as(third.toString()).isZero();
        assertThat(third.log).doesNotContain("was left by a job worker that is gone").doesNotContain("job recovered");
        assertThat(support.resultCalls(job)).isOne();
        WorkerSupport.assertNoSecrets(second.log);
    }

    @Test
    void sigkillAfterTheAcknowledgementBeforeTheBuildStartedThenASecondWorkerReportsTheJobOnce() throws Exception {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        job.ackDelayMillis = 20_000; // acknowledged at once, the answer held back: the worker dies waiting for it
        MavenBuild first = support.worker("recovery-ack", "-Dcodepipeline.command=sh -c 'echo never-built'");
        Path work = first.directory().resolve("codepipeline-work");
        MavenBuild.Running running = first.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (support.endpoint.requests("AcknowledgeThirdPartyJob").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(job.acknowledged).isTrue();
        running.signal("KILL");
        running.waitFor(30);
        assertThat(support.resultCalls(job)).isZero();

        MavenBuild.Result second = support.worker("recovery-ack-second", "-Dcodepipeline.workDirectory=" + work,
                "-Dcodepipeline.idleTimeout=3", "-Dcodepipeline.command=true").run();

        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(support.resultCalls(job)).isOne();
        assertThat(support.failure(job)).containsEntry("type", "JobFailed");
        assertThat((String) support.failure(job).get("message")).startsWith("The job worker died before the build started");
        assertThat(second.log).contains("job recovered: job " + job.id + ", result: failed, reported by the recovering worker.")
                .doesNotContain("never-built");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void sigkillAfterTheBuildRecordedItsResultThenASecondWorkerReportsThatResult() throws Exception {
        String sleep = "sleep " + (450 + (int) (System.nanoTime() % 50));
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild first = support.worker("recovery-recorded", "-Dcodepipeline.command=sh -c 'printf"
                + " \"codepipeline-result 2\\nfailure\\t%s\\tConfigurationError\\trecorded by the build\\n\""
                + " $CODEPIPELINE_JOB_ID > $CODEPIPELINE_RESULT_FILE; echo recorded; exec " + sleep + "'");
        Path work = first.directory().resolve("codepipeline-work");
        MavenBuild.Running running = first.start();
        running.awaitLog("] recorded", 60);
        running.signal("KILL");
        running.waitFor(30);

        MavenBuild.Result second = support.worker("recovery-recorded-second", "-Dcodepipeline.workDirectory=" + work,
                "-Dcodepipeline.idleTimeout=3", "-Dcodepipeline.command=true").run();

        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(support.resultCalls(job)).isOne();
        assertThat(support.failure(job)).containsEntry("type", "ConfigurationError")
                .containsEntry("message", "recorded by the build");
        assertThat(WorkerSupport.running(sleep)).isFalse();
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void sigkillWhileTheReportIsUnderWayLeavesTheJobItsOneResult() throws Exception {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        job.resultDelayMillis = 20_000; // the result is taken at once, the answer held back
        MavenBuild first = support.worker("recovery-report", "-Dcodepipeline.command=true");
        Path work = first.directory().resolve("codepipeline-work");
        MavenBuild.Running running = first.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (support.queue.results(job).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        running.signal("KILL");
        running.waitFor(30);

        MavenBuild.Result second = support.worker("recovery-report-second", "-Dcodepipeline.workDirectory=" + work,
                "-Dcodepipeline.idleTimeout=3", "-Dcodepipeline.command=true").run();

        assertThat(second.exitCode).as(second.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(second.log).contains("job recovered: job " + job.id + ", result: had a result already.");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void aLiveWorkersWorkspaceAndAKeptWorkspaceAreLeftAlone() throws Exception {
        JobQueue.QueuedJob kept = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild first = support.worker("recovery-kept", "-Dcodepipeline.maxJobsTotal=1", "-Dcodepipeline.keepWorkspaces=true",
                "-Dcodepipeline.command=true");
        Path work = first.directory().resolve("codepipeline-work");
        assertThat(first.run().exitCode).isZero();
        assertThat(support.queue.results(kept)).containsExactly("success");

        JobQueue.QueuedJob busy = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild.Running live = support.worker("recovery-live", "-Dcodepipeline.workDirectory=" + work,
                "-Dcodepipeline.maxJobsTotal=1", "-Dcodepipeline.command=sh -c 'echo busy-build; sleep 8'").start();
        live.awaitLog("] busy-build", 60);
        MavenBuild.Result other = support.worker("recovery-other", "-Dcodepipeline.workDirectory=" + work,
                "-Dcodepipeline.idleTimeout=2", "-Dcodepipeline.command=true").run();
        MavenBuild.Result liveResult = live.waitFor(60);

        assertThat(other.exitCode).as(other.toString()).isZero();
        assertThat(other.log).doesNotContain("was left by a job worker that is gone").doesNotContain("job recovered");
        assertThat(liveResult.exitCode).as(liveResult.toString()).isZero();
        assertThat(support.queue.results(busy)).containsExactly("success");
        assertThat(support.resultCalls(kept)).isOne();
        try (java.util.stream.Stream<Path> files = Files.list(work)) {
            assertThat(files.count()).as("the kept workspace").isOne();
        }
    }
}
