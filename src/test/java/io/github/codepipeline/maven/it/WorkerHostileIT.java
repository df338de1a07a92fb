package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.WorkerSupport.assertNoSecrets;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job worker against hostile job data and hostile builds, end to end (a real worker, the stand-in CodePipeline):
 * each bad job ends alone with exactly one result, or none when it cannot even be reported; nothing it carries is
 * printed raw; no build outlives its job; all output is read and {@code build.log} stays bounded; a hung or failing
 * call holds up no other job. The builds are scripts: a real Maven build adds nothing here.
 */
class WorkerHostileIT {
    @RegisterExtension
    final WorkerSupport support = new WorkerSupport();

    @Test
    void aNulInAConfigurationValueFailsThatJobAloneWithAConfigurationErrorWhileASecondBuildRuns() throws IOException {
        JobQueue.QueuedJob good = support.job(WorkerSupport.CONFIG_VALUE);
        JobQueue.QueuedJob bad = support.job("Shop\\u0000" + WorkerSupport.CONFIG_VALUE);
        MavenBuild.Result result = support.worker("hostile-nul", "-Dcodepipeline.maxJobs=2", "-Dcodepipeline.maxJobsTotal=2",
                "-Dcodepipeline.command=sh -c 'sleep 2; echo built-$CODEPIPELINE_JOB_ID'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(good)).containsExactly("success");
        assertThat(support.resultCalls(good)).isOne();
        assertThat(result.log).contains("built-" + good.id).doesNotContain("built-" + bad.id)
                .doesNotContain("ending on an error");
        assertThat(support.resultCalls(bad)).isOne();
        assertThat(support.failure(bad)).containsEntry("type", "ConfigurationError");
        assertThat((String) support.failure(bad).get("message")).isEqualTo("The action configuration's property ProjectName"
                + " holds a NUL character, which no process environment can hold, so the job worker cannot hand it to the"
                + " build: remove it from the value in the action's configuration.");
        assertThat(result.lines("job ended: ")).hasSize(2);
        assertThat(result.log).doesNotContain("Shop\u0000").doesNotContain("Shop\\u0000");
        assertNoSecrets(result.log);
    }

    @Test
    void anInputArtifactWithoutANameIsFailedWithOneReasonAndTheWorkerGoesOn() throws IOException {
        JobQueue.QueuedJob job = support.queue.add(WorkerSupport.TYPE, WorkerSupport.CLIENT_ID, WorkerSupport.TOKEN,
                WorkerSupport.data("{}", "[{\"revision\":\"rev-1\",\"location\":{\"type\":\"S3\",\"s3Location\":"
                        + "{\"bucketName\":\"b\",\"objectKey\":\"k\"}}}]", "[]"));
        JobQueue.QueuedJob next = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild.Result result = support.worker("hostile-no-name", "-Dcodepipeline.maxJobsTotal=2",
                "-Dcodepipeline.command=true").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.resultCalls(job)).isOne();
        assertThat(support.failure(job)).containsEntry("type", "JobFailed");
        assertThat((String) support.failure(job).get("message")).isEqualTo("CodePipeline gave this job an input artifact"
                + " without a name, so the job worker cannot unpack it: check the action's input artifacts in the pipeline.");
        assertThat(support.queue.results(next)).containsExactly("success");
        assertThat(result.log).doesNotContain("NullPointerException");
    }

