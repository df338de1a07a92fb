package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTarTest {
    private static final String LONG = String.join("/", java.util.Collections.nCopies(12, "component")) + "/Main.class";

    @TempDir
    Path dir;

    private List<FileSet.Entry> files(Path base) throws Exception {
        Files.createDirectories(base.resolve("bin"));
        Files.write(base.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(base.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(base.resolve(LONG).getParent());
        Files.write(base.resolve(LONG), new byte[70_000]);
        Files.write(base.resolve("caf\u00e9.txt"), "non-ASCII name".getBytes(StandardCharsets.UTF_8));
        Files.write(base.resolve("empty"), new byte[0]);
        List<FileSet.Entry> entries = new ArrayList<>();
        for (String name : Arrays.asList("empty", "caf\u00e9.txt", LONG, "bin/run.sh")) {
            entries.add(new FileSet.Entry(name, base.resolve(name)));
        }
        return entries;
    }

    private byte[] write(List<FileSet.Entry> entries, boolean gzip) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArtifactZip.Result result = ArtifactTar.write(entries, out, gzip, n -> {});
        assertThat(result.bytes).isEqualTo(out.size());
        assertThat(result.inputBytes).isEqualTo(18 + 70_000 + 14);
        assertThat(result.methods()).isEqualTo(gzip ? "tar.gz" : "tar");
        assertThat((long) out.size()).isLessThanOrEqualTo(ArtifactTar.maxSize(entries, gzip));
        return out.toByteArray();
    }

    @Test
    void theSameFilesGiveTheSameBytesWhateverTheirTimesAndOrder() throws Exception {
        List<FileSet.Entry> entries = files(dir.resolve("a"));
        byte[] tar = write(entries, false);
        byte[] tgz = write(entries, true);
        for (FileSet.Entry entry : entries) {
            Files.setLastModifiedTime(entry.file(), FileTime.from(1_234_567, TimeUnit.SECONDS));
        }
        List<FileSet.Entry> reversed = new ArrayList<>(files(dir.resolve("b")));
        java.util.Collections.reverse(reversed);
        assertThat(write(reversed, false)).isEqualTo(tar);
        assertThat(write(entries, true)).isEqualTo(tgz);
        assertThat(tar.length % ArtifactTar.RECORD).isZero();
        assertThat(tgz[0] & 0xFF).isEqualTo(0x1f);
        assertThat(Arrays.copyOfRange(tgz, 4, 8)).as("no time in the gzip header").containsOnly(0);
    }

    @Test
    void commonsCompressReadsNamesModesTimesAndOwners() throws Exception {
        byte[] tgz = write(files(dir), true);
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(new java.io.ByteArrayInputStream(tgz)),
                "UTF-8")) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                seen.add(entry.getName() + " " + Integer.toOctalString(entry.getMode()) + " " + entry.getSize());
                assertThat(entry.getLongUserId()).isZero();
                assertThat(entry.getLongGroupId()).isZero();
                assertThat(entry.getUserName()).isEmpty();
                assertThat(entry.getGroupName()).isEmpty();
                assertThat(entry.getModTime().getTime()).isEqualTo(ArtifactTar.MTIME * 1000);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    content.write(buffer, 0, n);
                }
                assertThat((long) content.size()).isEqualTo(entry.getSize());
            }
        }
        assertThat(seen).containsExactly("bin/run.sh 755 18", "caf\u00e9.txt 644 14", LONG + " 644 70000", "empty 644 0");
    }

    @Test
    void gnuTarListsAndExtractsIt() throws Exception {
        Path tgz = dir.resolve("out.tar.gz");
        Files.write(tgz, write(files(dir.resolve("src")), true));
        String listing = run(dir, "tar", "--utc", "-tvzf", tgz.toString());
        assertThat(listing).contains("-rwxr-xr-x 0/0              18 1980-01-01 00:00 bin/run.sh")
                .contains(LONG).contains("caf").contains("0/0               0 1980-01-01 00:00 empty");
        Path out = Files.createDirectories(dir.resolve("x"));
        run(out, "tar", "-xzf", tgz.toString());
        assertThat(Files.readAllBytes(out.resolve(LONG))).hasSize(70_000);
        assertThat(Files.isExecutable(out.resolve("bin/run.sh"))).isTrue();
        assertThat(run(dir, "tar", "-tf", tgz.toString())).doesNotContain("PaxHeader");
    }

    @Test
    void ourOwnUntarReadsItBack() throws Exception {
        Path tar = dir.resolve("out.tar");
        Files.write(tar, write(files(dir.resolve("src")), false));
        SafeUnzip.Result result = ArchiveFormat.of(tar).unpack(tar, dir.resolve("back"), false, 1 << 20, "the tar", "-Dx");
        assertThat(result.files).isEqualTo(4);
        assertThat(Files.readAllBytes(dir.resolve("back/caf\u00e9.txt"))).isEqualTo("non-ASCII name".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.isExecutable(dir.resolve("back/bin/run.sh"))).isTrue();
    }

    @Test
    void paxRecordsCountTheirOwnLength() {
        StringBuilder sb = new StringBuilder();
        ArtifactTar.record(sb, "path", "a");
        assertThat(sb.toString()).isEqualTo("9 path=a\n");
        sb.setLength(0);
        ArtifactTar.record(sb, "path", "abcdefgh");
        assertThat(sb.toString()).isEqualTo("17 path=abcdefgh\n");
        sb.setLength(0);
        String value = new String(new char[91]).replace('\0', 'x'); // 98 + 2 digits: 100, which has 3
        ArtifactTar.record(sb, "path", value);
        assertThat(sb.toString()).startsWith("101 path=xxx");
        assertThat(sb.toString().getBytes(StandardCharsets.UTF_8).length).isEqualTo(Integer.parseInt(sb.toString().split(" ")[0]));
    }

    private static String run(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = stdout.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
            out = bytes.toByteArray();
        }
        assertThat(process.waitFor()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
