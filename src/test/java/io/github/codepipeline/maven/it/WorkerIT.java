package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.artifact.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job worker ({@code work}) end to end: a real worker (Maven, the plugin jar, the AWS SDK) polls the local
 * CodePipeline's {@link JobQueue}, unpacks each job's sources from the S3 stand-in (s3proxy), runs real child builds of
 * {@code it/} projects, and every job ends with exactly one result at the endpoint, whatever happened to its build.
 */
class WorkerIT {
    static final String TYPE = "Build/ThirdParty/PartnerCI/1";
    static final String CLIENT_ID = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final String TOKEN = "worker-client-token-DoNotLog-7f3a9c";
    static final String CONFIG_VALUE = "ShopProjectSecretName";

    private static S3Server s3;
    private JobQueue queue;
    private CodePipelineEndpoint endpoint;

    @BeforeAll
    static void startS3() {
        s3 = new S3Server(null);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void start() {
        s3.reset();
        queue = new JobQueue();
        endpoint = new CodePipelineEndpoint(queue);
        queue.serve(endpoint);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    /** A partner job whose source is {@code it/<project>} (zipped, in S3), with an output artifact if asked. */
    private JobQueue.QueuedJob job(String project, String test, String mvnw, boolean output) throws IOException {
        return job(TYPE, CLIENT_ID, TOKEN, project, test, mvnw, output);
    }

    private JobQueue.QueuedJob job(String type, String clientId, String token, String project, String test, String mvnw,
            boolean output) throws IOException {
        String key = "shop-pipeline/SourceOutp/" + Math.abs((project + test + System.nanoTime()).hashCode());
        if (project != null) {
            Path sources = MavenBuild.of(project, test + "-sources").directory();
            Zips zip = new Zips();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                    String name = sources.relativize(file).toString();
                    if (!name.equals("mvnw") && !name.equals("build.log")) {
                        zip.file(name, Files.readAllBytes(file), 0100644);
                    }
                }
            }
            if (mvnw != null) {
                zip.file("mvnw", mvnw.getBytes(StandardCharsets.UTF_8), 0100755);
            }
            Path file = zip.write(Files.createTempFile("worker-it", ".zip"));
            s3.put(key, file);
            Files.delete(file);
        }
        String[] parts = type.split("/");
        String data = "{\"actionTypeId\":{\"category\":\"" + parts[0] + "\",\"owner\":\"" + parts[1] + "\",\"provider\":\""
                + parts[2] + "\",\"version\":\"" + parts[3] + "\"},"
                + "\"actionConfiguration\":{\"configuration\":{\"ProjectName\":\"" + CONFIG_VALUE + "\"}},"
                + "\"pipelineContext\":{\"pipelineName\":\"shop-pipeline\",\"stage\":{\"name\":\"Build\"},\"action\":{\"name\":\"Maven\"}},"
                + "\"inputArtifacts\":" + (project == null ? "[]" : "[{\"name\":\"SourceOutput\",\"revision\":\"rev-4711\","
                        + "\"location\":{\"type\":\"S3\",\"s3Location\":{\"bucketName\":\"" + S3Server.BUCKET + "\",\"objectKey\":\""
                        + key + "\"}}}]")
                + ",\"outputArtifacts\":" + (output ? "[{\"name\":\"BuildOutput\",\"location\":{\"type\":\"S3\",\"s3Location\":"
                        + "{\"bucketName\":\"" + S3Server.BUCKET + "\",\"objectKey\":\"" + key + "-out\"}}}]" : "[]")
                + ",\"artifactCredentials\":{\"accessKeyId\":\"" + S3Server.ACCESS_KEY + "\",\"secretAccessKey\":\""
                + S3Server.SECRET_KEY + "\",\"sessionToken\":\"" + S3Server.SESSION_TOKEN + "\"}}";
        return queue.add(type, clientId, token, data);
    }

    /** The worker, in an empty folder with a client token file only its owner can read. */
    private MavenBuild worker(String test, String... args) throws IOException {
        MavenBuild worker = MavenBuild.emptyFolder(test);
        Path tokens = worker.directory().resolve("tokens");
        Files.write(tokens, ("# partner action tokens\n" + CLIENT_ID + "=" + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        return worker.mavenOpts("-XX:TieredStopAtLevel=1 -Dmaven.repo.local=" + System.getProperty("it.localRepository"))
                .args(MavenBuild.goal("work"), "-Dcodepipeline.actionType=" + TYPE, "-Dcodepipeline.clientTokens=tokens",
                        "-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.s3Endpoint=" + s3.url(),
                        "-Dcodepipeline.pollInterval=1")
                .args(args);
    }

    /** The Put*Result calls that reached the endpoint for {@code job}. */
    private int resultCalls(JobQueue.QueuedJob job) {
        int calls = 0;
        for (String operation : List.of("PutThirdPartyJobSuccessResult", "PutThirdPartyJobFailureResult", "PutJobSuccessResult",
                "PutJobFailureResult")) {
            calls += (int) endpoint.bodies(operation).stream().filter(b -> job.id.equals(b.get("jobId"))).count();
        }
        return calls;
    }

    private void assertNoSecrets(String log) {
        assertThat(log).doesNotContain(TOKEN).doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.SESSION_TOKEN)
                .doesNotContain(CONFIG_VALUE).doesNotContain(MavenBuild.SECRET_KEY);
    }

    @Test
    void passingBuildWithAnOutputArtifactAndNoMvnwIsBuiltWithThisMavenAndReportedOnce() throws IOException {
        JobQueue.QueuedJob job = job("artifacts-app", "passing", null, true);
        MavenBuild worker = worker("worker-passing", "-Dcodepipeline.maxJobsTotal=1");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).containsExactly("success");
        assertThat(resultCalls(job)).isEqualTo(1);
        assertThat(s3.keys()).anyMatch(k -> k.endsWith("-out"));
        assertThat(result.lines("job started: pipeline shop-pipeline, stage Build, action Maven, job " + job.id)).hasSize(1);
        assertThat(result.lines("job ended: pipeline shop-pipeline, stage Build, action Maven, job " + job.id)).singleElement()
                .asString().contains("result: succeeded, reported by the worker (exit status 0)");
        assertThat(result.log).contains(Paths.get(System.getProperty("maven.home"), "bin", "mvn") + " -B verify")
                .contains("] [INFO] BUILD SUCCESS").contains("uploaded the output artifact BuildOutput");
        assertThat(endpoint.refusals()).isEmpty();
        assertNoSecrets(result.log);
        assertThat(worker.directory().resolve("codepipeline-work")).isEmptyDirectory();
    }
}