    @Test
    void aPartnerJobIdWithANewlineIsLeftAloneUnacknowledgedAndPrintedEscaped() throws IOException {
        String id = "6f1e2d3c-0000-4a6b-8c7d-9e0f1a2b3c4d\n[INFO] BUILD SUCCESS";
        JobQueue.QueuedJob job = support.queue.add(id, WorkerSupport.TYPE, WorkerSupport.CLIENT_ID, WorkerSupport.TOKEN,
                WorkerSupport.data("{}", "[]", "[]"));
        MavenBuild.Result result = support.worker("hostile-newline", "-Dcodepipeline.idleTimeout=3",
                "-Dcodepipeline.command=sh -c 'echo built'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(job.acknowledged).isFalse();
        assertThat(support.resultCalls(job)).isZero();
        assertThat(support.endpoint.requests("AcknowledgeThirdPartyJob")).isEmpty();
        assertThat(result.lines("cannot be reported, so it is left alone (not acknowledged)")).singleElement().asString()
                .contains("job 6f1e2d3c-0000-4a6b-8c7d-9e0f1a2b3c4d\\n[INFO] BUILD SUCCESS cannot be reported")
                .contains("contains whitespace");
        assertThat(Arrays.stream(result.log.split("\n")).filter(line -> line.startsWith("[INFO] BUILD SUCCESS")))
                .as("Maven's own line only").hasSize(1);
        assertThat(result.log).doesNotContain("] built");
    }

    @Test
    void anAcknowledgementAnsweredFailedIsNotBuiltNorReported() throws IOException {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        job.ackStatus = "Failed";
        MavenBuild.Result result = support.worker("hostile-ack-failed", "-Dcodepipeline.idleTimeout=3",
                "-Dcodepipeline.command=sh -c 'echo built'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.endpoint.requests("AcknowledgeThirdPartyJob")).hasSize(1);
        assertThat(support.resultCalls(job)).isZero();
        assertThat(result.lines("was acknowledged with the status Failed, not InProgress: not built and not reported"))
                .hasSize(1);
        assertThat(result.log).doesNotContain("job started: ").doesNotContain("] built");
    }

    @Test
    void anAcknowledgementWithoutAnAnswerIsNotBuiltAndTheJobGetsItsFailureOnce() throws IOException {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        job.ackDelayMillis = 6_000; // taken by the service, its answer lost past the call's time limit
        MavenBuild.Result result = support.worker("hostile-ack-lost", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.timeout=2", "-Dcodepipeline.command=sh -c 'echo built'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(job.acknowledged).isTrue();
        assertThat(support.resultCalls(job)).isOne();
        assertThat(support.failure(job)).containsEntry("type", "JobFailed");
        assertThat((String) support.failure(job).get("message")).startsWith("The job worker acknowledged this job but got no"
                + " answer from CodePipeline (").endsWith("), so it did not build it: run the pipeline again.");
        assertThat(result.lines("the acknowledgement of job " + job.id + " got no answer")).hasSize(1);
        assertThat(result.log).doesNotContain("] built");
        assertNoSecrets(result.log);
    }

    @Test
    void aDaemonTheBuildLeftIsStoppedBeforeTheResultIsReported() throws Exception {
        int n = 300 + (int) (System.nanoTime() % 50); // command lines no other test runs
        String inSession = "sleep " + n;
        String leftSession = "sleep " + (n + 100);
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild.Result result = support.worker("hostile-daemon", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.command=sh -c '" + inSession + " > /dev/null 2>&1 & setsid " + leftSession
                        + " > /dev/null 2>&1 & echo daemons-started'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(WorkerSupport.running(inSession)).as(inSession + " outlived its job").isFalse();
        assertThat(WorkerSupport.running(leftSession)).as(leftSession + " (setsid) outlived its job").isFalse();
        int stopped = result.log.indexOf("the build ended but left 2 processes running");
        assertThat(stopped).as(result.toString()).isPositive();
        assertThat(result.log.indexOf("reported the success of job " + job.id)).isGreaterThan(stopped);
    }

    @Test
    void aDaemonThatLeavesTheSessionAndClearsItsEnvironmentWhileTheBuildRunsIsStoppedToo() throws Exception {
        String escaped = "sleep " + (500 + (int) (System.nanoTime() % 50)); // a command line no other test runs
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild.Result result = support.worker("hostile-daemon-env", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.command=sh -c 'setsid env -i " + escaped + " > /dev/null 2>&1 & sleep 2; echo build-done'")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(WorkerSupport.running(escaped)).as(escaped + " (setsid, env -i) outlived its job").isFalse();
        int stopped = result.log.indexOf("the build ended but left 1 process running");
        assertThat(stopped).as(result.toString()).isPositive();
        assertThat(result.log.indexOf("reported the success of job " + job.id)).isGreaterThan(stopped);
    }

    /**
     * A process that escaped the build (without {@code buildUser}: out of its session, environment and family within
     * one turn; here the test itself) keeps starting processes that carry the build's marker faster than the worker's
     * turns stop them: the job still gets its one result, 10 s after the build's end, with a warning. Without the
     * limit the worker waited for ever.
     */
    @Test
    void leftoversThatKeepStartingDoNotHoldUpTheResultForEver(@TempDir Path dir) throws Exception {
        Path markerFile = dir.resolve("marker");
        String respawned = "sleep " + (700 + (int) (System.nanoTime() % 50)); // a command line no other test runs
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild.Running worker = support.worker("hostile-respawn", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.command=sh -c 'echo $CODEPIPELINE_BUILD_MARKER > " + markerFile + "; sleep 1; echo built'")
                .start();
        List<Process> started = new java.util.ArrayList<>();
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(markerFile) || Files.readAllLines(markerFile).isEmpty()) {
                assertThat(System.nanoTime()).as("the build's marker").isLessThan(deadline);
                Thread.sleep(20);
            }
            String marker = Files.readAllLines(markerFile).get(0);
            assertThat(marker).isNotEmpty();
            MavenBuild.Result result = null;
            while (result == null) {
                ProcessBuilder respawn = new ProcessBuilder(respawned.split(" ")).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                respawn.environment().put("CODEPIPELINE_BUILD_MARKER", marker);
                started.add(respawn.start());
                Thread.sleep(50);
                assertThat(System.nanoTime()).as("the worker's end").isLessThan(deadline);
                if (!worker.isAlive()) {
                    result = worker.waitFor(10);
                }
            }

            assertThat(result.exitCode).as(result.toString()).isZero();
            assertThat(support.queue.results(job)).containsExactly("success");
            assertThat(result.lines("the build's processes could not all be stopped in 10 s (new ones keep starting;"))
                    .as(result.toString()).hasSize(1);
            assertThat(result.lines("set codepipeline.buildUser so that every process of a build can be stopped"))
                    .hasSize(1);
            assertThat(result.log.indexOf("could not all be stopped"))
                    .isLessThan(result.log.indexOf("reported the success of job " + job.id));
        } finally {
            for (Process each : started) {
                each.destroyForcibly();
            }
            worker.destroy();
        }
    }

    @Test
    void hostileBuildsThatTamperWithTheResultFileDieBySignalOrCloseTheirOutputEachGetOneResult() throws IOException {
        Map<String, JobQueue.QueuedJob> jobs = new java.util.LinkedHashMap<>();
        for (String probe : List.of("link", "fifo", "segv", "closed", "noline")) {
            jobs.put(probe, support.job(probe));
        }
        MavenBuild.Result result = support.worker("hostile-probes", "-Dcodepipeline.maxJobs=2",
                "-Dcodepipeline.maxJobsTotal=" + jobs.size(), "-Dcodepipeline.jobTimeout=60",
                "-Dcodepipeline.command=sh -c 'R=$CODEPIPELINE_RESULT_FILE; case $CODEPIPELINE_CONFIG_PROJECTNAME in"
                        + " link) ln -sf /etc/passwd $R;; fifo) rm -f $R; mkfifo $R;; segv) kill -SEGV $$;;"
                        + " closed) exec >&- 2>&-; sleep 2; exit 4;;"
                        + " noline) head -c 50000000 /dev/zero | tr -c y x; exit 5;; esac'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        for (JobQueue.QueuedJob job : jobs.values()) {
            assertThat(support.resultCalls(job)).as(job.id).isOne();
        }
        assertThat(support.queue.results(jobs.get("link"))).containsExactly("success");
        assertThat(support.queue.results(jobs.get("fifo"))).containsExactly("success");
        assertThat(result.lines("the result file is not a plain file; it was not read")).hasSize(2);
        assertThat(support.queue.results(jobs.get("segv"))).singleElement().asString()
                .contains("exit status 139 (killed by signal 11, SIGSEGV)");
        assertThat(support.queue.results(jobs.get("closed"))).singleElement().asString().contains("exit status 4");
        assertThat(support.queue.results(jobs.get("noline"))).singleElement().asString().contains("exit status 5");
        assertThat(result.lines("job ended: ")).hasSize(jobs.size());
        assertThat(result.log).doesNotContain("ending on an error").doesNotContain("the job worker failed on job");
        assertThat(result.log.length()).as("what the worker printed").isLessThan(1024 * 1024);
    }

    @Test
    void aResultFileOfMillionsOfTinyRecordsDoesNotExhaustTheWorkersMemory() throws IOException {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild worker = support.worker("hostile-records", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.command=sh -c '{ echo codepipeline-result 2; yes x | head -n 2097000; }"
                        + " > $CODEPIPELINE_RESULT_FILE; exit 7'");
        // 2 million records held 250 MB: more than this worker's whole heap
        worker.mavenOpts("-Xmx160m -XX:TieredStopAtLevel=1 -Dmaven.repo.local=" + System.getProperty("it.localRepository"));
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.resultCalls(job)).isOne();
        assertThat(support.queue.results(job)).singleElement().asString().contains("it ended with exit status 7");
        assertThat(result.lines("the result file holds more than 65536 records; what follows them was not read")).hasSize(1);
        assertThat(result.lines("more lines of the build's result file were ignored")).hasSize(1);
        assertThat(result.log).doesNotContain("OutOfMemoryError");
    }

    @Test
    void threeHundredMegabytesOfOutputAreAllReadTheLastLineIsReportedAndBuildLogStaysBounded() throws IOException {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild worker = support.worker("hostile-output", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.keepWorkspaces=true", "-Dcodepipeline.command=sh -c 'yes"
                        + " 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
                        + " | head -c 300000000; echo; echo THE-REAL-LAST-LINE; exit 3'");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString().substring(0, 2000)).isZero();
        assertThat(support.resultCalls(job)).isOne();
        String message = (String) support.failure(job).get("message");
        assertThat(message).startsWith("The build (sh -c yes").contains("it ended with exit status 3.")
                .endsWith("\nTHE-REAL-LAST-LINE");
        assertThat(result.log).contains("] THE-REAL-LAST-LINE").contains("lines of output not shown here");
        Path log;
        try (java.util.stream.Stream<Path> files = Files.walk(worker.directory().resolve("codepipeline-work"))) {
            log = files.filter(p -> p.getFileName().toString().equals("build.log")).findFirst().orElseThrow();
        }
        assertThat(Files.size(log)).isBetween(8L * 1024 * 1024, 9L * 1024 * 1024);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).last().isEqualTo("THE-REAL-LAST-LINE");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("\\[codepipeline: \\d+ lines \\(\\d+ bytes\\) of output"
                + " left out here: build.log keeps the first 4 MB and the last 4 MB\\]"));
        assertThat(result.log.length()).as("what the worker printed").isLessThan(20 * 1024 * 1024);
    }

