package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.JOB_DETAILS;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.codepipeline.maven.artifact.Tars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * Tar and gzipped tar artifacts (issue 31) through the goals, against s3proxy and the local CodePipeline: recognised
 * by content whatever the key says, unpacked under the zip rules or refused leaving the file system as it was,
 * other formats saved with one warning naming them, and upload-output's tar and tgz read by GNU tar and by Java.
 */
class TarArtifactsIT extends S3Support {
    private static final String INPUT_KEY = "shop-pipeline/SourceOutp/t4R5g6Z.zip";
    private static final String OUTPUT_KEY = "shop-pipeline/BuildOutpu/t7Yz9Ab";

    private void answerJob(Map<String, String> inputs, Map<String, String> outputs) {
        endpoint.answer(JOB_DETAILS, CodePipelineEndpoint.ok(ArtifactsIT.job(inputs, outputs, null, S3Server.ACCESS_KEY)));
    }

    private MavenBuild emptyFolder(String test) {
        return MavenBuild.emptyFolder(test).env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .env("AWS_ENDPOINT_URL_S3", s3.url()).args("-Dcodepipeline.endpoint=" + endpoint.url());
    }

    private void putInput(Tars tar, boolean gzip) throws IOException {
        Path file = Files.createTempFile("input", ".tgz");
        s3.put(INPUT_KEY, Files.readAllBytes(gzip ? tar.writeGzip(file) : tar.write(file)));
        Files.delete(file);
    }

