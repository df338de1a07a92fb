package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.artifact.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the job worker's ITs share, registered per test ({@code @RegisterExtension final WorkerSupport support = new
 * WorkerSupport()}): the local CodePipeline with its {@link JobQueue}, partner jobs, a worker in an empty folder with a
 * client token file, and what reached the endpoint for a job. ITs whose jobs carry artifacts add the real S3 server
 * of their class ({@link S3}), which the worker is pointed at and the jobs' sources are zipped into.
 */
final class WorkerSupport implements AutoCloseable, AfterEachCallback {
    static final String TYPE = "Build/ThirdParty/PartnerCI/1";
    static final String CLIENT_ID = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final String TOKEN = "worker-client-token-DoNotLog-7f3a9c";
    static final String CONFIG_VALUE = "ShopProjectSecretName";

    final JobQueue queue = new JobQueue();
    final CodePipelineEndpoint endpoint = new CodePipelineEndpoint(queue);
    private final S3 s3;

    /** For jobs without artifacts (the builds are scripts). */
    WorkerSupport() {
        this(null);
    }

    /** For jobs whose artifacts are in {@code s3}. */
    WorkerSupport(S3 s3) {
        this.s3 = s3;
        queue.serve(endpoint);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        endpoint.close();
    }

    /** The JobData JSON of a partner job with {@code configuration} (a JSON object) and these artifacts (JSON arrays). */
    static String data(String configuration, String inputs, String outputs) {
        return data(TYPE, configuration, inputs, outputs, false);
    }

    /**
     * The JobData JSON of a job of {@code type} ({@code category/owner/provider/version}) with {@code configuration} (a
     * JSON object), these artifacts (JSON arrays) and, if asked, the S3 server's artifact credentials.
     */
    static String data(String type, String configuration, String inputs, String outputs, boolean credentials) {
        String[] parts = type.split("/");
        return "{\"actionTypeId\":{\"category\":\"" + parts[0] + "\",\"owner\":\"" + parts[1] + "\",\"provider\":\""
                + parts[2] + "\",\"version\":\"" + parts[3] + "\"},"
                + "\"actionConfiguration\":{\"configuration\":" + configuration + "},"
                + "\"pipelineContext\":{\"pipelineName\":\"shop-pipeline\",\"stage\":{\"name\":\"Build\"},\"action\":{\"name\":\"Maven\"}},"
                + "\"inputArtifacts\":" + inputs + ",\"outputArtifacts\":" + outputs
                + (credentials ? ",\"artifactCredentials\":{\"accessKeyId\":\"" + S3Server.ACCESS_KEY + "\",\"secretAccessKey\":\""
                        + S3Server.SECRET_KEY + "\",\"sessionToken\":\"" + S3Server.SESSION_TOKEN + "\"}" : "")
                + "}";
    }

    /** An artifact {@code name} at {@code key} of the S3 server's bucket (JSON), with a revision if one is given. */
    static String artifact(String name, String revision, String key) {
        return "{\"name\":\"" + name + "\"," + (revision == null ? "" : "\"revision\":\"" + revision + "\",")
                + "\"location\":{\"type\":\"S3\",\"s3Location\":{\"bucketName\":\"" + S3Server.BUCKET + "\",\"objectKey\":\""
                + key + "\"}}}";
    }

    /** A partner job with one configuration property {@code ProjectName} = {@code value} (JSON-escaped by the caller). */
    JobQueue.QueuedJob job(String projectNameJson) {
        return queue.add(TYPE, CLIENT_ID, TOKEN, data("{\"ProjectName\":\"" + projectNameJson + "\"}", "[]", "[]"));
    }

