package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.WorkerSupport.CLIENT_ID;
import static io.github.codepipeline.maven.it.WorkerSupport.CONFIG_VALUE;
import static io.github.codepipeline.maven.it.WorkerSupport.TOKEN;
import static io.github.codepipeline.maven.it.WorkerSupport.TYPE;
import static io.github.codepipeline.maven.it.WorkerSupport.assertNoSecrets;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job worker ({@code work}) end to end: a real worker (Maven, the plugin jar, the AWS SDK) polls the local
 * CodePipeline's {@link JobQueue}, unpacks each job's sources from the S3 stand-in (s3proxy), runs real child builds of
 * {@code it/} projects, and every job ends with exactly one result at the endpoint, whatever happened to its build.
 */
class WorkerIT {
    @RegisterExtension
    static final WorkerSupport.S3 s3 = new WorkerSupport.S3();
    @RegisterExtension
    final WorkerSupport support = new WorkerSupport(s3);
    private final JobQueue queue = support.queue;
    private final CodePipelineEndpoint endpoint = support.endpoint;

    /** A partner job whose source is {@code it/<project>} (zipped, in S3), with an output artifact if asked. */
    private JobQueue.QueuedJob job(String project, String test, String mvnw, boolean output) throws IOException {
        return job(TYPE, CLIENT_ID, TOKEN, project, test, mvnw, output);
    }

    private JobQueue.QueuedJob job(String type, String clientId, String token, String project, String test, String mvnw,
            boolean output) throws IOException {
        return support.job(type, clientId, token, "{\"ProjectName\":\"" + CONFIG_VALUE + "\"}", project, test, mvnw, output);
    }

    /** A job's workspace, as the README names it: job-<ID>-<first 12 hex digits of the ID's SHA-256> (IDs here are UUIDs). */
    private static String workspace(JobQueue.QueuedJob job) throws IOException {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(job.id.getBytes(StandardCharsets.UTF_8));
            return "job-" + job.id + "-" + java.util.HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    @Test
    void passingBuildWithAnOutputArtifactAndNoMvnwIsBuiltWithThisMavenAndReportedOnce() throws IOException {
        JobQueue.QueuedJob job = job("artifacts-app", "passing", null, true);
        MavenBuild worker = support.worker("worker-passing", "-Dcodepipeline.maxJobsTotal=1");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).containsExactly("success");
        assertThat(support.resultCalls(job)).isEqualTo(1);
        assertThat(s3.keys()).anyMatch(k -> k.endsWith("-out"));
        assertThat(result.lines("job started: pipeline shop-pipeline, stage Build, action Maven, job " + job.id)).hasSize(1);
        assertThat(result.lines("job ended: pipeline shop-pipeline, stage Build, action Maven, job " + job.id)).singleElement()
                .asString().contains("result: succeeded, reported by the worker (exit status 0)");
        assertThat(result.log).contains(Paths.get(System.getProperty("maven.home"), "bin", "mvn") + " -B -ntp verify")
                .contains("] [INFO] BUILD SUCCESS").contains("uploaded the output artifact BuildOutput");
        assertThat(endpoint.refusals()).isEmpty();
        assertNoSecrets(result.log);
        assertThat(worker.directory().resolve("codepipeline-work")).isEmptyDirectory();
    }

    @Test
    void anExecutableMvnwInTheSourcesIsTheDefaultCommand() throws IOException {
        JobQueue.QueuedJob job = job("passing", "mvnw", "#!/bin/sh\necho \"mvnw of the shop: $*\"\n", false);
        MavenBuild.Result result = support.worker("worker-mvnw", "-Dcodepipeline.maxJobsTotal=1").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("/source/mvnw -B -ntp verify in ").contains("[job " + job.id.substring(0, 8)
                + "] mvnw of the shop: -B -ntp verify");
        assertThat(queue.results(job)).containsExactly("success");
    }