    private static void assertNoSecrets(MavenBuild.Result result) {
        assertThat(result.log).doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.SESSION_TOKEN)
                .doesNotContain(S3Server.ACCESS_KEY).doesNotContain(TOKEN);
    }

    private static String oneErrorLine(MavenBuild.Result result, String text) {
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        List<String> lines = result.lines(text);
        assertThat(lines).as(result.toString()).hasSize(1);
        assertThat(lines.get(0)).startsWith("[ERROR]").doesNotContain("Exception:");
        assertThat(result.log).doesNotContain("\tat io.github");
        return lines.get(0);
    }

    @Test
    void aGzippedTarUnderAZipKeyIsUnpackedWithModesLinksAndLongNames() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        String deep = String.join("/", java.util.Collections.nCopies(14, "package")) + "/Deep.java";
        putInput(new Tars().directory("./").file("./mvnw", "#!/bin/sh\n".getBytes(), 0755).file("./pom.xml", "<project/>")
                .gnuLongName(deep).file("short", "class Deep {}").pax("path", "docs/r\u00e9sum\u00e9.txt").file("x", "cv")
                .symlink("./current.jar", "lib/app.jar").file("lib/app.jar", "jar").hardLink("lib/copy.jar", "lib/app.jar"), true);
        MavenBuild build = emptyFolder("tarDownload");
        List<String> before = HostileArtifactsIT.tree(build.directory());

        // Without a UTF-8 locale (LC_ALL=C, as on many CI images) Java cannot make the name r\u00e9sum\u00e9.txt: the archive
        // is refused with one line saying what to set, and nothing is written. With one, it is unpacked.
        build.args(MavenBuild.goal("download-input"));
        MavenBuild.Result refused = build.env("LC_ALL", "C").run();
        assertThat(refused.exitCode).as(refused.toString()).isEqualTo(1);
        assertThat(refused.lines("[ERROR] Failed to execute goal")).singleElement().asString()
                .contains("has a name this system cannot write", "run Maven in a UTF-8 locale such as LANG=C.UTF-8",
                        "nothing was unpacked");
        assertThat(HostileArtifactsIT.tree(build.directory())).isEqualTo(before);

        MavenBuild.Result result = build.env("LC_ALL", "C.UTF-8").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        List<String> added = new ArrayList<>(HostileArtifactsIT.tree(build.directory()));
        added.removeAll(before);
        List<String> expected = new ArrayList<>(Arrays.asList("current.jar@", "docs", "docs/r\u00e9sum\u00e9.txt:2", "lib",
                "lib/app.jar:3", "lib/copy.jar:3", "mvnw:10", "pom.xml:10", deep + ":13"));
        for (String parent = deep.substring(0, deep.lastIndexOf('/')); ; parent = parent.substring(0, parent.lastIndexOf('/'))) {
            expected.add(parent);
            if (parent.indexOf('/') < 0) {
                break;
            }
        }
        Path dir = build.directory();
        if (!java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).newEncoder().canEncode('\u00e9')) {
            // This JVM (the tests' own, started under LC_ALL=C) cannot name the file: the shell lists and reads it.
            Process cat = new ProcessBuilder("sh", "-c", "ls docs && cat docs/*").directory(dir.toFile()).start();
            assertThat(new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("r\u00e9sum\u00e9.txt\ncv");
            added.removeIf(entry -> entry.startsWith("docs/"));
            expected.removeIf(entry -> entry.startsWith("docs/"));
        }
        assertThat(added).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.isExecutable(dir.resolve("mvnw"))).isTrue();
        assertThat(Files.readSymbolicLink(dir.resolve("current.jar")).toString()).isEqualTo("lib/app.jar");
        assertThat(result.lines(" unpacked, from a gzipped tar file of ")).hasSize(1);
        assertThat(result.lines("[WARNING]")).isEmpty();
        assertNoSecrets(result);
    }

    @Test
    void aHostileTarIsRefusedInOneLineAndLeavesTheFileSystemAsItWas() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        MavenBuild build = emptyFolder("tarHostile");
        Path outside = build.directory().resolveSibling("tar-outside");
        Files.createDirectories(outside);
        Files.write(outside.resolve("keep.txt"), "outside".getBytes(StandardCharsets.UTF_8));
        List<String> before = HostileArtifactsIT.tree(build.directory());
        List<String> outsideBefore = HostileArtifactsIT.tree(outside);
        String[][] attacks = {
            {"../tar-outside/keep.txt", "leads out of the directory with '..' (zip slip)"},
            {"hardlink", "is a hard link to /etc/passwd, which is not a file the archive holds before it"},
            {"symlink", "is a symbolic link to ../tar-outside, which leads out of the directory"},
            {"fifo", "is a FIFO (named pipe)"},
            {"name\nINJECTED", "has the tar entry type 'V'"},
        };
        for (String[] attack : attacks) {
            Tars tar = new Tars().file("pom.xml", "<project/>").file("src/A.java", "class A {}");
            switch (attack[0]) {
                case "hardlink": tar.hardLink("passwd", "/etc/passwd"); break;
                case "symlink": tar.symlink("out", "../tar-outside"); break;
                case "fifo": tar.type("pipe", '6'); break;
                case "name\nINJECTED": tar.type(attack[0], 'V'); break;
                default: tar.file(attack[0], "replaced!");
            }
            putInput(tar, !attack[0].equals("fifo"));
            MavenBuild.Result result = MavenBuild.in(build.directory()).env("CODEPIPELINE_JOB_ID", JOB_ID)
                    .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN).env("AWS_ENDPOINT_URL_S3", s3.url())
                    .args("-Dcodepipeline.endpoint=" + endpoint.url(), MavenBuild.goal("download-input")).run();
            String line = oneErrorLine(result, attack[1]);
            assertThat(line).contains("Refusing the input artifact SourceOutput").contains("; nothing was unpacked.");
            if (attack[0].contains("\n")) {
                assertThat(line).contains("name\\nINJECTED");
                assertThat(result.log).doesNotContain("\nINJECTED");
            }
            assertThat(HostileArtifactsIT.tree(build.directory())).as(attack[0]).isEqualTo(before);
            assertThat(HostileArtifactsIT.tree(outside)).isEqualTo(outsideBefore);
        }
    }

    @Test
    void otherFormatsAreSavedAsTheyAreWithOneWarningNamingThem() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", "shop-pipeline/SourceOutp/src.tar.bz2"), ArtifactsIT.map());
        s3.put("shop-pipeline/SourceOutp/src.tar.bz2", new byte[] {'B', 'Z', 'h', '9', 0x31, 0x41, 0x59, 0x26});
        MavenBuild build = emptyFolder("tarBzip2");
        MavenBuild.Result result = build.args(MavenBuild.goal("download-input")).run();
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[WARNING]")).singleElement().asString().contains("the input artifact SourceOutput (s3://")
                .contains("is not a zip or tar file (it is a bzip2 stream); saved it as it is, as "
                        + build.directory().resolve("src.tar.bz2"));
        assertThat(build.directory().resolve("src.tar.bz2")).hasSize(8);
    }

    /** A million and one entries, in a 64 MB heap: refused at the millionth and first, nothing left behind. */
    @Test
    void aMillionAndOneEntriesAreRefusedInA64MegabyteHeap() throws Exception {
        answerJob(ArtifactsIT.map("SourceOutput", INPUT_KEY), ArtifactsIT.map());
        Path tgz = Tars.manyEmptyFiles(Files.createTempFile("million", ".tgz"), 1_000_001);
        s3.put(INPUT_KEY, tgz);
        Files.delete(tgz);
        MavenBuild build = emptyFolder("tarMillion");
        MavenBuild.Result result = build.mavenOpts("-Xmx64m").env("AWS_ENDPOINT_URL_S3", s3.directUrl())
                .args(MavenBuild.goal("download-input")).run();
        assertThat(oneErrorLine(result, "files and directories, more than an artifact may hold"))
                .contains("Refusing the input artifact SourceOutput").contains("makes more than 1000000 files and directories");
        assertThat(result.log).doesNotContain("OutOfMemoryError").doesNotContain("Java heap space");
        assertThat(HostileArtifactsIT.tree(build.directory())).containsExactly("");
        System.out.println("A million and one tar entries unpacked into staging and refused under -Xmx64m in "
                + result.millis + " ms");
    }

    @Test
    void uploadOutputWritesATgzThatGnuTarAndJavaRead() throws Exception {
        answerJob(ArtifactsIT.map(), ArtifactsIT.map("BuildOutput", OUTPUT_KEY));
        MavenBuild build = build("artifacts-app", "tgzOutput").args("-Dcodepipeline.s3Endpoint=" + s3.url(),
                "-Dcodepipeline.outputFormat=tgz", "-Dcodepipeline.outputFiles=target/*.jar,appspec.yml,scripts/**");
        MavenBuild.Result result = build.args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        byte[] tgz = s3.get(OUTPUT_KEY);
        LoggedRequest put = s3.requests().stream().filter(r -> r.getMethod().getName().equals("PUT")).findFirst().get();
        assertThat(put.getHeader("Content-Type")).isEqualTo("application/gzip");
        assertThat(put.getHeader("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        List<String> java = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tgz)))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                java.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " " + entry.getLongUserId());
            }
        }
        assertThat(java).contains("appspec.yml 644 0", "target/shop-app-1.0.jar 644 0").anyMatch(e -> e.startsWith("scripts/")
                && e.contains(" 755 "));
        Path file = build.directory().resolve("out.tar.gz");
        Files.write(file, tgz);
        String listing = run(build.directory(), "tar", "--utc", "-tvzf", file.toString());
        assertThat(listing).contains("0/0").contains("1980-01-01 00:00 appspec.yml").contains("target/shop-app-1.0.jar");
        assertThat(result.log).contains("CodePipeline: packed ").contains("(tar.gz)");
        assertNoSecrets(result);

        // The same files again: the same bytes.
        MavenBuild.Result again = MavenBuild.in(build.directory()).env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN).args("-Dcodepipeline.endpoint=" + endpoint.url(),
                        "-Dcodepipeline.s3Endpoint=" + s3.url(), "-Dcodepipeline.outputFormat=tgz",
                        "-Dcodepipeline.outputFiles=target/*.jar,appspec.yml,scripts/**", MavenBuild.goal("upload-output"))
                .run();
        assertThat(again.exitCode).as(again.toString()).isZero();
        assertThat(s3.get(OUTPUT_KEY)).isEqualTo(tgz);
    }

    private static String run(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        assertThat(process.waitFor()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
