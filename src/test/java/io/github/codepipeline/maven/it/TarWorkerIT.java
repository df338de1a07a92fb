package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.artifact.Tars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job worker ({@code work}) with a gzipped tar as its job's source (issue 31): the worker's own download unpacks
 * it by content (its key says .zip), builds it and reports once; the workspace holds exactly the tar's files.
 */
class TarWorkerIT {
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

    @Test
    void aTgzSourceIsUnpackedByTheWorkerBuiltAndReportedOnce() throws IOException {
        Path sources = MavenBuild.of("artifacts-app", "tar-worker-sources").directory();
        Tars tar = new Tars();
        List<Path> files;
        try (Stream<Path> all = Files.walk(sources)) {
            files = all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("build.log"))
                    .sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            tar.file("./" + sources.relativize(file), Files.readAllBytes(file), Files.isExecutable(file) ? 0755 : 0644);
        }
        String key = "shop-pipeline/SourceOutp/tgz" + System.nanoTime() + ".zip";
        Path tgz = tar.writeGzip(Files.createTempFile("worker-tar", ".tgz"));
        s3.put(key, tgz);
        Files.delete(tgz);
        String data = "{\"actionTypeId\":{\"category\":\"Build\",\"owner\":\"ThirdParty\",\"provider\":\"PartnerCI\",\"version\":\"1\"},"
                + "\"pipelineContext\":{\"pipelineName\":\"shop-pipeline\",\"stage\":{\"name\":\"Build\"},\"action\":{\"name\":\"Maven\"}},"
                + "\"inputArtifacts\":[{\"name\":\"SourceOutput\",\"revision\":\"rev-4711\",\"location\":{\"type\":\"S3\","
                + "\"s3Location\":{\"bucketName\":\"" + S3Server.BUCKET + "\",\"objectKey\":\"" + key + "\"}}}],"
                + "\"outputArtifacts\":[],\"artifactCredentials\":{\"accessKeyId\":\"" + S3Server.ACCESS_KEY
                + "\",\"secretAccessKey\":\"" + S3Server.SECRET_KEY + "\",\"sessionToken\":\"" + S3Server.SESSION_TOKEN + "\"}}";
        JobQueue.QueuedJob job = queue.add(WorkerIT.TYPE, WorkerIT.CLIENT_ID, WorkerIT.TOKEN, data);

        MavenBuild worker = MavenBuild.emptyFolder("tar-worker");
        Path tokens = worker.directory().resolve("tokens");
        Files.write(tokens, (WorkerIT.CLIENT_ID + "=" + WorkerIT.TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        MavenBuild.Result result = worker.mavenOpts("-XX:TieredStopAtLevel=1 -Dmaven.repo.local="
                        + System.getProperty("it.localRepository"))
                .args(MavenBuild.goal("work"), "-Dcodepipeline.actionType=" + WorkerIT.TYPE, "-Dcodepipeline.clientTokens=tokens",
                        "-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.s3Endpoint=" + s3.url(),
                        "-Dcodepipeline.pollInterval=1", "-Dcodepipeline.maxJobsTotal=1", "-Dcodepipeline.keepWorkspaces=true")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(queue.results(job)).containsExactly("success");
        assertThat(result.lines("unpacked the input artifact SourceOutput (")).singleElement().asString()
                .contains(" unpacked, from a gzipped tar file of ");
        assertThat(result.log).contains("] mvnw of the shop").doesNotContain("is not a zip"); // the unpacked, executable mvnw ran
        Path source;
        try (Stream<Path> workspaces = Files.list(worker.directory().resolve("codepipeline-work"))) {
            source = workspaces.findFirst().get().resolve("source");
        }
        List<String> unpacked = HostileArtifactsIT.tree(source).stream().filter(p -> !p.startsWith("target"))
                .collect(Collectors.toList());
        assertThat(unpacked).isEqualTo(HostileArtifactsIT.tree(sources));
        assertThat(Files.isExecutable(source.resolve("mvnw"))).isEqualTo(Files.isExecutable(sources.resolve("mvnw")));
        assertThat(result.log).doesNotContain(WorkerIT.TOKEN).doesNotContain(S3Server.SECRET_KEY);
    }
}
