package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.artifact.Tars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job worker ({@code work}) with a gzipped tar as its job's source (issue 31): the worker's own download unpacks
 * it by content (its key says .zip), builds it and reports once; the workspace holds exactly the tar's files.
 */
class TarWorkerIT {
    @RegisterExtension
    static final WorkerSupport.S3 s3 = new WorkerSupport.S3();
    @RegisterExtension
    final WorkerSupport support = new WorkerSupport(s3);

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
        JobQueue.QueuedJob job = support.queue.add(WorkerSupport.TYPE, WorkerSupport.CLIENT_ID, WorkerSupport.TOKEN,
                WorkerSupport.data(WorkerSupport.TYPE, "{}", "[" + WorkerSupport.artifact("SourceOutput", "rev-4711", key) + "]",
                        "[]", true));

        MavenBuild worker = support.worker("tar-worker", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.keepWorkspaces=true");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
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
        assertThat(result.log).doesNotContain(WorkerSupport.TOKEN).doesNotContain(S3Server.SECRET_KEY);
    }
}
