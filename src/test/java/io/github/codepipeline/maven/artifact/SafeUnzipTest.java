package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnzipTest {
    @TempDir
    Path dir;

    private Path to() {
        return dir.resolve("to");
    }

    private SafeUnzip.Result unzip(Zips zips, boolean overwrite, long max) throws Exception {
        return SafeUnzip.unzip(zips.write(dir.resolve("in.zip")), to(), overwrite, max, "the input artifact Src",
                "-Dcodepipeline.maxInputSize");
    }

    private long filesUnder(Path path) throws Exception {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void unpacksNestedFoldersAndRestoresExecuteBits() throws Exception {
        unzip(new Zips().file("mvnw", "#!/bin/sh".getBytes(), 0100755).file("src/main/java/A.java", "class A {}"), false, 1000);
        assertThat(Files.isExecutable(to().resolve("mvnw"))).isTrue();
        assertThat(new String(Files.readAllBytes(to().resolve("src/main/java/A.java")))).isEqualTo("class A {}");
        assertThat(Files.isExecutable(to().resolve("src/main/java/A.java"))).isFalse();
    }

    @Test
    void refusesZipSlipBeforeWritingAnything() throws Exception {
        assertThatThrownBy(() -> unzip(new Zips().file("ok.txt", "fine").file("../evil.txt", "x"), false, 1000))
                .isInstanceOf(ArtifactException.class).hasMessageContaining("../evil.txt").hasMessageContaining("zip slip");
        assertThat(filesUnder(to())).isZero();
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThatThrownBy(() -> unzip(new Zips().file("a/../../evil.txt", "x"), false, 1000)).hasMessageContaining("zip slip");
    }

    @Test
    void refusesAbsolutePaths() throws Exception {
        assertThatThrownBy(() -> unzip(new Zips().file("/tmp/evil.txt", "x"), false, 1000))
                .hasMessageContaining("/tmp/evil.txt has an absolute path");
        assertThatThrownBy(() -> unzip(new Zips().file("C:/evil.txt", "x"), false, 1000))
                .hasMessageContaining("absolute path");
    }

    @Test
    void refusesSymbolicLinks() throws Exception {
        assertThatThrownBy(() -> unzip(new Zips().file("a.txt", "x").symlink("passwd", "/etc/passwd"), false, 1000))
                .hasMessageContaining("passwd is a symbolic link");
        assertThat(filesUnder(to())).isZero();
    }

    @Test
    void refusesArchivesThatAnnounceMoreThanTheBound() throws Exception {
        assertThatThrownBy(() -> unzip(new Zips().file("zeros", new byte[3 * 1024 * 1024], 0100644), false, 2 * 1024 * 1024))
                .hasMessageContaining("more than 2 MB").hasMessageContaining("-Dcodepipeline.maxInputSize");
        assertThat(filesUnder(to())).isZero();
    }

    @Test
    void stopsAnEntryThatInflatesPastItsAnnouncedSize() throws Exception {
        assertThatThrownBy(() -> unzip(new Zips().file("bomb", new byte[1024 * 1024], 0100644).announce("bomb", 1000), false,
                10_000)).hasMessageContaining("bomb expands past the 1000 bytes it announces");
    }

    @Test
    void existingFilesAreKeptUnlessOverwriteNamingTheFirstClash() throws Exception {
        Files.createDirectories(to());
        Files.write(to().resolve("b.txt"), "mine".getBytes());
        Zips zips = new Zips().file("a.txt", "new a").file("b.txt", "new b");
        assertThatThrownBy(() -> unzip(zips, false, 1000)).hasMessageContaining("b.txt already exists")
                .hasMessageContaining("codepipeline.overwrite=true");
        assertThat(to().resolve("a.txt")).doesNotExist();
        unzip(zips, true, 1000);
        assertThat(new String(Files.readAllBytes(to().resolve("b.txt")))).isEqualTo("new b");
    }

    @Test
    void doesNotWriteThroughALinkThatLeadsOutside() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(to());
        Files.createSymbolicLink(to().resolve("out"), outside);
        assertThatThrownBy(() -> unzip(new Zips().file("out/x.txt", "x"), false, 1000))
                .hasMessageContaining("its entry out/x.txt would be written through the symbolic link");
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }

    @Test
    void recognisesZipFiles() throws Exception {
        assertThat(SafeUnzip.isZip(new Zips().file("a", "b").write(dir.resolve("a.zip")))).isTrue();
        Path text = Files.write(dir.resolve("a.txt"), "PK".getBytes());
        assertThat(SafeUnzip.isZip(text)).isFalse();
    }
}
