package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
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

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] text(int size) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < size; i++) {
            sb.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog ").append(i % 97).append('\n');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** A mix: compressed formats by name, random bytes, text big and small, tiny and empty files. */
    private Path mixed() throws IOException {
        Path src = dir.resolve("mixed");
        Files.createDirectories(src.resolve("lib"));
        Files.createDirectories(src.resolve("static"));
        Files.write(src.resolve("lib/app.jar"), text(300_000)); // compressible, yet a jar: stored by its name
        Files.write(src.resolve("static/logo.PNG"), text(2_000));
        Files.write(src.resolve("data.bin"), random(300_000, 1)); // unknown name, random: the trial stores it
        Files.write(src.resolve("data.enc"), random(5_000, 2));
        Files.write(src.resolve("log.txt"), text(500_000));
        Files.write(src.resolve("config.yml"), text(3_000));
        Files.write(src.resolve("tiny"), "ok\n".getBytes(StandardCharsets.US_ASCII));
        Files.write(src.resolve("empty"), new byte[0]);
        Files.write(src.resolve(CAFE), text(1_000));
        return src;
    }

    /**
     * A non-ASCII name (the zip's UTF-8 flag), where the JVM can make it: without a UTF-8 locale ({@code LC_ALL=C}) Java
     * encodes file names in ASCII and cannot create it, so the name is then plain ASCII.
     */
    private static final String CAFE = java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))
            .newEncoder().canEncode("caf\u00e9.txt") ? "caf\u00e9.txt" : "cafe.txt";

    private static Map<String, Integer> methods(Path zip) throws IOException {
        Map<String, Integer> methods = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                methods.put(entry.getName(), entry.getMethod());
            }
        }
        return methods;
    }

    /** Every entry's content through ZipInputStream, which checks each CRC and size as it reads. */
    private static Map<String, byte[]> stream(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    content.write(buffer, 0, n);
                }
                entries.put(entry.getName(), content.toByteArray());
            }
        }
        return entries;
    }

    @Test
    void storesWhatIsCompressedAlreadyAndDeflatesTheRest() throws Exception {
        Path src = mixed();
        Path zip = dir.resolve("out.zip");
        ArtifactZip.Result result = ArtifactZip.write(new FileSet(src, null, null).collect(), zip);

        Map<String, Integer> methods = methods(zip);
        assertThat(methods).containsExactly(
                org.assertj.core.api.Assertions.entry(CAFE, ZipEntry.DEFLATED),
                org.assertj.core.api.Assertions.entry("config.yml", ZipEntry.DEFLATED),
                org.assertj.core.api.Assertions.entry("data.bin", ZipEntry.STORED),
                org.assertj.core.api.Assertions.entry("data.enc", ZipEntry.STORED),
                org.assertj.core.api.Assertions.entry("empty", ZipEntry.STORED),
                org.assertj.core.api.Assertions.entry("lib/app.jar", ZipEntry.STORED),
                org.assertj.core.api.Assertions.entry("log.txt", ZipEntry.DEFLATED),
                org.assertj.core.api.Assertions.entry("static/logo.PNG", ZipEntry.STORED),
                org.assertj.core.api.Assertions.entry("tiny", ZipEntry.STORED));
        assertThat(result.stored).isEqualTo(6);
        assertThat(result.deflated).isEqualTo(3);
        assertThat(result.bytes).isEqualTo(Files.size(zip));
        assertThat(result.inputBytes).isEqualTo(300_000 + 2_000 + 300_000 + 5_000 + 500_000 + 3_000 + 3 + 0 + 1_000);
        assertThat(ArtifactZip.maxSize(new FileSet(src, null, null).collect())).isGreaterThanOrEqualTo(result.bytes);
        Map<String, byte[]> content = stream(zip);
        assertThat(content).hasSize(9);
        for (Map.Entry<String, byte[]> entry : content.entrySet()) {
            assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(Files.readAllBytes(src.resolve(entry.getKey())));
        }
        unzipTest(zip);
    }

    @Test
    void theExtensionListAndTheTrial() throws Exception {
        assertThat(Compression.byName("target/shop-1.0.jar")).isTrue();
        assertThat(Compression.byName("a/b.tar.gz")).isTrue();
        assertThat(Compression.byName("IMG.JPG")).isTrue();
        assertThat(Compression.byName("fonts/x.woff2")).isTrue();
        assertThat(Compression.byName("Main.class")).isFalse();
        assertThat(Compression.byName("jar")).isFalse();
        assertThat(Compression.byName("dir.zip/readme")).isFalse();
        assertThat(Compression.byName(".gz")).isFalse();
        byte[] buffer = new byte[Compression.TRIAL];
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(1, true);
        try {
            Path random = Files.write(dir.resolve("r"), random(200_000, 3));
            Path text = Files.write(dir.resolve("t"), text(200_000));
            // Random first block, then text: the first block decides.
            byte[] mixed = new byte[200_000];
            System.arraycopy(random(70_000, 4), 0, mixed, 0, 70_000);
            System.arraycopy(text(130_000), 0, mixed, 70_000, 130_000);
            Path head = Files.write(dir.resolve("h"), mixed);
            assertThat(Compression.shrinks(random, buffer, deflater)).isFalse();
            assertThat(Compression.shrinks(text, buffer, deflater)).isTrue();
            assertThat(Compression.shrinks(head, buffer, deflater)).isFalse();
        } finally {
            deflater.end();
        }
    }

    @Test
    void sameFilesGiveTheSameBytesWhateverTheirTimesAndOrder() throws Exception {
        Path src = mixed();
        List<FileSet.Entry> entries = new FileSet(src, null, null).collect();
        Path first = dir.resolve("1.zip");
        ArtifactZip.write(entries, first);
        Files.setLastModifiedTime(src.resolve("log.txt"), FileTime.fromMillis(1_000_000_000_000L));
        List<FileSet.Entry> reversed = new ArrayList<>(new FileSet(src, null, null).collect());
        Collections.reverse(reversed);
        Path second = dir.resolve("2.zip");
        ArtifactZip.write(reversed, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ArtifactZip.write(entries, stream, n -> {});
        assertThat(stream.toByteArray()).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void sortedWithUnixModesReadableByTheJdk() throws Exception {
        Path zip = dir.resolve("out.zip");
        ArtifactZip.Result result = ArtifactZip.write(new FileSet(tree(), null, null).collect(), zip);
        assertThat(result.bytes).isEqualTo(Files.size(zip)).isLessThan(10_000);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = java.util.Collections.list(file.entries());
            assertThat(entries).extracting(ZipEntry::getName).containsExactly("lib/a.txt", "mvnw");
            assertThat(entries.get(0).getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(entries.get(0).getTime()).isEqualTo(new java.util.GregorianCalendar(1980, 0, 1).getTimeInMillis());
            assertThat(new String(file.getInputStream(file.getEntry("mvnw")).readAllBytes())).isEqualTo("#!/bin/sh\necho hi\n");
        }
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            List<CentralDirectory.Entry> entries = CentralDirectory.read(channel);
            assertThat(entries.get(0).unixMode()).isEqualTo(0100644);
            assertThat(entries.get(1).unixMode()).isEqualTo(0100755);
        }
        unzipTest(zip);
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

    /** Past 65,535 entries the count goes into Zip64's end record, which the JDK and unzip read. */
    @Test
    void zip64EndRecordPast65535Entries() throws Exception {
        Path one = Files.write(dir.resolve("one"), new byte[] {7});
        List<FileSet.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 66_000; i++) {
            entries.add(new FileSet.Entry("d" + i / 1000 + "/f" + i % 1000, one)); // the same file under many names
        }
        Path zip = dir.resolve("many.zip");
        ArtifactZip.write(entries, zip);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThat(file.size()).isEqualTo(66_000);
            assertThat(file.getInputStream(file.getEntry("d65/f999")).readAllBytes()).containsExactly((byte) 7);
        }
        assertThat(stream(zip)).hasSize(66_000);
        unzipTest(zip);
    }

    /** {@code unzip -t}, where it is installed: tests every entry's CRC. */
    static void unzipTest(Path zip) throws IOException, InterruptedException {
        Path unzip = Paths.get("/usr/bin/unzip");
        assumeThat(Files.isExecutable(unzip)).as("unzip installed").isTrue();
        Process process = new ProcessBuilder(unzip.toString(), "-tqq", zip.toString()).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    }
}
