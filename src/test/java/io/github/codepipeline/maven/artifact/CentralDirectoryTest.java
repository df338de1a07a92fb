package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The central directory as written by the JDK, by Zips' hand-made Zip64 layout, and damaged in each way it is checked. */
class CentralDirectoryTest {
    @TempDir
    Path dir;

    private static List<CentralDirectory.Entry> read(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            return CentralDirectory.read(channel);
        }
    }

    private static long dataOffset(Path zip, CentralDirectory.Entry entry) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            return CentralDirectory.dataOffset(channel, entry);
        }
    }

    private static void patch(Path zip, long at, ByteBuffer value) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.WRITE)) {
            channel.write(value, at);
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    /** Where the (last) end of central directory record starts. */
    private static long eocd(Path zip) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        for (int i = bytes.length - 22; i >= 0; i--) {
            if (ByteBuffer.wrap(bytes, i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == CentralDirectory.EOCD) {
                return i;
            }
        }
        throw new AssertionError("no EOCD");
    }

    @Test
    void readsEveryFieldOfAZip64Directory() throws Exception {
        byte[] first = "0123456789".getBytes(StandardCharsets.UTF_8);
        byte[] second = "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8);
        Path zip = new Zips().zip64().file("a.txt", first, 0100644).file("bin/run.sh", second, 0100755)
                .symlink("link", "a.txt").announce("a.txt", 5_000_000_000L).write(dir.resolve("z64.zip"));

        List<CentralDirectory.Entry> entries = read(zip);

        assertThat(entries).extracting(e -> e.name).containsExactly("a.txt", "bin/run.sh", "link");
        CentralDirectory.Entry a = entries.get(0);
        assertThat(a.size).as("the 64-bit size from the Zip64 extra field").isEqualTo(5_000_000_000L);
        assertThat(a.compressedSize).isEqualTo(10);
        assertThat(a.localOffset).isZero();
        assertThat(a.crc).isEqualTo(crc(first));
        assertThat(a.method).isZero();
        assertThat(a.flags).isZero();
        assertThat(a.unixMode()).isEqualTo(0100644);
        assertThat(a.isSymbolicLink()).isFalse();
        assertThat(a.isDirectory()).isFalse();
        assertThat(dataOffset(zip, a)).isEqualTo(30 + "a.txt".length());

        CentralDirectory.Entry run = entries.get(1);
        assertThat(run.size).isEqualTo(second.length);
        long runLocal = 30 + "a.txt".length() + first.length;
        assertThat(run.localOffset).as("the 64-bit offset after the size in the extra field").isEqualTo(runLocal);
        assertThat(run.unixMode()).isEqualTo(0100755);
        assertThat(dataOffset(zip, run)).isEqualTo(runLocal + 30 + "bin/run.sh".length());
        byte[] bytes = Files.readAllBytes(zip);
        assertThat(new String(bytes, (int) dataOffset(zip, run), second.length, StandardCharsets.UTF_8)).isEqualTo("#!/bin/sh\n");

        CentralDirectory.Entry link = entries.get(2);
        assertThat(link.isSymbolicLink()).isTrue();
        assertThat(link.isDirectory()).isFalse();
        assertThat(link.centralOffset).isGreaterThan(run.centralOffset);
    }

    @Test
    void readsTheJdksZipWithAComment() throws Exception {
        Path zip = dir.resolve("jdk.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.setComment("a comment holding PK\u0005\u0006 and then enough text to look like the rest of a record");
            ZipEntry folder = new ZipEntry("dir/");
            folder.setComment("an entry comment, which the next record comes after");
            out.putNextEntry(folder);
            out.closeEntry();
            ZipEntry stored = new ZipEntry("dir/b.txt");
            out.putNextEntry(stored);
            out.write("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        List<CentralDirectory.Entry> entries = read(zip);

        assertThat(entries).extracting(e -> e.name).containsExactly("dir/", "dir/b.txt");
        assertThat(entries.get(0).isDirectory()).as("a name ending in /").isTrue();
        CentralDirectory.Entry b = entries.get(1);
        assertThat(b.method).isEqualTo(ZipEntry.DEFLATED);
        assertThat(b.flags & 8).as("the JDK writes sizes after the data").isEqualTo(8);
        assertThat(b.size).isEqualTo(32);
        assertThat(b.compressedSize).isLessThan(32);
        assertThat(b.unixMode()).as("no Unix host, no mode").isZero();
        assertThat(b.isSymbolicLink()).isFalse();
    }

    @Test
    void aDirectoryModeWithoutTrailingSlashIsADirectory() throws Exception {
        Path zip = new Zips().file("folder", new byte[0], 0040755).write(dir.resolve("d.zip"));
        CentralDirectory.Entry entry = read(zip).get(0);
        assertThat(entry.unixMode()).isEqualTo(0040755);
        assertThat(entry.isDirectory()).isTrue();
    }

    @Test
    void aModeWrittenOnMacOsCounts() throws Exception {
        Path zip = new Zips().symlink("l", "target").write(dir.resolve("mac.zip"));
        CentralDirectory.Entry entry = read(zip).get(0);
        patch(zip, entry.centralOffset + 4, le(2).putShort(0, (short) ((19 << 8) | 20)));
        assertThat(read(zip).get(0).isSymbolicLink()).isTrue();
        patch(zip, entry.centralOffset + 4, le(2).putShort(0, (short) ((0 << 8) | 20)));
        assertThat(read(zip).get(0).unixMode()).as("written on MS-DOS: the attributes are not a mode").isZero();
    }

    /** More than one 64 KiB window of directory, so records are read across window moves. */
    @Test
    void readsADirectoryLargerThanItsWindow() throws Exception {
        Zips zips = new Zips();
        String longName = new String(new char[200]).replace('\0', 'n');
        for (int i = 0; i < 1500; i++) {
            zips.file(String.format("d/%04d-%s", i, longName), "x" + i);
        }
        Path zip = zips.write(dir.resolve("many.zip"));

        List<CentralDirectory.Entry> entries = read(zip);

        assertThat(entries).hasSize(1500);
        for (int i = 0; i < 1500; i++) {
            assertThat(entries.get(i).name).isEqualTo(String.format("d/%04d-%s", i, longName));
            assertThat(entries.get(i).size).isEqualTo(("x" + i).length());
        }
    }

    @Test
    void refusesWhatIsNotAZip() throws Exception {
        Path text = dir.resolve("text.zip");
        Files.write(text, new byte[5000]);
        assertThatThrownBy(() -> read(text)).hasMessage("not a zip file (no end of central directory record)");
        Path empty = dir.resolve("empty.zip");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> read(empty)).hasMessageContaining("not a zip file");
    }

    /** An EOCD signature inside the comment is not the record: its comment length does not reach the file's end. */
    @Test
    void aSignatureWhoseCommentLengthIsWrongIsNotTheRecord() throws Exception {
        Path zip = new Zips().file("a.txt", "a").write(dir.resolve("c.zip"));
        long at = eocd(zip);
        patch(zip, at + 20, le(2).putShort(0, (short) 1));
        assertThatThrownBy(() -> read(zip)).hasMessageContaining("no end of central directory record");
    }

    @Test
    void refusesADamagedZip64EndRecord() throws Exception {
        Path zip = new Zips().zip64().file("a.txt", "a").write(dir.resolve("bad64.zip"));
        long size = Files.size(zip);
        patch(zip, size - 22 - 20 - 56, le(4).putInt(0, 0x12345678));
        assertThatThrownBy(() -> read(zip)).hasMessage("damaged zip file (bad Zip64 end of central directory record)");
    }

    @Test
    void refusesADirectoryOutsideTheFile() throws Exception {
        Path zip = new Zips().file("a.txt", "a").write(dir.resolve("out.zip"));
        long at = eocd(zip);
        patch(zip, at + 16, le(4).putInt(0, (int) Files.size(zip)));
        assertThatThrownBy(() -> read(zip)).hasMessage("damaged zip file (central directory outside the file)");

        Path z64 = new Zips().zip64().file("a.txt", "a").write(dir.resolve("out64.zip"));
        long end64 = Files.size(z64) - 22 - 20 - 56;
        patch(z64, end64 + 48, le(8).putLong(0, Long.MAX_VALUE - 10));
        assertThatThrownBy(() -> read(z64)).as("an offset that overflows offset + size")
                .hasMessage("damaged zip file (central directory outside the file)");
        patch(z64, end64 + 48, le(8).putLong(0, 0));
        patch(z64, end64 + 40, le(8).putLong(0, -1));
        assertThatThrownBy(() -> read(z64)).hasMessage("damaged zip file (central directory outside the file)");
    }

    @Test
    void refusesMoreEntriesThanTheBoundAnnounced() throws Exception {
        Path zip = new Zips().zip64().file("a.txt", "a").write(dir.resolve("many64.zip"));
        long end64 = Files.size(zip) - 22 - 20 - 56;
        patch(zip, end64 + 32, le(8).putLong(0, CentralDirectory.MAX_ENTRIES + 1L));
        assertThatThrownBy(() -> read(zip)).hasMessageContaining("more than 1000000 entries");
        patch(zip, end64 + 32, le(8).putLong(0, CentralDirectory.MAX_ENTRIES));
        assertThatThrownBy(() -> read(zip)).as("the bound itself is allowed; the count is then wrong")
                .hasMessage("damaged zip file (1 entries in the central directory, 1000000 announced)");
        patch(zip, end64 + 32, le(8).putLong(0, -1));
        assertThatThrownBy(() -> read(zip)).hasMessageContaining("more than 1000000 entries");
    }

    @Test
    void refusesACountThatDiffersFromTheRecords() throws Exception {
        Path zip = new Zips().file("a.txt", "a").file("b.txt", "b").write(dir.resolve("count.zip"));
        long at = eocd(zip);
        patch(zip, at + 10, le(2).putShort(0, (short) 3));
        assertThatThrownBy(() -> read(zip)).hasMessage("damaged zip file (2 entries in the central directory, 3 announced)");
        patch(zip, at + 10, le(2).putShort(0, (short) 0xFFFF));
        assertThat(read(zip)).as("0xFFFF without Zip64 records: counted, not checked").hasSize(2);
    }

    @Test
    void refusesABadRecordSignatureAndARecordRunningPastTheDirectory() throws Exception {
        Path zip = new Zips().file("a.txt", "a").file("b.txt", "b").write(dir.resolve("sig.zip"));
        CentralDirectory.Entry second = read(zip).get(1);
        patch(zip, second.centralOffset, le(4).putInt(0, 0x0BADF00D));
        assertThatThrownBy(() -> read(zip))
                .hasMessage("damaged zip file (bad central directory record at " + second.centralOffset + ")");

        Path longName = new Zips().file("a.txt", "a").write(dir.resolve("name.zip"));
        CentralDirectory.Entry entry = read(longName).get(0);
        patch(longName, entry.centralOffset + 28, le(2).putShort(0, (short) 200));
        assertThatThrownBy(() -> read(longName))
                .hasMessage("damaged zip file (a central directory record runs past the directory)");
    }

    /**
     * A stored zip of one entry {@code x.bin} holding {@code data}, written by hand: the central record's compressed
     * size, size and local header offset are as given (0xFFFFFFFF sends the reader to the Zip64 extra field), its CRC
     * 0x55AA55AA, its mode 0100600, and {@code extra} its extra field.
     */
    private Path oneEntry(String file, byte[] data, int compressed, int size, int offset, byte[] extra) throws IOException {
        byte[] name = "x.bin".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer local = le(30 + name.length);
        local.putInt(CentralDirectory.LOCAL).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt(0).putInt(data.length).putInt(data.length).putShort((short) name.length)
                .putShort((short) 0).put(name);
        out.write(local.array());
        out.write(data);
        int centralOffset = out.size();
        ByteBuffer record = le(46 + name.length + extra.length);
        record.putInt(CentralDirectory.CENTRAL).putShort((short) ((3 << 8) | 45)).putShort((short) 45)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt(0x55AA55AA).putInt(compressed).putInt(size)
                .putShort((short) name.length).putShort((short) extra.length).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putInt(0100600 << 16).putInt(offset).put(name).put(extra);
        out.write(record.array());
        ByteBuffer end = le(22);
        end.putInt(CentralDirectory.EOCD).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(record.capacity()).putInt(centralOffset).putShort((short) 0);
        out.write(end.array());
        Path zip = dir.resolve(file);
        Files.write(zip, out.toByteArray());
        return zip;
    }

    @Test
    void theZip64ExtraFieldHoldsOnlyTheFieldsThatOverflow() throws Exception {
        // Only the local header offset is 0xFFFFFFFF, so the Zip64 field holds just that; an empty field follows.
        byte[] extra = le(4 + 8 + 4).putShort((short) 0x0001).putShort((short) 8).putLong(0)
                .putShort((short) 0x7075).putShort((short) 0).array();
        Path zip = oneEntry("partial64.zip", new byte[] {1, 2, 3}, 3, 3, 0xFFFFFFFF, extra);

        CentralDirectory.Entry entry = read(zip).get(0);

        assertThat(entry.size).isEqualTo(3);
        assertThat(entry.compressedSize).isEqualTo(3);
        assertThat(entry.localOffset).isZero();
        assertThat(entry.crc).isEqualTo(0x55AA55AAL);
        assertThat(entry.unixMode()).isEqualTo(0100600);
        assertThat(dataOffset(zip, entry)).isEqualTo(30 + "x.bin".length());
    }

    @Test
    void theDataStartsAfterTheLocalHeadersOwnLengths() throws Exception {
        Path zip = new Zips().file("a.txt", "a").write(dir.resolve("local.zip"));
        CentralDirectory.Entry entry = read(zip).get(0);
        long plain = dataOffset(zip, entry);
        patch(zip, entry.localOffset + 28, le(2).putShort(0, (short) 0));
        long withoutExtra = dataOffset(zip, entry);
        assertThat(withoutExtra).isEqualTo(30 + "a.txt".length());
        assertThat(plain).isGreaterThanOrEqualTo(withoutExtra);

        patch(zip, entry.localOffset, le(4).putInt(0, 0));
        assertThatThrownBy(() -> dataOffset(zip, entry)).hasMessage("damaged zip file (no local header for a.txt)");
    }

    @Test
    void anEmptyZipHasNoEntries() throws Exception {
        Path zip = dir.resolve("empty-archive.zip");
        ByteBuffer end = le(22);
        end.putInt(CentralDirectory.EOCD);
        Files.write(zip, end.array());
        assertThat(read(zip)).isEmpty();
    }

    /** Each of the end record's three fields alone at its maximum sends the reader to the Zip64 record. */
    @Test
    void anyOneOverflowingEndFieldMeansZip64() throws Exception {
        for (int field : new int[] {12, 16}) {
            Path zip = new Zips().zip64().file("a.txt", "a").file("b.txt", "b").write(dir.resolve("one" + field + ".zip"));
            List<CentralDirectory.Entry> real = read(zip);
            long at = eocd(zip);
            long directoryOffset = real.get(0).centralOffset;
            long directorySize = Files.size(zip) - 22 - 20 - 56 - directoryOffset;
            patch(zip, at + 8, le(4).putShort(0, (short) 2).putShort(2, (short) 2));
            patch(zip, at + 12, le(8).putInt(0, (int) directorySize).putInt(4, (int) directoryOffset));
            patch(zip, at + field, le(4).putInt(0, 0xFFFFFFFF));
            assertThat(read(zip)).as("only the field at " + field + " says Zip64").extracting(e -> e.name)
                    .containsExactly("a.txt", "b.txt");
        }
    }

    @Test
    void refusesAnExtraFieldRunningPastTheDirectory() throws Exception {
        Path zip = new Zips().file("a.txt", "a").write(dir.resolve("extra.zip"));
        CentralDirectory.Entry entry = read(zip).get(0);
        patch(zip, entry.centralOffset + 30, le(2).putShort(0, (short) 300));
        assertThatThrownBy(() -> read(zip))
                .hasMessage("damaged zip file (a central directory record runs past the directory)");
    }

    /**
     * Every field in the Zip64 extra field (size, compressed size, offset, in that order), after another extra field
     * whose length must be read to find it, and ending exactly where the record does.
     */
    @Test
    void readsAllThreeZip64FieldsAfterAnotherExtraField() throws Exception {
        byte[] extra = le(4 + 5 + 4 + 24)
                .putShort((short) 0x5455).putShort((short) 5).put(new byte[] {1, 0, 0, 0, 0}) // extended timestamp
                .putShort((short) 0x0001).putShort((short) 24).putLong(6_000_000_000L).putLong(5_000_000_000L).putLong(0)
                .array();
        Path zip = oneEntry("all64.zip", new byte[] {7, 8}, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, extra);

        CentralDirectory.Entry entry = read(zip).get(0);

        assertThat(entry.size).isEqualTo(6_000_000_000L);
        assertThat(entry.compressedSize).isEqualTo(5_000_000_000L);
        assertThat(entry.localOffset).isZero();
    }

    /** A name and extra field together larger than the 64 KiB window: the window grows for that record. */
    @Test
    void readsARecordLargerThanTheWindow() throws Exception {
        String longName = "d/" + new String(new char[65_000]).replace('\0', 'x');
        Path zip = dir.resolve("long-name.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("first.txt"));
            out.closeEntry();
            ZipEntry entry = new ZipEntry(longName);
            byte[] extra = new byte[4 + 4000];
            ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x6666).putShort((short) 4000);
            entry.setExtra(extra);
            out.putNextEntry(entry);
            out.write('y');
            out.closeEntry();
            out.putNextEntry(new ZipEntry("last.txt"));
            out.closeEntry();
        }
        assertThat(read(zip)).extracting(e -> e.name).containsExactly("first.txt", longName, "last.txt");
    }

    @Test
    void refusesARecordOutsideTheFile() throws Exception {
        Path zip = new Zips().file("a.txt", "a").write(dir.resolve("outside.zip"));
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> CentralDirectory.read(channel, channel.size() - 10, 30))
                    .hasMessage("damaged zip file (a record lies outside the file)");
            assertThatThrownBy(() -> CentralDirectory.read(channel, -1, 4))
                    .hasMessage("damaged zip file (a record lies outside the file)");
            assertThat(CentralDirectory.read(channel, 0, 4).getInt()).isEqualTo(CentralDirectory.LOCAL);
            assertThat(CentralDirectory.read(channel, channel.size() - 22, 22).getInt()).as("up to the last byte")
                    .isEqualTo(CentralDirectory.EOCD);
        }
    }
}
