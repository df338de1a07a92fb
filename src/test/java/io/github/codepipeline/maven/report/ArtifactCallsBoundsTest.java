package io.github.codepipeline.maven.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.artifact.Zips;
import io.github.codepipeline.maven.client.ReportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code download-input}'s bounds that ITs alone checked: the streaming {@code maxInputSize} stop for an object whose
 * length S3 does not announce, and the refusal of a link where an input artifact's folder goes (before the
 * download, and again after it).
 */
class ArtifactCallsBoundsTest extends ArtifactCallsFixture {
    private static final String REFUSED = "Refusing the input artifact SourceOutput (s3://" + BUCKET + "/p/Source/1): the"
            + " object is larger than 1 MB";

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private long filesUnder(Path path) throws Exception {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /**
     * Break guarded: the streaming check ({@code total > maxBytes}) dropped or off. Chunked, without a length, the
     * 3 MB object was then downloaded whole and saved although the bound is 1 MB.
     */
    @Test
    void anObjectWithoutALengthIsStoppedAtTheBoundWhileItStreams() throws Exception {
        answerJob(map("SourceOutput", "p/Source/1"), map(), null);
        s3.stubFor(get(urlPathEqualTo("/" + BUCKET + "/p/Source/1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/zip").withBody(random(3 << 20)).withChunkedDribbleDelay(30, 300)));
        Path into = dir.resolve("into");

        assertThatThrownBy(() -> download(into, "codepipeline.maxInputSize", "1"))
                .isInstanceOf(ReportException.class)
                .hasMessage(REFUSED + ", the most codepipeline.maxInputSize allows; the download was stopped and nothing"
                        + " was saved. If the artifact is really that large, raise -Dcodepipeline.maxInputSize (in MB).");
        assertThat(filesUnder(into)).isZero();
        assertThat(s3Requests()).as("refused, not retried").hasSize(1);
        assertThat(s3Requests().get(0).getHeader("Range")).as("a whole GET, stopped by the plugin").isNull();
    }

    @Test
    void anAnnouncedLengthPastTheBoundIsRefusedWithIt() throws Exception {
        answerJob(map("SourceOutput", "p/Source/1"), map(), null);
        serve("p/Source/1", random((1 << 20) + 1));

        assertThatThrownBy(() -> download(dir.resolve("into"), "codepipeline.maxInputSize", "1"))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith(REFUSED + " (1048577 bytes), the most codepipeline.maxInputSize allows;");
    }

    @Test
    void anObjectOfExactlyTheBoundIsDownloaded() throws Exception {
        answerJob(map("SourceOutput", "p/Source/1"), map(), null);
        s3.stubFor(get(urlPathEqualTo("/" + BUCKET + "/p/Source/1")).willReturn(aResponse().withStatus(200)
                .withBody(random(1 << 20)).withChunkedDribbleDelay(4, 40)));

        download(dir.resolve("into"), "codepipeline.maxInputSize", "1");

        assertThat(dir.resolve("into/1")).hasSize(1 << 20);
    }

    /** Break guarded (HostileArtifactsIT alone caught it before): the link check of {@code checkTarget} and its words. */
    @Test
    void aLinkWhereAnInputsFolderGoesIsRefusedBeforeAnyDownload() throws Exception {
        answerJob(map("Source", "p/Source/1", "Config", "p/Config/2"), map(), null);
        serve("p/Source/1", zip(new Zips().file("pom.xml", "<project/>")));
        serve("p/Config/2", zip(new Zips().file("env.yml", "env: test")));
        Path into = Files.createDirectories(dir.resolve("into"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(into.resolve("Config"), outside);

        assertThatThrownBy(() -> download(into))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("Refusing to unpack the input artifact Config into " + into.resolve("Config") + ": it is a"
                        + " symbolic link (to " + outside + "), which download-input does not follow; nothing was downloaded."
                        + " Remove it, or choose another codepipeline.inputDirectory.");
        assertThat(s3Requests()).isEmpty();
        assertThat(filesUnder(dir)).isZero();

        Files.delete(into.resolve("Config"));
        Files.write(into.resolve("Config"), new byte[] {1});
        assertThatThrownBy(() -> download(into))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("Refusing to unpack the input artifact Config into " + into.resolve("Config") + ": a file"
                        + " stands there; nothing was downloaded. Remove it, or choose another codepipeline.inputDirectory.");
        assertThat(s3Requests()).isEmpty();
    }

    /** A link made while the artifact downloads is found before anything is unpacked through it. */
    @Test
    void aLinkMadeDuringTheDownloadIsRefusedBeforeUnpacking() throws Exception {
        answerJob(map("Source", "p/Source/1", "Config", "p/Config/2"), map(), null);
        serve("p/Source/1", zip(new Zips().file("pom.xml", "<project/>")));
        s3.stubFor(get(urlPathEqualTo("/" + BUCKET + "/p/Config/2")).willReturn(aResponse().withStatus(200)
                .withBody(zip(new Zips().file("env.yml", "env: test"))).withChunkedDribbleDelay(5, 2000)));
        Path into = Files.createDirectories(dir.resolve("into"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        CompletableFuture<Void> linker = CompletableFuture.runAsync(() -> {
            try {
                for (long end = System.nanoTime() + 60_000_000_000L; System.nanoTime() < end; Thread.sleep(5)) {
                    try (Stream<Path> files = Files.list(into)) {
                        if (files.anyMatch(f -> f.getFileName().toString().startsWith(".codepipeline-Config-"))) {
                            Files.createSymbolicLink(into.resolve("Config"), outside);
                            return;
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> download(into))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("Refusing to unpack the input artifact Config into " + into.resolve("Config") + ": it is a"
                        + " symbolic link (to " + outside + "), which download-input does not follow; nothing was unpacked."
                        + " Remove it, or choose another codepipeline.inputDirectory.");
        linker.join();
        assertThat(filesUnder(outside)).isZero();
        assertThat(into.resolve("Source/pom.xml")).as("the first input, unpacked before").hasContent("<project/>");
    }
}
