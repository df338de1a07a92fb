package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.JOB_DETAILS;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.artifact.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 20 through the goals, against s3proxy and the local CodePipeline: a link where an artifact
 * goes or on an entry's way, an object past {@code maxInputSize}, a killed download, entry names that try to print
 * log lines, a million entries in a 64 MB heap, and upload-output's links out of the module. Each asserts the file
 * system before and after (nothing outside changed, nothing partial left) and the one line Maven printed.
 */
class HostileArtifactsIT extends S3Support {
    private static final String INPUT_KEY = "shop-pipeline/SourceOutp/q1W2e3R";
    private static final String CONFIG_KEY = "shop-pipeline/Config/c1";
    private static final String OUTPUT_KEY = "shop-pipeline/BuildOutpu/x7Yz9Ab";

    private void answerJob(Map<String, String> inputs, Map<String, String> outputs) {
        endpoint.answer(JOB_DETAILS, CodePipelineEndpoint.ok(ArtifactsIT.job(inputs, outputs, null, S3Server.ACCESS_KEY)));
    }

    private MavenBuild worker(String test) {
        return worker(MavenBuild.emptyFolder(test));
    }

    private MavenBuild worker(MavenBuild build) {
        return build.env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .env("AWS_ENDPOINT_URL_S3", s3.url()).args("-Dcodepipeline.endpoint=" + endpoint.url());
    }

    private void putInput(String key, Zips zip) throws IOException {
        Path file = Files.createTempFile("input", ".zip");
        s3.put(key, Files.readAllBytes(zip.write(file)));
        Files.delete(file);
    }

