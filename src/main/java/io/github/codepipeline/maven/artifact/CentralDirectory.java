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
 * <p>Reads through the channel, never the whole directory into memory at once; {@link Cursor} holds one entry at a
 * time.
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
     * Every entry, in a list: for zips whose size the caller bounds (its own output). An input artifact is read with
     * {@link Cursor}, entry by entry.
     *
     * @throws IOException when the file is not a zip file (no end of central directory record) or is damaged
     */
    static List<Entry> read(FileChannel channel) throws IOException {
        Cursor cursor = new Cursor(channel);
        List<Entry> entries = new ArrayList<>();
        for (Entry entry; (entry = cursor.next()) != null; ) {
            entries.add(entry);
        }
        return Collections.unmodifiableList(entries);
    }

    /**
     * Reads the central directory one entry at a time through a window of the file, so that what is held does not
     * grow with the number of entries; at most {@link #MAX_ENTRIES} entries.
     */
    static final class Cursor {
        private static final int WINDOW = 1 << 16;
        private final FileChannel channel;
        private final long announced;
        private final long end;
        private long position;
        private int count;
        private ByteBuffer window = ByteBuffer.allocate(0);
        private long windowStart;

        /** @throws IOException when the file is not a zip file or its directory is damaged or too big */
        Cursor(FileChannel channel) throws IOException {
            this.channel = channel;
            long fileSize = channel.size();
            int tailSize = (int) Math.min(fileSize, 22 + MAX_COMMENT);
            ByteBuffer tail = CentralDirectory.read(channel, fileSize - tailSize, tailSize);
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
            long entries = tail.getShort(eocd + 10) & 0xFFFF;
            long directorySize = tail.getInt(eocd + 12) & 0xFFFFFFFFL;
            long directoryOffset = tail.getInt(eocd + 16) & 0xFFFFFFFFL;
            long eocdPosition = fileSize - tailSize + eocd;
            if ((entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) && eocdPosition >= 20) {
                ByteBuffer locator = CentralDirectory.read(channel, eocdPosition - 20, 20);
                if (locator.getInt(0) == ZIP64_LOCATOR) {
                    ByteBuffer zip64 = CentralDirectory.read(channel, locator.getLong(8), 56);
                    if (zip64.getInt(0) != ZIP64_EOCD) {
                        throw new IOException("damaged zip file (bad Zip64 end of central directory record)");
                    }
                    entries = zip64.getLong(32);
                    directorySize = zip64.getLong(40);
                    directoryOffset = zip64.getLong(48);
                }
            }
            if (directoryOffset < 0 || directorySize < 0 || directoryOffset > fileSize - directorySize) {
                throw new IOException("damaged zip file (central directory outside the file)");
            }
            if (entries < 0 || entries > MAX_ENTRIES && entries != 0xFFFF) {
                throw new IOException(tooMany());
            }
            this.announced = entries;
            this.position = directoryOffset;
            this.end = directoryOffset + directorySize;
        }

        /** The next entry, or {@code null} after the last. */
        Entry next() throws IOException {
            if (position + 46 > end) {
                if (count != announced && announced != 0xFFFF) {
                    throw new IOException("damaged zip file (" + count + " entries in the central directory, "
                            + announced + " announced)");
                }
                return null;
            }
            if (count == MAX_ENTRIES) {
                throw new IOException(tooMany());
            }
            ByteBuffer header = record(position, 46);
            if (header.getInt(0) != CENTRAL) {
                throw new IOException("damaged zip file (bad central directory record at " + position + ")");
            }
            int nameLength = header.getShort(28) & 0xFFFF;
            int extraLength = header.getShort(30) & 0xFFFF;
            int commentLength = header.getShort(32) & 0xFFFF;
            int versionMadeBy = header.getShort(4) & 0xFFFF;
            int flags = header.getShort(8) & 0xFFFF;
            int method = header.getShort(10) & 0xFFFF;
            long crc = header.getInt(16) & 0xFFFFFFFFL;
            long compressedSize = header.getInt(20) & 0xFFFFFFFFL;
            long size = header.getInt(24) & 0xFFFFFFFFL;
            long externalAttributes = header.getInt(38) & 0xFFFFFFFFL;
            long localOffset = header.getInt(42) & 0xFFFFFFFFL;
            if (position + 46 + nameLength + extraLength > end) {
                throw new IOException("damaged zip file (a central directory record runs past the directory)");
            }
            ByteBuffer variable = record(position + 46, nameLength + extraLength);
            byte[] nameBytes = new byte[nameLength];
            variable.get(nameBytes);
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
            Entry entry = new Entry(new String(nameBytes, StandardCharsets.UTF_8), position, versionMadeBy, flags, method,
                    crc, compressedSize, size, externalAttributes, localOffset);
            position += 46 + nameLength + extraLength + commentLength;
            count++;
            return entry;
        }

        /** {@code length} bytes at {@code at}, from the window, which is moved when they are not in it. */
        private ByteBuffer record(long at, int length) throws IOException {
            if (at < windowStart || at + length > windowStart + window.limit()) {
                int size = (int) Math.min(Math.max(WINDOW, length), channel.size() - at);
                if (size < length) {
                    throw new IOException("damaged zip file (a record lies outside the file)");
                }
                if (window.capacity() < size) {
                    window = ByteBuffer.allocate(Math.max(size, WINDOW)).order(ByteOrder.LITTLE_ENDIAN);
                }
                window.clear().limit(size);
                while (window.hasRemaining()) {
                    if (channel.read(window, at + window.position()) < 0) {
                        throw new IOException("damaged zip file (truncated)");
                    }
                }
                windowStart = at;
            }
            ByteBuffer slice = window.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            slice.limit((int) (at - windowStart) + length).position((int) (at - windowStart));
            return slice.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    static String tooMany() {
        return "more than " + MAX_ENTRIES + " entries, more than an artifact may hold";
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
