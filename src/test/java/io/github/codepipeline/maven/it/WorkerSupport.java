package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * What the job worker's ITs of its supervision share ({@link WorkerHostileIT}, {@link WorkerRecoveryIT}): the local
 * CodePipeline with its {@link JobQueue}, partner jobs without inputs (the builds are scripts), a worker in an empty
 * folder with a client token file, and what reached the endpoint for a job.
 */
final class WorkerSupport implements AutoCloseable {
    static final String TYPE = "Build/ThirdParty/PartnerCI/1";
    static final String CLIENT_ID = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final String TOKEN = "worker-client-token-DoNotLog-7f3a9c";
    static final String CONFIG_VALUE = "ShopProjectSecretName";

    final JobQueue queue = new JobQueue();
    final CodePipelineEndpoint endpoint = new CodePipelineEndpoint(queue);

    WorkerSupport() {
        queue.serve(endpoint);
    }

    @Override
    public void close() {
        endpoint.close();
    }

    /** The JobData JSON of a partner job with {@code configuration} (a JSON object) and these artifacts (JSON arrays). */
    static String data(String configuration, String inputs, String outputs) {
        return "{\"actionTypeId\":{\"category\":\"Build\",\"owner\":\"ThirdParty\",\"provider\":\"PartnerCI\",\"version\":\"1\"},"
                + "\"actionConfiguration\":{\"configuration\":" + configuration + "},"
                + "\"pipelineContext\":{\"pipelineName\":\"shop-pipeline\",\"stage\":{\"name\":\"Build\"},\"action\":{\"name\":\"Maven\"}},"
                + "\"inputArtifacts\":" + inputs + ",\"outputArtifacts\":" + outputs + "}";
    }

    /** A partner job with one configuration property {@code ProjectName} = {@code value} (JSON-escaped by the caller). */
    JobQueue.QueuedJob job(String projectNameJson) {
        return queue.add(TYPE, CLIENT_ID, TOKEN, data("{\"ProjectName\":\"" + projectNameJson + "\"}", "[]", "[]"));
    }

    /** The worker, in an empty folder with a client token file only its owner can read. */
    MavenBuild worker(String test, String... args) throws IOException {
        MavenBuild worker = MavenBuild.emptyFolder(test);
        Path tokens = worker.directory().resolve("tokens");
        Files.write(tokens, ("# partner action tokens\n" + CLIENT_ID + "=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        worker.mavenOpts("-XX:TieredStopAtLevel=1 -Dmaven.repo.local=" + System.getProperty("it.localRepository"));
        return worker.args(MavenBuild.goal("work"), "-Dcodepipeline.actionType=" + TYPE, "-Dcodepipeline.clientTokens=tokens",
                "-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.pollInterval=1").args(args);
    }

    /** The Put*Result calls that reached the endpoint for {@code job}. */
    int resultCalls(JobQueue.QueuedJob job) {
        int calls = 0;
        for (String operation : List.of("PutThirdPartyJobSuccessResult", "PutThirdPartyJobFailureResult")) {
            calls += (int) endpoint.bodies(operation).stream().filter(b -> job.id.equals(b.get("jobId"))).count();
        }
        return calls;
    }

    /** The failure details sent for {@code job} (type and message), or {@code null}. */
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> failure(JobQueue.QueuedJob job) {
        return endpoint.bodies("PutThirdPartyJobFailureResult").stream().filter(b -> job.id.equals(b.get("jobId")))
                .map(b -> (java.util.Map<String, Object>) b.get("failureDetails")).findFirst().orElse(null);
    }

    static void assertNoSecrets(String text) {
        assertThat(text).doesNotContain(TOKEN).doesNotContain(CONFIG_VALUE).doesNotContain(MavenBuild.SECRET_KEY)
                .doesNotContain(new StringBuilder(TOKEN).reverse());
    }

    /** Whether a process whose whole command line is {@code commandLine} runs. */
    static boolean running(String commandLine) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "^" + commandLine + "$").start();
        return pgrep.waitFor() == 0;
    }
}
