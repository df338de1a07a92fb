package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactZipTest {
    @TempDir
    Path dir;

    private Path tree() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("lib"));
        Files.write(src.resolve("mvnw"), "#!/bin/sh\necho hi\n".getBytes());
        Files.setPosixFilePermissions(src.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(src.resolve("lib/a.txt"), new byte[100_000]);
        Files.setPosixFilePermissions(src.resolve("lib/a.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        return src;
    }

    @Test
    void sameFilesGiveTheSameBytesWhateverTheirTimes() throws Exception {
        Path src = tree();
        Path first = dir.resolve("1.zip");
        ArtifactZip.write(new FileSet(src, null, null).collect(), first);
        Files.setLastModifiedTime(src.resolve("mvnw"), FileTime.fromMillis(1_000_000_000_000L));
        Path second = dir.resolve("2.zip");
        ArtifactZip.write(new FileSet(src, null, null).collect(), second);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void deflatedSortedWithUnixModesReadableByTheJdk() throws Exception {
        Path zip = dir.resolve("out.zip");
        long size = ArtifactZip.write(new FileSet(tree(), null, null).collect(), zip);
        assertThat(size).isEqualTo(Files.size(zip)).isLessThan(10_000);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = java.util.Collections.list(file.entries());
            assertThat(entries).extracting(ZipEntry::getName).containsExactly("lib/a.txt", "mvnw");
            assertThat(entries).allMatch(e -> e.getMethod() == ZipEntry.DEFLATED);
            assertThat(new String(file.getInputStream(file.getEntry("mvnw")).readAllBytes())).isEqualTo("#!/bin/sh\necho hi\n");
        }
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            List<CentralDirectory.Entry> entries = CentralDirectory.read(channel);
            assertThat(entries.get(0).unixMode()).isEqualTo(0100644);
            assertThat(entries.get(1).unixMode()).isEqualTo(0100755);
        }
    }

    @Test
    void roundTripThroughSafeUnzipKeepsContentAndExecuteBits() throws Exception {
        Path zip = dir.resolve("out.zip");
        ArtifactZip.write(new FileSet(tree(), null, null).collect(), zip);
        Path to = dir.resolve("to");
        SafeUnzip.Result result = SafeUnzip.unzip(zip, to, false, 1 << 20, "test", "-Dx");
        assertThat(result.files).isEqualTo(2);
        assertThat(result.bytes).isEqualTo(100_000 + 18);
        assertThat(Files.isExecutable(to.resolve("mvnw"))).isTrue();
        assertThat(Files.isExecutable(to.resolve("lib/a.txt"))).isFalse();
        assertThat(Files.readAllBytes(to.resolve("lib/a.txt"))).isEqualTo(new byte[100_000]);
    }

    /**
     * Break guarded: the entries' time taken from the clock (issue 24). Two zips written within one 2-second DOS tick
     * are equal either way, so the time is asserted itself: 1980-01-01 00:00 in the local headers (what
     * {@code ZipInputStream} reads) and in the central directory (what {@code ZipFile} reads), in any time zone, and no
     * extended time stamp.
     */
    @Test
    void everyEntryIsStampedWith1980NotTheClock() throws Exception {
        Path zip = dir.resolve("out.zip");
        ArtifactZip.write(new FileSet(tree(), null, null).collect(), zip);
        java.time.LocalDateTime epoch = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = java.util.Collections.list(file.entries());
            assertThat(entries).hasSize(2).allSatisfy(e -> {
                assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(epoch);
                assertThat(e.getExtra()).as(e.getName()).isNull();
            });
        }
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            int count = 0;
            for (ZipEntry e; (e = in.getNextEntry()) != null; count++) {
                assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(epoch);
                assertThat(e.getExtra()).as(e.getName()).isNull();
            }
            assertThat(count).isEqualTo(2);
        }
    }
}