    @Test
    void aReportThatHangsHoldsUpNoOtherJobsTimeLimit() throws Exception {
        JobQueue.QueuedJob quick = support.job("quick");
        quick.resultDelayMillis = 25_000;
        JobQueue.QueuedJob slow = support.job("slow");
        MavenBuild.Running running = support.worker("hostile-hung-report", "-Dcodepipeline.maxJobs=2",
                "-Dcodepipeline.maxJobsTotal=2", "-Dcodepipeline.jobTimeout=3",
                "-Dcodepipeline.command=sh -c 'if [ $CODEPIPELINE_CONFIG_PROJECTNAME = slow ]; then exec sleep 60; fi'").start();
        running.awaitLog("job started: pipeline shop-pipeline, stage Build, action Maven, job " + slow.id, 60);
        long started = System.nanoTime();
        while (support.queue.results(slow).isEmpty() && System.nanoTime() - started < 30_000_000_000L) {
            Thread.sleep(50);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        MavenBuild.Result result = running.waitFor(120);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(slow)).singleElement().asString().contains("it reached the time limit of 3 s");
        assertThat(millis).as("the slow job's result, after its start").isLessThan(3_000 + 2_500);
        assertThat(support.queue.results(quick)).containsExactly("success");
        assertThat(result.millis).isGreaterThan(25_000);
    }