    @Test
    void aFailingTestIsReportedByTheBuildItselfAndNotAgainByTheWorker() throws IOException {
        JobQueue.QueuedJob job = job("test-failure", "test-failure", null, false);
        MavenBuild.Result result = support.worker("worker-test-failure", "-Dcodepipeline.maxJobsTotal=1").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).singleElement().asString().startsWith("failure: ").contains("addsNegativeNumbers");
        assertThat(support.resultCalls(job)).isEqualTo(1);
        assertThat(result.lines("job ended: ")).singleElement().asString()
                .contains("result: failed, handed over by the build (exit status 1), reported by the worker");
        assertNoSecrets(result.log);
    }

    @Test
    void aBuildWithoutThePluginIsReportedByTheWorkerWithItsExitStatusAndLastLines() throws IOException {
        JobQueue.QueuedJob job = job("worker-no-plugin", "no-plugin", null, false);
        MavenBuild.Result result = support.worker("worker-no-plugin", "-Dcodepipeline.maxJobsTotal=1").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).singleElement().asString()
                .startsWith("failure: The build (mvn -B -ntp verify) did not report a result: it ended with exit status 1.\nLast lines of its output:\n")
                .contains("BUILD FAILURE");
        assertThat(support.resultCalls(job)).isEqualTo(1);
        assertThat(endpoint.bodies("PutThirdPartyJobFailureResult").get(0).toString()).contains("type=JobFailed");
        assertThat(result.lines("job ended: ")).singleElement().asString()
                .contains("result: failed, reported by the worker (exit status 1)");
        assertNoSecrets(result.log);
    }

    @Test
    void aBuildKilledWithSigkillIsReportedWithTheSignal() throws Exception {
        JobQueue.QueuedJob job = job("sleeping-test", "sigkill", null, false);
        MavenBuild worker = support.worker("worker-sigkill", "-Dcodepipeline.maxJobsTotal=1");
        MavenBuild.Running running = worker.start();
        running.awaitLog("SLOW-TEST-STARTED", 120);
        Path source = worker.directory().resolve("codepipeline-work").resolve(workspace(job)).resolve("source");
        Process pgrep = new ProcessBuilder("pgrep", "-f", "maven.multiModuleProjectDirectory=" + source).start();
        String pid = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(pgrep.waitFor()).as("the build's Maven JVM").isZero();
        assertThat(new ProcessBuilder("kill", "-KILL", pid.split("\\s+")[0]).start().waitFor()).isZero();
        MavenBuild.Result result = running.waitFor(120);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).singleElement().asString()
                .contains("did not report a result: it ended with exit status 137 (killed by signal 9, SIGKILL")
                .contains("SLOW-TEST-STARTED");
        assertThat(support.resultCalls(job)).isEqualTo(1);
        assertNoSecrets(result.log);
    }

    @Test
    void twoBuildsAtOnceForFourJobsWithTheJobInTheirEnvironment() throws IOException {
        List<JobQueue.QueuedJob> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(job(null, "four-" + i, null, false));
        }
        MavenBuild.Result result = support.worker("worker-four", "-Dcodepipeline.maxJobsTotal=4", "-Dcodepipeline.maxJobs=2",
                "-Dcodepipeline.command=sh -c 'echo \"job=$CODEPIPELINE_JOB_ID owner=$CODEPIPELINE_ACTION_OWNER"
                        + " config=$CODEPIPELINE_CONFIG_PROJECTNAME token=$CODEPIPELINE_CLIENT_TOKEN result=$CODEPIPELINE_RESULT_FILE\";"
                        + " sleep 2'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        for (JobQueue.QueuedJob job : jobs) {
            assertThat(queue.results(job)).containsExactly("success");
            assertThat(support.resultCalls(job)).isEqualTo(1);
            assertThat(result.log).contains("job=" + job.id + " owner=ThirdParty config=**** token= result=");
        }
        int running = 0;
        int most = 0;
        for (String line : result.log.split("\n")) {
            running += line.contains("CodePipeline: job started: ") ? 1 : line.contains("CodePipeline: job ended: ") ? -1 : 0;
            most = Math.max(most, running);
        }
        assertThat(most).isEqualTo(2);
        assertThat(endpoint.bodies("PollForThirdPartyJobs")).allSatisfy(b -> assertThat(((Number) b.get("maxBatchSize")).intValue())
                .isBetween(1, 2));
        assertNoSecrets(result.log);
    }

    @Test
    void sigtermToTheWorkerStopsBothBuildsAndEachJobGetsOneResult() throws Exception {
        JobQueue.QueuedJob first = job("sleeping-test", "sigterm-1", null, false);
        JobQueue.QueuedJob second = job("sleeping-test", "sigterm-2", null, false);
        MavenBuild.Running running = support.worker("worker-sigterm", "-Dcodepipeline.maxJobs=2", "-Dcodepipeline.shutdownTimeout=30s")
                .start();
        running.awaitLog("job started: pipeline shop-pipeline, stage Build, action Maven, job " + second.id, 60);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (running.log().split("SLOW-TEST-STARTED", -1).length < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        running.signal("TERM");
        MavenBuild.Result result = running.waitFor(120);

        for (JobQueue.QueuedJob job : List.of(first, second)) {
            assertThat(queue.results(job)).as(result.toString()).singleElement().asString().startsWith("failure: ");
            assertThat(support.resultCalls(job)).isEqualTo(1);
        }
        assertThat(result.log).contains("job worker stopping: no more polling; stopping 2 builds (SIGTERM)");
        assertThat(result.lines("job ended: ")).hasSize(2);
        assertNoSecrets(result.log);
    }

    @Test
    void aBuildPastTheTimeLimitIsStoppedAndReported() throws IOException {
        JobQueue.QueuedJob job = job(null, "time-limit", null, false);
        MavenBuild.Result result = support.worker("worker-time-limit", "-Dcodepipeline.maxJobsTotal=1", "-Dcodepipeline.jobTimeout=2",
                "-Dcodepipeline.command=sleep 60").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).containsExactly("failure: The build (sleep 60) did not report a result: it reached"
                + " the time limit of 2 s (codepipeline.jobTimeout) and was stopped, exit status 143 (killed by signal 15, SIGTERM).");
        assertThat(result.log).contains("the build reached the time limit of 2 s (codepipeline.jobTimeout): stopping it");
        assertThat(result.millis).isLessThan(60_000);
    }

    @Test
    void theTimeLimitStopsTheProcessesAScriptStartedToo() throws Exception {
        JobQueue.QueuedJob job = job(null, "time-limit-script", null, false);
        String sleep = "sleep " + (61 + (int) (System.nanoTime() % 50)); // a command line no other test runs
        MavenBuild.Result result = support.worker("worker-time-limit-script", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.jobTimeout=2", "-Dcodepipeline.command=sh -c '" + sleep + "; echo after'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).singleElement().asString().contains("it reached the time limit of 2 s");
        assertThat(support.resultCalls(job)).isEqualTo(1);
        Process pgrep = new ProcessBuilder("pgrep", "-f", "^" + sleep + "$").start();
        assertThat(pgrep.waitFor()).as("the script's " + sleep + " outlived the time limit").isOne();
    }

    @Test
    void aWorkerEndingOnAFatalPollErrorStopsAndReportsTheBuildItWasRunning() throws IOException {
        JobQueue.QueuedJob job = job(null, "fatal-poll", null, false);
        // The poll that fails comes two empty polls after the job's, once its build runs (and has printed its line).
        queue.actionTypeGoneAfter(3);
        MavenBuild.Result result = support.worker("worker-fatal-poll", "-Dcodepipeline.maxJobs=2", "-Dcodepipeline.pollInterval=1s",
                "-Dcodepipeline.command=sh -c 'echo build-running; exec sleep 60'").run();

        assertThat(result.exitCode).as(result.toString()).isOne();
        assertThat(result.log).contains("CodePipeline: No action type " + TYPE + " in this region (ActionTypeNotFoundException)")
                .contains("job worker ending on an error: no more polling; stopping 1 build (SIGTERM)");
        assertThat(queue.results(job)).singleElement().asString().startsWith("failure: The build (sh -c echo build-running;"
                + " exec sleep 60) did not report a result: the job worker ended on an error while it ran and stopped it,"
                + " exit status 143 (killed by signal 15, SIGTERM).").contains("build-running");
        assertThat(support.resultCalls(job)).isEqualTo(1);
        assertThat(result.millis).isLessThan(60_000);
    }

    @Test
    void aRefusedAcknowledgementMeansTheJobIsNotBuilt() throws IOException {
        JobQueue.QueuedJob job = job(null, "refused", null, false);
        job.takenByAnother = true;
        MavenBuild worker = support.worker("worker-refused", "-Dcodepipeline.idleTimeout=3", "-Dcodepipeline.command=false");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.requests("AcknowledgeThirdPartyJob")).hasSize(1);
        assertThat(support.resultCalls(job)).isZero();
        assertThat(result.log).contains("job " + job.id + " was not acknowledged (InvalidNonceException: another worker took it")
                .doesNotContain("job started:");
        assertThat(worker.directory().resolve("codepipeline-work")).isEmptyDirectory();
    }

    @Test
    void aJobWithAnUnknownClientIdIsLeftAloneWithOneError() throws IOException {
        JobQueue.QueuedJob job = job(TYPE, "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f", "other-token-1234", null, "unknown", null, false);
        MavenBuild.Result result = support.worker("worker-unknown", "-Dcodepipeline.idleTimeout=3").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[ERROR]")).singleElement().asString().contains("job " + job.id
                + " has the client ID 9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f, which is not in ").contains("left alone");
        assertThat(endpoint.requests("GetThirdPartyJobDetails")).isEmpty();
        assertThat(endpoint.requests("AcknowledgeThirdPartyJob")).isEmpty();
        assertThat(support.resultCalls(job)).isZero();
    }

    @Test
    void throttledPollsBackOffAreLoggedOnceAndTheJobIsBuiltAfterwards() throws IOException {
        queue.throttle(3);
        JobQueue.QueuedJob job = job(null, "throttled", null, false);
        MavenBuild.Result result = support.worker("worker-throttled", "-Dcodepipeline.maxJobsTotal=1", "-Dcodepipeline.maxAttempts=1",
                "-Dcodepipeline.command=true").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.polls()).isEqualTo(4);
        assertThat(result.lines("polling failed (throttled)")).singleElement().asString().contains("[WARNING]")
                .contains("ThrottlingException");
        assertThat(result.log).contains("polling works again.");
        assertThat(queue.results(job)).containsExactly("success");
    }

    @Test
    void customActionsArePolledAcknowledgedAndReportedWithTheCustomCalls() throws IOException {
        JobQueue.QueuedJob job = job("Build/Custom/MavenBuild/1", null, null, null, "custom", null, false);
        MavenBuild.Result result = support.worker("worker-custom", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.actionType=Build/Custom/MavenBuild/1",
                "-Dcodepipeline.command=sh -c 'echo owner=$CODEPIPELINE_ACTION_OWNER token=${CODEPIPELINE_CLIENT_TOKEN:-none}; exit 3'")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.requests("PollForJobs")).isNotEmpty();
        assertThat(endpoint.requests("AcknowledgeJob")).hasSize(1);
        assertThat(endpoint.requests("PollForThirdPartyJobs")).isEmpty();
        assertThat(queue.results(job)).singleElement().asString().contains("it ended with exit status 3")
                .contains("owner=Custom token=none");
        assertThat(endpoint.requests("PutJobFailureResult")).hasSize(1);
        assertThat(endpoint.refusals()).isEmpty();
        assertNoClientTokenMember();
    }

    /** Every body that reached the endpoint, as text, for the custom calls: none may carry a clientToken member. */
    private void assertNoClientTokenMember() {
        assertThat(endpoint.requests()).isNotEmpty().allSatisfy(request -> assertThat(request.getBodyAsString())
                .doesNotContain("clientToken").doesNotContain(TOKEN));
    }

    @Test
    void aCustomJobWithAnInputIsDownloadedWithGetJobDetailsBuiltAndReportedByTheBuildWithoutAToken() throws IOException {
        String custom = "Build/Custom/MavenBuild/1";
        JobQueue.QueuedJob job = job(custom, null, null, "artifacts-app", "custom-input", null, true);
        MavenBuild.Result result = support.worker("worker-custom-input", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.actionType=" + custom, "-Dcodepipeline.clientToken=" + TOKEN,
                "-Dcodepipeline.command=" + Paths.get(System.getProperty("maven.home"), "bin", "mvn")
                        + " -B verify -Dcodepipeline.reportSuccess=true").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.refusals()).isEmpty();
        // The worker's download reads the job with GetJobDetails; upload-output in the build reads the worker's job file.
        assertThat(endpoint.bodies("GetJobDetails")).containsExactly(Map.of("jobId", job.id));
        assertThat(endpoint.requests("GetThirdPartyJobDetails")).isEmpty();
        assertThat(endpoint.requests("PutJobFailureResult")).isEmpty();
        assertThat(support.resultCalls(job)).isEqualTo(1);
        assertThat(queue.results(job)).containsExactly("success");
        Map<String, Object> success = endpoint.bodies("PutJobSuccessResult").get(0);
        assertThat(success).doesNotContainKey("clientToken").containsEntry("outputVariables",
                Map.of("PROJECT_VERSION", "1.0", "INPUT_REVISION", "rev-4711"));
        assertNoClientTokenMember();
        assertThat(s3.keys()).anyMatch(k -> k.endsWith("-out"));
        assertThat(result.log).contains("[job " + job.id.substring(0, 8) + "] [INFO] BUILD SUCCESS")
                .contains("uploaded the output artifact BuildOutput");
        assertThat(result.lines("job ended: ")).singleElement().asString()
                .contains("result: succeeded, handed over by the build (exit status 0), reported by the worker");
        assertThat(result.lines("[ERROR]")).isEmpty();
        assertThat(result.log).doesNotContain("client token (from"); // a custom job gets no token, so no warning either
        assertNoSecrets(result.log);
    }

    @Test
    void aCustomJobWithAnInputThatReportsNothingGetsTheWorkersSuccessWithTheInputRevision() throws IOException {
        String custom = "Build/Custom/MavenBuild/1";
        JobQueue.QueuedJob job = job(custom, null, null, "passing", "custom-worker-success", null, false);
        MavenBuild.Result result = support.worker("worker-custom-success", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.actionType=" + custom, "-Dcodepipeline.command=sh -c 'ls pom.xml'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.refusals()).isEmpty();
        assertThat(endpoint.bodies("GetJobDetails")).containsExactly(Map.of("jobId", job.id));
        assertThat(result.log).contains("] pom.xml");
        assertThat(endpoint.bodies("PutJobSuccessResult")).singleElement().satisfies(body -> assertThat(body)
                .containsEntry("outputVariables", Map.of("INPUT_REVISION", "rev-4711")).containsKey("executionDetails"));
        assertThat(support.resultCalls(job)).isEqualTo(1);
        assertNoClientTokenMember();
        assertThat(result.lines("job ended: ")).singleElement().asString()
                .contains("result: succeeded, reported by the worker (exit status 0)");
        assertThat(result.log).contains("reported the success of job " + job.id + " in ")
                .contains("with 1 output variable (INPUT_REVISION)");
    }

    @Test
    void aDryRunPollsNothing() throws IOException {
        MavenBuild.Result result = support.worker("worker-dry-run", "-Dcodepipeline.dryRun=true").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.requests()).isEmpty();
        assertThat(result.log).contains("dry run (codepipeline.dryRun=true): nothing is polled")
                .contains("poll with PollForThirdPartyJobs for " + TYPE).contains("(1 client IDs)");
        assertNoSecrets(result.log);
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedWithOneLine() throws IOException {
        MavenBuild worker = support.worker("worker-readable-tokens");
        Files.setPosixFilePermissions(worker.directory().resolve("tokens"), PosixFilePermissions.fromString("rw-r--r--"));
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).isOne();
        assertThat(result.log).contains("can be read by other users; it holds the actions' client tokens: chmod 600 ");
        assertThat(endpoint.requests()).isEmpty();
        assertNoSecrets(result.log);
    }

    @Test
    void theBuildSeesTheUnpackedSourcesAndTheInputRevision() throws IOException {
        JobQueue.QueuedJob job = job("passing", "revision", null, false);
        MavenBuild worker = support.worker("worker-revision", "-Dcodepipeline.maxJobsTotal=1", "-Dcodepipeline.keepWorkspaces=true",
                "-Dcodepipeline.command=sh -c 'echo \"rev=$CODEPIPELINE_INPUT_REVISION pipeline=$CODEPIPELINE_PIPELINE_NAME"
                        + " stage=$CODEPIPELINE_STAGE_NAME\"; ls pom.xml'");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("rev=rev-4711 pipeline=shop-pipeline stage=Build").contains("] pom.xml")
                .contains("(codepipeline.keepWorkspaces)");
        assertThat(queue.results(job)).containsExactly("success");
        assertThat(worker.directory().resolve("codepipeline-work").resolve(workspace(job)).resolve("build.log")).content()
                .contains("rev=rev-4711");
    }

    @Test
    void aBuildThatNeverStartsIsReported() throws IOException {
        JobQueue.QueuedJob job = job(null, "never-starts", null, false);
        MavenBuild.Result result = support.worker("worker-never-starts", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.command=/nonexistent/mvn -B verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).singleElement().asString()
                .startsWith("failure: The job worker could not start the build /nonexistent/mvn -B verify (IOException: ");
        assertThat(result.lines("job ended: ")).singleElement().asString()
                .contains("result: failed, reported by the worker (the build did not start)");
    }
}