    /**
     * A job of {@code type} for {@code clientId} and {@code token} ({@code null} for a custom job) with {@code
     * configuration} (a JSON object) and the S3 server's artifact credentials; its source ({@code SourceOutput}, revision
     * {@code rev-4711}) is {@code it/<project>} zipped into S3, none when {@code project} is {@code null}, without the
     * project's own {@code mvnw} and with an executable {@code mvnw} of this text if one is given; its output artifact
     * ({@code BuildOutput}, at the source's key {@code + "-out"}) if asked.
     */
    JobQueue.QueuedJob job(String type, String clientId, String token, String configuration, String project, String test,
            String mvnw, boolean output) throws IOException {
        String key = "shop-pipeline/SourceOutp/" + UUID.randomUUID();
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
        String inputs = project == null ? "[]" : "[" + artifact("SourceOutput", "rev-4711", key) + "]";
        String outputs = output ? "[" + artifact("BuildOutput", null, key + "-out") + "]" : "[]";
        return queue.add(type, clientId, token, data(type, configuration, inputs, outputs, true));
    }

    /** The worker, in an empty folder with a client token file only its owner can read. */
    MavenBuild worker(String test, String... args) throws IOException {
        return workerWithTokens(test, "# partner action tokens\n" + CLIENT_ID + "=" + TOKEN + "\n", args);
    }

    /**
     * The worker, in an empty folder with a client token file of {@code tokenLines} only its owner can read, polling for
     * {@link #TYPE} unless {@code args} name another action type, with the S3 server if there is one.
     */
    MavenBuild workerWithTokens(String test, String tokenLines, String... args) throws IOException {
        MavenBuild worker = MavenBuild.emptyFolder(test);
        Path tokens = worker.directory().resolve("tokens");
        Files.write(tokens, tokenLines.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        worker.mavenOpts("-XX:TieredStopAtLevel=1 -Dmaven.repo.local=" + System.getProperty("it.localRepository"));
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("-Dcodepipeline.actionType="))) {
            worker.args("-Dcodepipeline.actionType=" + TYPE);
        }
        worker.args(MavenBuild.goal("work"), "-Dcodepipeline.clientTokens=tokens", "-Dcodepipeline.endpoint=" + endpoint.url());
        if (s3 != null) {
            worker.args("-Dcodepipeline.s3Endpoint=" + s3.url());
        }
        return worker.args("-Dcodepipeline.pollInterval=1").args(args);
    }

    /** The Put*Result calls (partner or custom) that reached the endpoint for {@code job}. */
    int resultCalls(JobQueue.QueuedJob job) {
        int calls = 0;
        for (String operation : List.of("PutThirdPartyJobSuccessResult", "PutThirdPartyJobFailureResult", "PutJobSuccessResult",
                "PutJobFailureResult")) {
            calls += (int) endpoint.bodies(operation).stream().filter(b -> job.id.equals(b.get("jobId"))).count();
        }
        return calls;
    }

    /** The failure details sent for {@code job} (type and message), or {@code null}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> failure(JobQueue.QueuedJob job) {
        return endpoint.bodies("PutThirdPartyJobFailureResult").stream().filter(b -> job.id.equals(b.get("jobId")))
                .map(b -> (Map<String, Object>) b.get("failureDetails")).findFirst().orElse(null);
    }

    /** Neither the client token (reversed neither), the configuration value, the worker's key nor the artifacts' keys. */
    static void assertNoSecrets(String text) {
        assertThat(text).doesNotContain(TOKEN).doesNotContain(CONFIG_VALUE).doesNotContain(MavenBuild.SECRET_KEY)
                .doesNotContain(new StringBuilder(TOKEN).reverse()).doesNotContain(S3Server.SECRET_KEY)
                .doesNotContain(S3Server.SESSION_TOKEN);
    }

    /** Whether a process whose whole command line is {@code commandLine} runs. */
    static boolean running(String commandLine) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "^" + commandLine + "$").start();
        return pgrep.waitFor() == 0;
    }

    /**
     * One real S3 server (s3proxy, in memory) per test class, its bucket emptied before each test: {@code
     * @RegisterExtension static final WorkerSupport.S3 s3 = new WorkerSupport.S3()}.
     */
    static final class S3 implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
        private S3Server server;

        @Override
        public void beforeAll(ExtensionContext context) {
            server = new S3Server(null);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            server.close();
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            server.reset();
        }

        String url() {
            return server.url();
        }

        void put(String key, Path file) {
            server.put(key, file);
        }

        List<String> keys() {
            return server.keys();
        }
    }
}
