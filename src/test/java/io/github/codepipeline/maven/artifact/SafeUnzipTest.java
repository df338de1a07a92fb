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

    // --- issue 20: attacks that did not hold before

    /** Every path under {@code path}, relative, sorted: the state of a directory, to compare before and after. */
    private static java.util.List<String> tree(Path path) throws Exception {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Collections.emptyList();
        }
        try (Stream<Path> all = Files.walk(path)) {
            return all.map(p -> path.relativize(p).toString() + (Files.isSymbolicLink(p) ? "@" : "")
                    + (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? ":" + p.toFile().length() : ""))
                    .sorted().collect(java.util.stream.Collectors.toList());
        }
    }

    private Path outsideWithAFile() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.write(outside.resolve("target.txt"), "outside".getBytes());
        return outside;
    }

    @Test
    void aDirectoryThatIsItselfALinkIsTheCallersOwnAndIsUnpackedIntoWhileLinksBelowItStayRefused() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real-input"));
        Files.write(real.resolve("kept.txt"), "mine".getBytes());
        Files.createSymbolicLink(to(), real);

        SafeUnzip.Result result = unzip(new Zips().file("pom.xml", "<project/>").file("src/A.java", "class A {}"), false, 1000);

        assertThat(result.files).isEqualTo(2);
        assertThat(Files.isSymbolicLink(to())).isTrue(); // the user's link stays a link
        assertThat(tree(real)).containsExactly("", "kept.txt:4", "pom.xml:10", "src", "src/A.java:10");

        Path outside = outsideWithAFile();
        Files.createSymbolicLink(real.resolve("link"), outside);
        java.util.List<String> before = tree(real);
        assertThatThrownBy(() -> unzip(new Zips().file("link/x", "x"), true, 1000))
                .hasMessageContaining("its entry link/x would be written through the symbolic link " + real.toRealPath().resolve("link"));
        assertThat(tree(outside)).containsExactly("", "target.txt:7");
        assertThat(tree(real)).isEqualTo(before);
    }

    @Test
    void createsNoDirectoryThroughAnExistingLinkBeforeRefusing() throws Exception {
        Path outside = outsideWithAFile();
        Files.createDirectories(to());
        Files.createSymbolicLink(to().resolve("link"), outside);
        java.util.List<String> before = tree(to());
        assertThatThrownBy(() -> unzip(new Zips().file("ok.txt", "ok").file("link/newdir/sub/x", "x"), false, 1000))
                .hasMessage("Refusing the input artifact Src: its entry link/newdir/sub/x would be written through the"
                        + " symbolic link " + to().resolve("link") + " (links in the target are not followed; remove it);"
                        + " nothing was unpacked.");
        assertThat(tree(outside)).containsExactly("", "target.txt:7");
        assertThat(tree(to())).isEqualTo(before);
    }

    @Test
    void overwriteReplacesAFileLinkAndNeverWritesWhereItPoints() throws Exception {
        Path outside = outsideWithAFile();
        Files.createDirectories(to());
        Files.createSymbolicLink(to().resolve("b.txt"), outside.resolve("target.txt"));
        assertThatThrownBy(() -> unzip(new Zips().file("b.txt", "new b"), false, 1000)).hasMessageContaining("already exists");
        unzip(new Zips().file("b.txt", "new b"), true, 1000);
        assertThat(Files.isSymbolicLink(to().resolve("b.txt"))).isFalse();
        assertThat(to().resolve("b.txt")).hasContent("new b");
        assertThat(outside.resolve("target.txt")).hasContent("outside");
    }

    @Test
    void aFileAndADirectoryOfTheSameNameAreRefusedBeforeWritingInEitherOrder() throws Exception {
        assertThatThrownBy(() -> unzip(new Zips().file("a", "file").file("a/b", "x"), false, 1000))
                .hasMessageContaining("its entry a/b needs a directory a where the archive has a file");
        assertThatThrownBy(() -> unzip(new Zips().file("a/b/c", "x").file("a/b", "file"), false, 1000))
                .hasMessageContaining("its entry a/b is a file where the archive has a directory of that name");
        assertThat(tree(to())).isEmpty();
        assertThat(tree(dir)).containsOnly("", "in.zip:" + dir.resolve("in.zip").toFile().length());
    }

    @Test
    void duplicatesAreFoundWhateverTheSpelling() throws Exception {
        assertThatThrownBy(() -> unzip(new Zips().file("a/b.txt", "1").file("a/./b.txt", "2"), false, 1000))
                .hasMessageContaining("its entry a/./b.txt is in the archive twice");
        assertThatThrownBy(() -> unzip(new Zips().file("a/b.txt", "1").file("a\\b.txt", "2"), false, 1000))
                .hasMessageContaining("is in the archive twice");
    }

    /** A damaged entry after good ones, into a directory that has files: it keeps exactly what it had. */
    private void refusedAndNothingPartial(Zips zips, String message) throws Exception {
        Files.createDirectories(to().resolve("src"));
        Files.write(to().resolve("src/keep.txt"), "mine".getBytes());
        java.util.List<String> before = tree(to());
        assertThatThrownBy(() -> unzip(zips, false, 1 << 20)).isInstanceOf(ArtifactException.class)
                .hasMessageContaining(message).hasMessageNotContaining("\n");
        assertThat(tree(to())).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsOnly("to", "in.zip");
        }
    }

    @Test
    void aWrongChecksumLeavesNothing() throws Exception {
        refusedAndNothingPartial(new Zips().file("src/a.txt", "good").file("src/bad.txt", "bytes").crc("src/bad.txt", 1234),
                "its entry src/bad.txt does not match its checksum; nothing was unpacked");
    }

    @Test
    void aCutDeflateStreamLeavesNothingAndSaysSoInWords() throws Exception {
        byte[] text = new byte[100_000];
        java.util.Arrays.fill(text, (byte) 'a');
        refusedAndNothingPartial(new Zips().file("src/a.txt", "good").file("src/big.txt", text, 0100644)
                        .compressedSize("src/big.txt", 20),
                "Cannot unpack the input artifact Src: its entry src/big.txt is damaged or could not be written (EOFException");
    }

    @Test
    void aLyingSizeLeavesNoEmptyFileSoARerunWorks() throws Exception {
        refusedAndNothingPartial(new Zips().file("src/a.txt", "good").file("src/bomb", new byte[1024 * 1024], 0100644)
                .announce("src/bomb", 1000), "its entry src/bomb expands past the 1000 bytes it announces");
        unzip(new Zips().file("src/a.txt", "good").file("src/bomb", "small"), false, 1000);
        assertThat(to().resolve("src/bomb")).hasContent("small");
    }

    @Test
    void aPathTooLongForTheFileSystemIsRefusedBeforeWriting() throws Exception {
        String longName = String.join("", java.util.Collections.nCopies(300, "x"));
        refusedAndNothingPartial(new Zips().file("src/a.txt", "good").file("src/" + longName, "x"),
                "has a path longer than file systems allow (255 bytes a name, 4095 bytes the whole path)");
        String deep = String.join("/", java.util.Collections.nCopies(1400, "abc"));
        assertThatThrownBy(() -> unzip(new Zips().file(deep, "x"), false, 1000)).hasMessageContaining("longer than file systems");
    }

    @Test
    void modesAreThoseOfUnzipUnderTheUmaskNeverWorldWritableNorSetuid() throws Exception {
        Path probe = Files.createDirectory(dir.resolve("probe"));
        int umask = ~mode(probe) & 0777;
        unzip(new Zips().file("open", "x".getBytes(), 0100777).file("shared", "x".getBytes(), 0100666)
                .file("suid", "x".getBytes(), 0104755).file("locked", "x".getBytes(), 0100000), false, 1000);
        assertThat(mode(to().resolve("open"))).isEqualTo(0777 & ~umask & ~0002);
        assertThat(mode(to().resolve("shared"))).isEqualTo(0666 & ~umask & ~0002);
        assertThat(mode(to().resolve("suid"))).isEqualTo(0755 & ~umask);
        assertThat(mode(to().resolve("locked"))).isEqualTo(0600 & ~umask);
        assertThat(Files.isExecutable(to().resolve("open"))).isTrue();
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    @Test
    void entryNamesAreEscapedSoThatNoneCanPrintALineOfItsOwn() throws Exception {
        String name = "../x\n[INFO] BUILD SUCCESS\r\u0085\u001b[31m\u2028";
        assertThatThrownBy(() -> unzip(new Zips().file(name, "x"), false, 1000))
                .hasMessageContaining("its entry ../x\\n[INFO] BUILD SUCCESS\\r\\x85\\x1b[31m\\u2028 leads out")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000")
                        .doesNotContain("\u001b").doesNotContain("\u2028").doesNotContain("\u0085"));
        assertThatThrownBy(() -> unzip(new Zips().file("a\u0000\n[ERROR] x", "x"), false, 1000))
                .hasMessageContaining("its entry a\\0\\n[ERROR] x has a NUL character in its name")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000").doesNotContain("\n"));
        String longName = "../" + String.join("", java.util.Collections.nCopies(5000, "y"));
        assertThatThrownBy(() -> unzip(new Zips().file(longName, "x"), false, 1000))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600).contains("(5003 characters)"));
    }

    /** The overflow guard: "size > max - announced", never "size + announced > max", which a Zip64 size wraps. */
    @Test
    void aZip64SizeThatWouldOverflowTheSumIsRefusedAsABomb() throws Exception {
        SafeUnzip.unzip(new Zips().zip64().file("a.txt", "aaaa").file("b/c.txt", "cc").write(dir.resolve("ok.zip")),
                dir.resolve("ok"), false, 1 << 20, "z", "-D");
        assertThat(dir.resolve("ok/a.txt")).hasContent("aaaa");
        assertThat(dir.resolve("ok/b/c.txt")).hasContent("cc");

        Zips hostile = new Zips().zip64().file("a.txt", "0123456789").file("b.bin", "x").announce("b.bin", Long.MAX_VALUE - 5);
        assertThatThrownBy(() -> unzip(hostile, false, 1 << 20))
                .hasMessage("Refusing the input artifact Src: it expands to more than 1 MB (a zip bomb?), reached at its entry"
                        + " b.bin; nothing was unpacked. If the artifact is really that large, raise -Dcodepipeline.maxInputSize.");
        Zips negative = new Zips().zip64().file("a.txt", "0123456789").announce("a.txt", -1);
        assertThatThrownBy(() -> unzip(negative, false, 1 << 20)).hasMessageContaining("(a zip bomb?)");
        assertThat(tree(to())).isEmpty();
    }

    @Test
    void moreEntriesThanTheCapAreRefusedBeforeAnyIsRead() throws Exception {
        Path zip = Zips.manyEmptyFiles(dir.resolve("in.zip"), CentralDirectory.MAX_ENTRIES, "one-too-many");
        long start = System.nanoTime();
        assertThatThrownBy(() -> SafeUnzip.unzip(zip, to(), false, 1 << 20, "the input artifact Src", "-D"))
                .hasMessageContaining("more than 1000000 entries");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000); // at once: the count is announced
        assertThat(tree(to())).isEmpty();
    }

    @Test
    void fiftyThousandEntriesWithAHostileLastOneAreRefusedWritingNothing() throws Exception {
        Path zip = Zips.manyEmptyFiles(dir.resolve("in.zip"), 50_000, "../escaped");
        long start = System.nanoTime();
        assertThatThrownBy(() -> SafeUnzip.unzip(zip, to(), false, 1 << 20, "the input artifact Src", "-D"))
                .hasMessageContaining("its entry ../escaped leads out of the directory");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(60_000); // about 1 s on an idle machine
        assertThat(tree(to())).isEmpty();
        SafeUnzip.Result result = SafeUnzip.unzip(Zips.manyEmptyFiles(dir.resolve("many.zip"), 5_000, null), to(), false,
                1 << 20, "the input artifact Src", "-D");
        assertThat(result.files).isEqualTo(5_000);
        assertThat(to().resolve("f0004999")).exists();
    }

    @Test
    void leftoversOfAKilledRunAreRemovedAndNothingElse() throws Exception {
        Files.createDirectories(to().resolve(".codepipeline-abc.unpacking/src"));
        Files.write(to().resolve(".codepipeline-abc.unpacking/src/half.txt"), "half".getBytes());
        Files.write(to().resolve(".codepipeline-Src-123.download"), new byte[1000]);
        Files.write(to().resolve(".codepipeline-keep.txt"), "mine".getBytes());
        Path outside = outsideWithAFile();
        Files.createSymbolicLink(to().resolve(".codepipeline-link.unpacking"), outside);
        assertThat(Staging.removeLeftovers(to())).containsExactlyInAnyOrder(".codepipeline-abc.unpacking",
                ".codepipeline-Src-123.download", ".codepipeline-link.unpacking");
        assertThat(tree(to())).containsExactly("", ".codepipeline-keep.txt:4");
        assertThat(outside.resolve("target.txt")).hasContent("outside");
    }
}
