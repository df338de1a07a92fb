package io.github.codepipeline.maven.artifact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a zip file's central directory (Zip64 included): each entry's name, sizes, method, CRC, where its local
 * header is, and the "external attributes" in which zip tools on Unix keep the file's mode (permissions and file
 * type, a symbolic link included). {@code java.util.zip} reads the same directory but does not expose those
 * attributes, and both the unpacking of an input artifact (execute bits, refusing links) and the writing of an
 * output artifact (keeping them) need them.
 *
 * <p>Reads through the channel, never the whole directory into memory at once.
 */
final class CentralDirectory {
    static final int EOCD = 0x06054b50;
    static final int ZIP64_LOCATOR = 0x07064b50;
    static final int ZIP64_EOCD = 0x06064b50;
    static final int CENTRAL = 0x02014b50;
    static final int LOCAL = 0x04034b50;
    private static final int MAX_COMMENT = 0xFFFF;
    /** More files than any build output has; the bound on what reading a central directory may hold. */
    static final int MAX_ENTRIES = 1_000_000;
    private static final int UNIX = 3;
    private static final int MAC_OS_X = 19;

    /** One entry of the central directory. */
    static final class Entry {
        final String name;
        /** Where this entry's central directory record starts. */
        final long centralOffset;
        final int versionMadeBy;
        final int flags;
        final int method;
        final long crc;
        final long compressedSize;
        final long size;
        final long externalAttributes;
        final long localOffset;

        Entry(String name, long centralOffset, int versionMadeBy, int flags, int method, long crc, long compressedSize,
                long size, long externalAttributes, long localOffset) {
            this.name = name;
            this.centralOffset = centralOffset;
            this.versionMadeBy = versionMadeBy;
            this.flags = flags;
            this.method = method;
            this.crc = crc;
            this.compressedSize = compressedSize;
            this.size = size;
            this.externalAttributes = externalAttributes;
            this.localOffset = localOffset;
        }

        /** The Unix mode ({@code 0100755}...) when a Unix zip tool wrote it, else 0. */
        int unixMode() {
            int host = versionMadeBy >>> 8;
            return host == UNIX || host == MAC_OS_X ? (int) (externalAttributes >>> 16) & 0xFFFF : 0;
        }

        boolean isSymbolicLink() {
            return (unixMode() & 0170000) == 0120000;
        }

        boolean isDirectory() {
            return name.endsWith("/") || (unixMode() & 0170000) == 0040000;
        }
    }

    private CentralDirectory() {}

    /**
     * @throws IOException when the file is not a zip file (no end of central directory record) or is damaged
     */
    static List<Entry> read(FileChannel channel) throws IOException {
        long fileSize = channel.size();
        int tailSize = (int) Math.min(fileSize, 22 + MAX_COMMENT);
        ByteBuffer tail = read(channel, fileSize - tailSize, tailSize);
        int eocd = -1;
        for (int i = tailSize - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD && i + 22 + (tail.getShort(i + 20) & 0xFFFF) == tailSize) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new IOException("not a zip file (no end of central directory record)");
        }
        long count = tail.getShort(eocd + 10) & 0xFFFF;
        long directorySize = tail.getInt(eocd + 12) & 0xFFFFFFFFL;
        long directoryOffset = tail.getInt(eocd + 16) & 0xFFFFFFFFL;
        long eocdPosition = fileSize - tailSize + eocd;
        if ((count == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) && eocdPosition >= 20) {
            ByteBuffer locator = read(channel, eocdPosition - 20, 20);
            if (locator.getInt(0) == ZIP64_LOCATOR) {
                ByteBuffer zip64 = read(channel, locator.getLong(8), 56);
                if (zip64.getInt(0) != ZIP64_EOCD) {
                    throw new IOException("damaged zip file (bad Zip64 end of central directory record)");
                }
                count = zip64.getLong(32);
                directorySize = zip64.getLong(40);
                directoryOffset = zip64.getLong(48);
            }
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > fileSize) {
            throw new IOException("damaged zip file (central directory outside the file)");
        }
        List<Entry> entries = new ArrayList<>();
        long position = directoryOffset;
        long end = directoryOffset + directorySize;
        while (position + 46 <= end) {
            if (entries.size() == MAX_ENTRIES) {
                // Each entry is held in memory: a hostile directory of millions of tiny records must not fill the heap.
                throw new IOException("more than " + MAX_ENTRIES + " entries in one artifact; refusing it");
            }
            ByteBuffer header = read(channel, position, 46);
            if (header.getInt(0) != CENTRAL) {
                throw new IOException("damaged zip file (bad central directory record at " + position + ")");
            }
            int nameLength = header.getShort(28) & 0xFFFF;
            int extraLength = header.getShort(30) & 0xFFFF;
            int commentLength = header.getShort(32) & 0xFFFF;
            ByteBuffer variable = read(channel, position + 46, nameLength + extraLength);
            byte[] nameBytes = new byte[nameLength];
            variable.get(nameBytes);
            long compressedSize = header.getInt(20) & 0xFFFFFFFFL;
            long size = header.getInt(24) & 0xFFFFFFFFL;
            long localOffset = header.getInt(42) & 0xFFFFFFFFL;
            // Zip64 extra field: the 64-bit values of exactly those fields that are 0xFFFFFFFF, in this order.
            int extraEnd = nameLength + extraLength;
            int at = nameLength;
            while (at + 4 <= extraEnd) {
                int id = variable.getShort(at) & 0xFFFF;
                int length = variable.getShort(at + 2) & 0xFFFF;
                int field = at + 4;
                if (id == 0x0001) {
                    if (size == 0xFFFFFFFFL && field + 8 <= extraEnd) {
                        size = variable.getLong(field);
                        field += 8;
                    }
                    if (compressedSize == 0xFFFFFFFFL && field + 8 <= extraEnd) {
                        compressedSize = variable.getLong(field);
                        field += 8;
                    }
                    if (localOffset == 0xFFFFFFFFL && field + 8 <= extraEnd) {
                        localOffset = variable.getLong(field);
                    }
                }
                at += 4 + length;
            }
            entries.add(new Entry(new String(nameBytes, StandardCharsets.UTF_8), position, header.getShort(4) & 0xFFFF,
                    header.getShort(8) & 0xFFFF, header.getShort(10) & 0xFFFF, header.getInt(16) & 0xFFFFFFFFL,
                    compressedSize, size, header.getInt(38) & 0xFFFFFFFFL, localOffset));
            position += 46 + nameLength + extraLength + commentLength;
        }
        if (entries.size() != count && count != 0xFFFF) {
            throw new IOException("damaged zip file (" + entries.size() + " entries in the central directory, " + count
                    + " announced)");
        }
        return Collections.unmodifiableList(entries);
    }

    /** Where the data of {@code entry} starts: after its local header, whose name and extra lengths may differ. */
    static long dataOffset(FileChannel channel, Entry entry) throws IOException {
        ByteBuffer local = read(channel, entry.localOffset, 30);
        if (local.getInt(0) != LOCAL) {
            throw new IOException("damaged zip file (no local header for " + entry.name + ")");
        }
        return entry.localOffset + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
    }

    static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        if (position < 0 || position + length > channel.size()) {
            throw new IOException("damaged zip file (a record lies outside the file)");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("damaged zip file (truncated)");
            }
        }
        buffer.flip();
        return buffer;
    }
}