    @Test
    void theWorkersOwnReportIsTriedAgainWithBackoffThroughTenServerErrors() throws IOException {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        job.resultErrors = 10;
        MavenBuild.Result result = support.worker("hostile-500", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.command=true").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(support.endpoint.requests("PutThirdPartyJobSuccessResult")).hasSize(11);
        assertThat(result.lines("could not report the success of job " + job.id + " (attempt 1): ")).singleElement()
                .asString().contains("Trying again in 1 s");
        assertThat(result.log).containsPattern("the success of job " + job.id + " was reported at attempt [2-9]\\.");
        assertThat(result.lines("job ended: ")).singleElement().asString()
                .contains("result: succeeded, reported by the worker (exit status 0)");
    }

    @Test
    void workspacesAre700AndBuildLog600AndTheBuildSeesNoSecretInItsEnvironmentMasked() throws IOException {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild worker = support.worker("hostile-modes", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.keepWorkspaces=true", "-Dcodepipeline.command=sh -c 'env | sort; stat -c \"mode %a\" ..'");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(result.log).contains("] mode 700");
        Path workspace;
        try (java.util.stream.Stream<Path> files = Files.list(worker.directory().resolve("codepipeline-work"))) {
            workspace = files.findFirst().orElseThrow();
        }
        assertThat(Files.getPosixFilePermissions(workspace)).isEqualTo(java.nio.file.attribute.PosixFilePermissions
                .fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(workspace.resolve("build.log"))).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(workspace.resolve("worker"))).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertNoSecrets(result.log);
        assertNoSecrets(Files.readString(workspace.resolve("build.log")));
        Map<String, Object> none = support.failure(job);
        assertThat(none).isNull();
    }
}
