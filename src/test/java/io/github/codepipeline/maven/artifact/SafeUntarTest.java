package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUntarTest {
    @TempDir
    Path dir;

    private Path to() {
        return dir.resolve("to");
    }

    private SafeUnzip.Result untar(Tars tars) throws Exception {
        return untar(tars, false, 1 << 20);
    }

    private SafeUnzip.Result untar(Tars tars, boolean overwrite, long max) throws Exception {
        Path file = tars.writeGzip(dir.resolve("in.tgz"));
        assertThat(ArchiveFormat.of(file)).isEqualTo(ArchiveFormat.TAR_GZ);
        return ArchiveFormat.TAR_GZ.unpack(file, to(), overwrite, max, "the input artifact Src",
                "-Dcodepipeline.maxInputSize");
    }

    /** Every path under the test's directory but the archive, with link marks: what a refusal must leave as it was. */
    private List<String> tree() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.getFileName().toString().startsWith("in."))
                    .map(p -> dir.relativize(p) + (Files.isSymbolicLink(p) ? "@" : "")).sorted().collect(Collectors.toList());
        }
    }

    private void refused(Tars tars, String... parts) throws Exception {
        Files.createDirectories(to());
        List<String> before = tree();
        assertThatThrownBy(() -> untar(tars)).isInstanceOf(ArtifactException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").startsWith("Refusing the input artifact Src: ")
                            .endsWith("nothing was unpacked.");
                    for (String part : parts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
        assertThat(tree()).as("nothing written, no staging left").isEqualTo(before);
    }

    private String read(String path) throws Exception {
        return new String(Files.readAllBytes(to().resolve(path)), StandardCharsets.UTF_8);
    }

    @Test
    void unpacksFilesDirectoriesAndExecuteBitsLessTheUmask() throws Exception {
        SafeUnzip.Result result = untar(new Tars().directory("./").directory("./src/").file("./mvnw", "#!/bin/sh".getBytes(), 0755)
                .file("./src/main/java/A.java", "class A {}").file("world", "w".getBytes(), 0777).directory("empty/"));
        assertThat(result.files).isEqualTo(3);
        assertThat(result.bytes).isEqualTo(9 + 10 + 1);
        assertThat(read("src/main/java/A.java")).isEqualTo("class A {}");
        assertThat(Files.isExecutable(to().resolve("mvnw"))).isTrue();
        assertThat(Files.isExecutable(to().resolve("src/main/java/A.java"))).isFalse();
        assertThat(Staging.mode(Files.getPosixFilePermissions(to().resolve("world"))) & 0002).as("never world-writable")
                .isZero();
        assertThat(to().resolve("empty")).isDirectory();
    }

    @Test
    void aPlainTarIsUnpackedToo() throws Exception {
        Path file = new Tars().file("a.txt", "plain").write(dir.resolve("in.tar"));
        assertThat(ArchiveFormat.of(file)).isEqualTo(ArchiveFormat.TAR);
        ArchiveFormat.TAR.unpack(file, to(), false, 1000, "the input artifact Src", "-Dx");
        assertThat(read("a.txt")).isEqualTo("plain");
    }

    @Test
    void refusesZipSlipAndAbsoluteNamesLeavingNothing() throws Exception {
        refused(new Tars().file("ok.txt", "fine").file("../evil.txt", "x"), "its entry ../evil.txt leads out", "zip slip");
        refused(new Tars().file("ok.txt", "fine").file("a/../../evil.txt", "x"), "zip slip");
        refused(new Tars().file("/tmp/evil.txt", "x"), "/tmp/evil.txt has an absolute path");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void keepsSymbolicLinksThatStayInsideAndRefusesThoseThatLeadOut() throws Exception {
        untar(new Tars().file("lib/real.jar", "jar").symlink("lib/current.jar", "real.jar").symlink("bin/tool", "../lib/real.jar")
                .symlink("docs", "lib"));
        assertThat(Files.readSymbolicLink(to().resolve("lib/current.jar"))).isEqualTo(Paths.get("real.jar"));
        assertThat(read("bin/tool")).isEqualTo("jar");
        assertThat(Files.isSymbolicLink(to().resolve("docs"))).isTrue();
        Staging.delete(to());

        refused(new Tars().file("a", "a").symlink("passwd", "/etc/passwd"), "its entry passwd is a symbolic link to the"
                + " absolute path /etc/passwd");
        refused(new Tars().symlink("a/up", "../../outside"), "its entry a/up is a symbolic link to ../../outside, which"
                + " leads out of the directory");
        refused(new Tars().symlink("a/b/s", "../../.."), "a/b/s is a symbolic link to ../../.., which leads out");
        // a/b/s leads to the top, which is inside; t is lexically inside (a/b) but through a/b/s its '..' climbs out.
        refused(new Tars().symlink("a/b/s", "../..").symlink("t", "a/b/s/.."), "its entry t is a symbolic link to"
                + " a/b/s/.., which climbs with '..' after a name");
        // An entry written through a link of the archive.
        refused(new Tars().symlink("d", "sub").file("d/x.txt", "x"), "its entry d/x.txt needs a directory d where the archive"
                + " has a file");
    }

    @Test
    void hardLinksOnlyToFilesTheArchiveHeldBefore() throws Exception {
        untar(new Tars().file("a/one.txt", "one").hardLink("b/two.txt", "a/one.txt"));
        assertThat(read("b/two.txt")).isEqualTo("one");
        Staging.delete(to());

        refused(new Tars().hardLink("shadow", "/etc/shadow"), "its entry shadow is a hard link to /etc/shadow, which is not"
                + " a file the archive holds before it");
        refused(new Tars().hardLink("early", "later.txt").file("later.txt", "x"), "hard link to later.txt");
        refused(new Tars().hardLink("up", "../outside.txt"), "hard link to ../outside.txt");
        refused(new Tars().symlink("l", "x").hardLink("h", "l"), "its entry h is a hard link to l");
        Files.createDirectories(to());
        Files.write(to().resolve("mine.txt"), "mine".getBytes(StandardCharsets.UTF_8));
        refused(new Tars().hardLink("h", "mine.txt"), "hard link to mine.txt");
    }

    @Test
    void refusesDevicesFifosSparseFilesAndUnknownTypes() throws Exception {
        refused(new Tars().type("dev/sda", '4'), "its entry dev/sda is a device file");
        refused(new Tars().type("tty", '3'), "its entry tty is a device file");
        refused(new Tars().type("pipe", '6'), "its entry pipe is a FIFO");
        refused(new Tars().type("volume", 'V'), "its entry volume has the tar entry type 'V', which download-input does"
                + " not unpack");
        refused(new Tars().entry("holes", 'S', new byte[0], "", 0644, 0), "its entry holes is a sparse file");
        refused(new Tars().pax("GNU.sparse.major", "1", "GNU.sparse.minor", "0", "GNU.sparse.name", "holes",
                "GNU.sparse.realsize", "1048576").entry("GNUSparseFile.0/holes", '0', "1\n0\n1\n".getBytes(), "", 0644, 512),
                "is a sparse file");
    }

    @Test
    void readsGnuLongNamesAndPaxHeadersAndChecksTheNamesTheyGive() throws Exception {
        String longName = String.join("/", java.util.Collections.nCopies(30, "directory")) + "/File.java";
        untar(new Tars().gnuLongName(longName).file("ignored-short-name", "gnu").pax("path", "caf\u00e9/\u00fcber.txt")
                .file("ignored", "pax"));
        assertThat(read(longName)).isEqualTo("gnu");
        assertThat(read("caf\u00e9/\u00fcber.txt")).isEqualTo("pax");
        Staging.delete(to());
        refused(new Tars().gnuLongName("../../" + longName).file("harmless", "x"), "leads out of the directory with '..'");
        refused(new Tars().pax("path", "../pax-escape").file("harmless", "x"), "its entry ../pax-escape leads out");
        refused(new Tars().pax("linkpath", "/etc/passwd").symlink("harmless", "x"), "symbolic link to the absolute path"
                + " /etc/passwd");
    }

    @Test
    void boundsWhatHeaderEntriesMayHold() throws Exception {
        // A GNU long name or a pax header is read whole into memory by the parser: bounded before it is read.
        byte[] huge = new byte[SafeUntar.MAX_HEADER_BYTES + 4096];
        Arrays.fill(huge, (byte) 'a');
        refused(new Tars().entry("././@LongLink", 'L', huge, "", 0644, huge.length).file("x", "x"), "it is not a readable"
                + " tar", "pass 1024 KB");
        refused(new Tars().pax("comment", new String(huge, StandardCharsets.US_ASCII)).file("x", "x"), "pass 1024 KB");
        Tars chain = new Tars();
        for (int i = 0; i < SafeUntar.MAX_HEADER_ENTRIES + 2; i++) {
            chain.gnuLongName("name" + i);
        }
        refused(chain.file("x", "x"), "more than " + SafeUntar.MAX_HEADER_ENTRIES + " header entries");
    }

    @Test
    void boundsTheBytesAndRefusesDuplicatesAndExistingFiles() throws Exception {
        Files.createDirectories(to());
        List<String> before = tree();
        assertThatThrownBy(() -> untar(new Tars().file("a", new byte[600_000], 0644).file("b", new byte[600_000], 0644),
                false, 1 << 20)).hasMessageContaining("expands to more than 1 MB").hasMessageContaining("its entry b");
        assertThat(tree()).isEqualTo(before);
        refused(new Tars().file("twice", "1").file("./twice", "2"), "its entry ./twice is in the archive twice");
        Files.write(to().resolve("mine.txt"), "mine".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> untar(new Tars().file("new.txt", "n").file("mine.txt", "theirs")))
                .hasMessageContaining("mine.txt already exists").hasMessageContaining("codepipeline.overwrite=true");
        assertThat(to().resolve("new.txt")).doesNotExist();
        untar(new Tars().file("new.txt", "n").file("mine.txt", "theirs"), true, 1000);
        assertThat(read("mine.txt")).isEqualTo("theirs");
    }

    @Test
    void aTruncatedGzipOrTarIsRefusedAsDamaged() throws Exception {
        byte[] tar = new Tars().file("big.bin", new byte[200_000], 0644).file("after.txt", "x").bytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        Path cut = dir.resolve("in.cut.tgz");
        Files.write(cut, Arrays.copyOf(gz.toByteArray(), gz.size() - 30));
        Files.createDirectories(to());
        List<String> before = tree();
        assertThatThrownBy(() -> ArchiveFormat.of(cut).unpack(cut, to(), false, 1 << 20, "the input artifact Src", "-Dx"))
                .isInstanceOf(ArtifactException.class).hasMessageContaining("the input artifact Src: ")
                .hasMessageContaining("Unexpected end of ZLIB input stream").hasMessageEndingWith("nothing was unpacked.");
        Path cutTar = dir.resolve("in.cut.tar");
        Files.write(cutTar, Arrays.copyOf(tar, 100_000));
        assertThatThrownBy(() -> ArchiveFormat.TAR.unpack(cutTar, to(), false, 1 << 20, "the input artifact Src", "-Dx"))
                .hasMessageContaining("its entry big.bin is damaged").hasMessageContaining("Truncated");
        assertThat(tree()).isEqualTo(before);
    }

    @Test
    void theFormatIsToldByContentNotByName() throws Exception {
        Path tgzNamedZip = new Tars().file("a", "a").writeGzip(dir.resolve("in.zip"));
        assertThat(ArchiveFormat.of(tgzNamedZip)).isEqualTo(ArchiveFormat.TAR_GZ);
        Path zipNamedTgz = new Zips().file("a", "a").write(dir.resolve("in.tar.gz"));
        assertThat(ArchiveFormat.of(zipNamedTgz)).isEqualTo(ArchiveFormat.ZIP);
        assertThat(format(new byte[] {'B', 'Z', 'h', '9', 1, 2})).isEqualTo(ArchiveFormat.BZIP2);
        assertThat(format(new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0})).isEqualTo(ArchiveFormat.XZ);
        assertThat(format(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0})).isEqualTo(ArchiveFormat.SEVEN_Z);
        assertThat(format(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0})).isEqualTo(ArchiveFormat.ZSTD);
        assertThat(format("just text".getBytes())).isEqualTo(ArchiveFormat.OTHER);
        assertThat(format(new byte[0])).isEqualTo(ArchiveFormat.OTHER);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write("a log file, gzipped".getBytes());
        }
        assertThat(format(gz.toByteArray())).isEqualTo(ArchiveFormat.GZIP);
        assertThat(format(Arrays.copyOf(gz.toByteArray(), 5))).isEqualTo(ArchiveFormat.GZIP);
        for (ArchiveFormat format : ArchiveFormat.values()) {
            assertThat(format.unpacked()).isEqualTo(format == ArchiveFormat.ZIP || format == ArchiveFormat.TAR
                    || format == ArchiveFormat.TAR_GZ);
        }
    }

    private ArchiveFormat format(byte[] bytes) throws Exception {
        Path file = dir.resolve("in.bin");
        Files.write(file, bytes);
        return ArchiveFormat.of(file);
    }

    @Test
    void aLinkInTheTargetIsNotWrittenThrough() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(to());
        Files.createSymbolicLink(to().resolve("out"), outside);
        refused(new Tars().file("out/x.txt", "x"), "its entry out/x.txt would be written through the symbolic link");
        assertThat(outside.resolve("x.txt")).doesNotExist();
        assertThat(Files.isSymbolicLink(to().resolve("out"))).isTrue();
        assertThat(Files.exists(to().resolve("out"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
