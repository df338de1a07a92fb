package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming entry cap: an end record that says 0xFFFF entries without a Zip64 record announces no count, so the
 * cursor counts the records as it reads them and stops at {@link CentralDirectory#MAX_ENTRIES}.
 */
class CentralDirectoryCapTest {
    @TempDir
    Path dir;

    /**
     * A central directory of {@code records} bare records (no name, no local headers: the cursor reads only the
     * directory) and an end record announcing 0xFFFF entries, with no Zip64 record: 46 bytes a record.
     */
    private static Path bareDirectory(Path zip, int records) throws IOException {
        byte[] record = new byte[46];
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putInt(CentralDirectory.CENTRAL).putShort((short) 20)
                .putShort((short) 20);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 20)) {
            for (int i = 0; i < records; i++) {
                out.write(record);
            }
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(CentralDirectory.EOCD).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF)
                    .putShort((short) 0xFFFF).putInt(records * 46).putInt(0).putShort((short) 0);
            out.write(end.array());
        }
        return zip;
    }

    private static int count(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            CentralDirectory.Cursor cursor = new CentralDirectory.Cursor(channel);
            int count = 0;
            while (cursor.next() != null) {
                count++;
            }
            return count;
        }
    }

    /**
     * Break guarded: {@code count == MAX_ENTRIES} turned into {@code count > MAX_ENTRIES} in the cursor. One record
     * more than the cap then read through to the end without a word (only UnzipCheck's own bound, with another
     * message, still refused it).
     */
    @Test
    void oneRecordPastTheCapIsRefusedWhenNoCountWasAnnounced() throws IOException {
        Path zip = bareDirectory(dir.resolve("over.zip"), CentralDirectory.MAX_ENTRIES + 1);
        int[] read = new int[1];

        assertThatThrownBy(() -> {
            try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
                CentralDirectory.Cursor cursor = new CentralDirectory.Cursor(channel);
                while (cursor.next() != null) {
                    read[0]++;
                }
            }
        }).isInstanceOf(IOException.class).hasMessage("more than 1000000 entries, more than an artifact may hold");
        assertThat(read[0]).isEqualTo(CentralDirectory.MAX_ENTRIES);
    }

    @Test
    void exactlyTheCapIsRead() throws IOException {
        assertThat(count(bareDirectory(dir.resolve("cap.zip"), CentralDirectory.MAX_ENTRIES)))
                .isEqualTo(CentralDirectory.MAX_ENTRIES);
    }
}