    /** Every path under {@code root} but the build's log, relative, with link marks and file sizes. */
    static List<String> tree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Collections.emptyList();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.map(p -> root.relativize(p).toString() + (Files.isSymbolicLink(p) ? "@" : "")
                    + (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? ":" + p.toFile().length() : ""))
                    .filter(p -> !p.startsWith("build.log")).sorted().collect(Collectors.toList());
        }
    }

    /** A folder beside the build's, with one file: what must stay as it is. */
    private static Path outside(MavenBuild build) throws IOException {
        Path outside = build.directory().resolveSibling("outside");
        Files.createDirectories(outside);
        Files.write(outside.resolve("keep.txt"), "outside".getBytes(StandardCharsets.UTF_8));
        return outside;
    }

    /** The failure: exactly one ERROR line holding {@code text} (Maven's own ERROR lines around it are help). */
    private static String oneErrorLine(MavenBuild.Result result, String text) {
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        List<String> lines = result.lines(text);
        assertThat(lines).as(result.toString()).hasSize(1);
        assertThat(lines.get(0)).startsWith("[ERROR]").doesNotContain("Exception:");
        assertThat(result.log).doesNotContain("\tat io.github").doesNotContain("\u0000");
        return lines.get(0);
    }

    @Test
    void aLinkWhereAnArtifactGoesIsRefusedBeforeAnythingIsDownloaded() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY, "Config", CONFIG_KEY), ArtifactsIT.map());
        putInput(INPUT_KEY, new Zips().file("pom.xml", "<project/>"));
        putInput(CONFIG_KEY, new Zips().file("keep.txt", "replaced!").file("new/file.txt", "planted"));
        MavenBuild build = worker("linkAsArtifactDirectory");
        Path outside = outside(build);
        Files.createDirectories(build.directory().resolve("work"));
        Files.createSymbolicLink(build.directory().resolve("work/Config"), outside);
        List<String> before = tree(build.directory());
        List<String> outsideBefore = tree(outside);

        for (String overwrite : new String[] {"false", "true"}) {
            MavenBuild.Result result = MavenBuild.in(build.directory()).env("CODEPIPELINE_JOB_ID", JOB_ID)
                    .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN).env("AWS_ENDPOINT_URL_S3", s3.url())
                    .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.inputDirectory=work",
                            "-Dcodepipeline.overwrite=" + overwrite, MavenBuild.goal("download-input")).run();
            String line = oneErrorLine(result, "Refusing to unpack the input artifact Config into");
            assertThat(line).contains(build.directory().resolve("work/Config") + ": it is a symbolic link (to " + outside
                    + "), which download-input does not follow; nothing was downloaded. Remove it, or choose another"
                    + " codepipeline.inputDirectory.");
            assertThat(tree(outside)).isEqualTo(outsideBefore);
            assertThat(tree(build.directory())).isEqualTo(before);
        }
        assertThat(s3.requests()).isEmpty();
    }

    @Test
    void anInputDirectoryThatIsItselfALinkIsUnpackedInto() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        putInput(INPUT_KEY, new Zips().file("pom.xml", "<project/>").file("src/A.java", "class A {}"));
        MavenBuild build = worker("inputDirectoryIsALink");
        Path real = build.directory().resolveSibling("linked-input");
        io.github.codepipeline.maven.artifact.Staging.delete(real); // what an earlier run left
        Files.createDirectories(real);
        Files.write(real.resolve("kept.txt"), "mine".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(build.directory().resolve("work"), real);

        MavenBuild.Result result = build.args("-Dcodepipeline.inputDirectory=work", MavenBuild.goal("download-input")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("unpacked the input artifact SourceOutput")).as(result.toString()).hasSize(1);
        assertThat(tree(real)).containsExactly("", "kept.txt:4", "pom.xml:10", "src", "src/A.java:10");
        assertThat(Files.isSymbolicLink(build.directory().resolve("work"))).isTrue();
    }

    @Test
    void noDirectoryIsMadeThroughALinkOnAnEntrysWay() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        putInput(INPUT_KEY, new Zips().file("pom.xml", "<project/>").file("src/newdir/sub/x.txt", "x"));
        MavenBuild build = worker("linkOnTheWay");
        Path outside = outside(build);
        Files.createSymbolicLink(build.directory().resolve("src"), outside);
        List<String> before = tree(build.directory());

        MavenBuild.Result result = build.args("-Dcodepipeline.overwrite=true", MavenBuild.goal("download-input")).run();
        String line = oneErrorLine(result, "its entry src/newdir/sub/x.txt would be written through the symbolic link");
        assertThat(line).contains("Refusing the input artifact SourceOutput (s3://" + S3Server.BUCKET + "/" + INPUT_KEY
                + "): its entry src/newdir/sub/x.txt would be written through the symbolic link " + build.directory().resolve("src")
                + " (links in the target are not followed; remove it); nothing was unpacked.");
        assertThat(tree(outside)).containsExactly("", "keep.txt:7");
        assertThat(tree(build.directory())).isEqualTo(before);
    }

    @Test
    void anObjectPastMaxInputSizeIsStoppedWhileItStreamsAndNothingIsSaved() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(20).nextBytes(big);
        s3.put(INPUT_KEY, big);
        MavenBuild build = worker("tooLargeAnnounced");
        MavenBuild.Result result = build.args("-Dcodepipeline.maxInputSize=1", MavenBuild.goal("download-input")).run();
        assertThat(oneErrorLine(result, "Refusing the input artifact SourceOutput")).contains("the object is larger than 1 MB"
                + " (3145728 bytes), the most codepipeline.maxInputSize allows; the download was stopped and nothing was"
                + " saved. If the artifact is really that large, raise -Dcodepipeline.maxInputSize (in MB).");
        assertThat(tree(build.directory())).containsExactly("");
        assertThat(s3.requests()).hasSize(1); // refused, not retried

        // Chunked, no length announced: stopped at the bound, not at the end.
        s3.slowly(INPUT_KEY, big, 3000);
        MavenBuild chunked = worker("tooLargeStreamed");
        result = chunked.args("-Dcodepipeline.maxInputSize=1", MavenBuild.goal("download-input")).run();
        assertThat(oneErrorLine(result, "Refusing the input artifact SourceOutput")).contains("the object is larger than 1 MB,"
                + " the most codepipeline.maxInputSize allows; the download was stopped");
        assertThat(tree(chunked.directory())).containsExactly("");
    }

    @Test
    void whatAKilledDownloadLeftIsRemovedByTheNextRun() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        byte[] content = new byte[2 * 1024 * 1024];
        new Random(21).nextBytes(content);
        Zips zips = new Zips().file("pom.xml", "<project/>").file("lib/big.bin", content, 0100644);
        Path zip = zips.write(Files.createTempFile("input", ".zip"));
        byte[] bytes = Files.readAllBytes(zip);
        Files.delete(zip);
        s3.slowly(INPUT_KEY, bytes, 120_000);
        MavenBuild build = worker("killedDownload");
        Files.write(build.directory().resolve("mine.txt"), "mine".getBytes(StandardCharsets.UTF_8));

        MavenBuild.Running running = build.args(MavenBuild.goal("download-input")).start();
        Path partial = awaitPartialDownload(build.directory(), running);
        running.signal("KILL");
        running.waitFor(60);
        assertThat(partial).exists();
        assertThat(tree(build.directory())).containsExactlyInAnyOrder("", "mine.txt:4",
                partial.getFileName() + ":" + Files.size(partial));

        s3.reset();
        s3.put(INPUT_KEY, bytes);
        MavenBuild.Result result = worker(MavenBuild.in(build.directory())).args(MavenBuild.goal("download-input")).run();
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("CodePipeline: removed what an interrupted download-input left in " + build.directory()
                + ": " + partial.getFileName() + ".")).hasSize(1);
        assertThat(tree(build.directory())).containsExactly("", "lib", "lib/big.bin:" + content.length, "mine.txt:4",
                "pom.xml:10");
    }

    private static Path awaitPartialDownload(Path directory, MavenBuild.Running running) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".codepipeline-") && name.endsWith(".download") && Files.size(file) > 0) {
                        return file;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no partial download appeared:\n" + running.log());
    }

    @Test
    void entryNamesCannotPrintLinesOfTheirOwn() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        putInput(INPUT_KEY, new Zips().file("ok.txt", "ok").file("../x\n[INFO] BUILD SUCCESS\n[INFO] \u001b[1m", "x"));
        MavenBuild build = worker("logInjection");
        MavenBuild.Result result = build.args(MavenBuild.goal("download-input")).run();
        String line = oneErrorLine(result, "leads out of the directory with '..' (zip slip)");
        assertThat(line).contains("its entry ../x\\n[INFO] BUILD SUCCESS\\n[INFO] \\x1b[1m leads out");
        assertThat(result.log.split("\n")).noneMatch(l -> l.startsWith("[INFO] BUILD SUCCESS"));
        assertThat(line).doesNotContain("\u001b"); // Maven's own "ESC[0m" is elsewhere
        assertThat(tree(build.directory())).containsExactly("");

        putInput(INPUT_KEY, new Zips().file("ok.txt", "ok").file("a\u0000b.txt", "x"));
        result = worker("logInjectionNul").args(MavenBuild.goal("download-input")).run();
        assertThat(oneErrorLine(result, "has a NUL character in its name")).contains("its entry a\\0b.txt has a NUL");
    }

    /**
     * A million entries, the last one hostile (94 MB in the issue's report, {@code Java heap space} under -Xmx256m):
     * refused in a 64 MB heap, nothing written.
     */
    @Test
    void aMillionEntriesAreCheckedInA64MegabyteHeap() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        Path zip = Zips.manyEmptyFiles(Files.createTempFile("million", ".zip"), 999_999, "../escaped");
        s3.put(INPUT_KEY, zip);
        Files.delete(zip);
        MavenBuild build = worker("millionEntries");
        MavenBuild.Result result = build.mavenOpts("-Xmx64m").env("AWS_ENDPOINT_URL_S3", s3.directUrl())
                .args(MavenBuild.goal("download-input")).run();
        oneErrorLine(result, "its entry ../escaped leads out of the directory with '..' (zip slip); nothing was unpacked.");
        assertThat(result.log).doesNotContain("OutOfMemoryError").doesNotContain("Java heap space");
        assertThat(tree(build.directory())).containsExactly("");
        System.out.println("A million entries checked and refused under -Xmx64m in " + result.millis + " ms");
    }

    // --- upload-output

    @Test
    void uploadRefusesALinkOutOfTheModuleUnlessFollowLinksAndStoresOneInsideAsItsFile() throws Exception {
        answerJob(ArtifactsIT.map(), ArtifactsIT.map("BuildOutput", OUTPUT_KEY));
        MavenBuild build = worker(MavenBuild.of("artifacts-app", "uploadLinks")).args("-Dcodepipeline.s3Endpoint=" + s3.url());
        Path secret = build.directory().resolveSibling("secret.txt");
        Files.write(secret, "root:x:0:0".getBytes(StandardCharsets.UTF_8));
        Path dist = Files.createDirectories(build.directory().resolve("dist"));
        Files.write(dist.resolve("app.txt"), "app".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(dist.resolve("appspec.yml"), build.directory().resolve("appspec.yml"));
        Files.createSymbolicLink(dist.resolve("leak"), secret);

        MavenBuild.Result result = build.args("-Dcodepipeline.outputDirectory=dist", MavenBuild.goal("upload-output")).run();
        assertThat(oneErrorLine(result, "Refusing to upload leak from " + dist)).contains(": it is a symbolic link to "
                + secret.toRealPath() + ", outside the module's base directory " + build.directory() + ".")
                .contains("set -Dcodepipeline.followLinks=true");
        assertThat(s3.requests()).isEmpty();
        assertThat(endpoint.requests(JOB_DETAILS)).isEmpty();

        result = worker(MavenBuild.in(build.directory())).args("-Dcodepipeline.s3Endpoint=" + s3.url(),
                "-Dcodepipeline.outputDirectory=dist", "-Dcodepipeline.followLinks=true", MavenBuild.goal("upload-output")).run();
        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, byte[]> zip = ArtifactsIT.unzip(s3.get(OUTPUT_KEY));
        assertThat(zip.keySet()).containsExactly("app.txt", "appspec.yml", "leak");
        assertThat(zip.get("appspec.yml")).isEqualTo(Files.readAllBytes(build.directory().resolve("appspec.yml")));
        assertThat(new String(zip.get("leak"), StandardCharsets.UTF_8)).isEqualTo("root:x:0:0");
    }
}
