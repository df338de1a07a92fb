package io.github.codepipeline.maven.artifact;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an output artifact: a zip file of the given entries, sorted by name, streamed from disk to any stream, so
 * that its size is bounded by the disk and not by the heap.
 *
 * <p><b>Stored or deflated.</b> An entry that is compressed already is <em>stored</em>: by its extension (jars, wars,
 * archives, images, video, fonts: {@link Compression#COMPRESSED}), or because a trial deflate of its first 64 KiB does
 * not save at least 1/16 of it (random bytes, encrypted or unknown compressed formats). Deflating those again costs
 * the CPU most of the zip's time and gains nothing. A stored entry needs its CRC and size in its local header, so its
 * file is read twice, once for the CRC and once to copy it (the second read usually comes from the page cache): no
 * entry is ever held in memory. The rest is deflated at the fastest level, with its CRC and sizes in a data descriptor
 * after the data (as {@code java.util.zip.ZipOutputStream} writes them), except for files of at most 64 KiB, which the
 * trial deflates whole and which are written with their sizes up front.
 *
 * <p><b>The same files give the same bytes</b>, whatever their order, times or the machine's time zone: entries
 * sorted by name, every entry time-stamped 1980-01-01 00:00 (the earliest a zip can hold), the choice stored/deflated
 * made from the content alone, no extra fields but Zip64's where a size or offset needs it. (Deflated bytes come from
 * the JDK's zlib: the same JDK on the same platform gives the same bytes.) The file's Unix mode is kept in the entry's
 * external attributes, as Info-ZIP does, so {@code mvnw} stays executable after {@code unzip} or
 * {@code download-input}. Names are UTF-8 (flagged as such when not ASCII).
 *
 * <p><b>Readable everywhere</b>: the structures are those of APPNOTE 6.3 that Info-ZIP's {@code unzip}, Java's
 * {@code ZipFile} and {@code ZipInputStream}, Python's {@code zipfile} and the AWS services' readers take: no data
 * descriptor on a stored entry (which {@code ZipInputStream} refuses), Zip64 only past 4 GiB or 65,535 entries.
 */
public final class ArtifactZip {
    /** Info-ZIP's "made by": Unix (3); the version is added per entry. */
    private static final int MADE_BY_UNIX = 3 << 8;
    /** DOS date of 1980-01-01 (year 0 from 1980, month 1, day 1); DOS time 00:00:00 is 0. */
    private static final int DOS_DATE_1980 = (1 << 5) | 1;
    private static final long MAX_32 = 0xFFFFFFFFL;
    private static final int MAX_16 = 0xFFFF;
    /**
     * A deflated entry larger than this but not past 4 GiB is stored instead: its compressed size could pass 4 GiB
     * (incompressible bytes grow by a few bytes per block), which would need Zip64 in a local header written before
     * the size is known. Past 4 GiB Zip64 is certain and written up front.
     */
    static final long DEFLATE_4G_MARGIN = 0xFF000000L;
    private static final int BUFFER = 1 << 16;

    private ArtifactZip() {}

    /** What {@link #write} wrote. */
    public static final class Result {
        /** The zip's size in bytes. */
        public final long bytes;
        /** The files' bytes. */
        public final long inputBytes;
        public final int stored;
        public final int deflated;
        /** How long the writing took. */
        public final long nanos;

        /** For a tar: {@code tar} or {@code tar.gz}; {@code null} for a zip. */
        private final String format;

        Result(long bytes, long inputBytes, int stored, int deflated, long nanos) {
            this(bytes, inputBytes, stored, deflated, nanos, null);
        }

        Result(long bytes, long inputBytes, int stored, int deflated, long nanos, String format) {
            this.bytes = bytes;
            this.inputBytes = inputBytes;
            this.stored = stored;
            this.deflated = deflated;
            this.nanos = nanos;
            this.format = format;
        }

        /** {@code 12 stored, 340 deflated}; for a tar, {@code tar} or {@code tar.gz}. */
        public String methods() {
            return format != null ? format : stored + " stored, " + deflated + " deflated";
        }
    }

    /** Zips {@code entries} into the file {@code zip} (created or replaced). */
    public static Result write(List<FileSet.Entry> entries, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip)) {
            return write(entries, out, bytes -> {});
        }
    }

    /**
     * Zips {@code entries} into {@code out} (flushed, not closed).
     *
     * @param progress told the files' bytes as they are read
     * @throws IOException also when a file changes while it is being zipped
     */
    public static Result write(List<FileSet.Entry> entries, OutputStream out, LongConsumer progress) throws IOException {
        long start = System.nanoTime();
        List<FileSet.Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        Writer writer = new Writer(new BufferedOutputStream(out, BUFFER), progress);
        try {
            for (FileSet.Entry entry : sorted) {
                writer.entry(entry);
            }
            writer.finish();
        } finally {
            writer.deflater.end();
        }
        return new Result(writer.position, writer.inputBytes, writer.stored, writer.deflatedCount, System.nanoTime() - start);
    }

    /**
     * The most bytes {@link #write} can write for these entries (their sizes as they are now): stored size, or
     * deflate's worst case, plus the headers. For choosing a multipart upload's part size before the zip exists.
     */
    public static long maxSize(List<FileSet.Entry> entries) throws IOException {
        long total = 22 + 56 + 20;
        for (FileSet.Entry entry : entries) {
            long size = Files.size(entry.file());
            int name = entry.name().getBytes(StandardCharsets.UTF_8).length;
            total += size + (size >> 10) + 64 + 30 + 20 + 24 + 46 + 28 + 2L * name;
        }
        return total;
    }

    /** One central directory record to write at the end. */
    private static final class Central {
        final byte[] name;
        final int flags;
        final int method;
        final long crc;
        final long compressedSize;
        final long size;
        final long offset;
        final int mode;

        Central(byte[] name, int flags, int method, long crc, long compressedSize, long size, long offset, int mode) {
            this.name = name;
            this.flags = flags;
            this.method = method;
            this.crc = crc;
            this.compressedSize = compressedSize;
            this.size = size;
            this.offset = offset;
            this.mode = mode;
        }
    }

    private static final class Writer {
        final OutputStream out;
        final LongConsumer progress;
        final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        final byte[] buffer = new byte[BUFFER];
        final byte[] deflated = new byte[BUFFER + (BUFFER >> 4) + 64];
        final List<Central> central = new ArrayList<>();
        long position;
        long inputBytes;
        int stored;
        int deflatedCount;

        Writer(OutputStream out, LongConsumer progress) {
            this.out = out;
            this.progress = progress;
        }

        void entry(FileSet.Entry entry) throws IOException {
            Path file = entry.file();
            String name = entry.name();
            long size = Files.size(file);
            int mode = mode(file);
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            int utf8 = nameBytes.length == name.length() ? 0 : 0x800;
            long offset = position;
            if (size <= BUFFER) {
                small(file, name, nameBytes, utf8, size, mode, offset);
            } else if (Compression.byName(name) || size > DEFLATE_4G_MARGIN && size <= MAX_32 || !Compression.shrinks(file, buffer, deflater)) {
                storedEntry(file, name, nameBytes, utf8, size, mode, offset);
            } else {
                deflatedEntry(file, name, nameBytes, utf8, size, mode, offset);
            }
        }

        /** A file of at most 64 KiB: read whole, deflated in memory, written with its sizes up front. */
        private void small(Path file, String name, byte[] nameBytes, int flags, long size, int mode, long offset)
                throws IOException {
            int length = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0; ) {
                    length += n;
                }
                if (length != size || in.read() >= 0) {
                    throw changed(file);
                }
            }
            CRC32 crc = new CRC32();
            crc.update(buffer, 0, length);
            int compressed = -1;
            if (!Compression.byName(name)) {
                deflater.reset();
                deflater.setInput(buffer, 0, length);
                deflater.finish();
                compressed = 0;
                while (!deflater.finished() && compressed < deflated.length) {
                    compressed += deflater.deflate(deflated, compressed, deflated.length - compressed);
                }
                if (!deflater.finished() || compressed > length - (length >> 4)) {
                    compressed = -1; // does not shrink enough: store it
                }
            }
            int method = compressed >= 0 ? 8 : 0;
            long compressedSize = compressed >= 0 ? compressed : length;
            localHeader(nameBytes, flags, method, crc.getValue(), compressedSize, length, false);
            if (compressed >= 0) {
                write(deflated, 0, compressed);
                deflatedCount++;
            } else {
                write(buffer, 0, length);
                stored++;
            }
            progress(length);
            central.add(new Central(nameBytes, flags, method, crc.getValue(), compressedSize, length, offset, mode));
        }

        private void storedEntry(Path file, String name, byte[] nameBytes, int flags, long size, int mode, long offset)
                throws IOException {
            CRC32 crc = new CRC32();
            long read = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                    read += n;
                }
            }
            if (read != size) {
                throw changed(file);
            }
            long expected = crc.getValue();
            localHeader(nameBytes, flags, 0, expected, size, size, size >= MAX_32);
            crc.reset();
            long copied = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied + 1))) > 0; ) {
                    if (copied + n > size) {
                        throw changed(file);
                    }
                    crc.update(buffer, 0, n);
                    write(buffer, 0, n);
                    copied += n;
                    progress(n);
                }
            }
            if (copied != size || crc.getValue() != expected) {
                throw changed(file);
            }
            stored++;
            central.add(new Central(nameBytes, flags, 0, expected, size, size, offset, mode));
        }

        private void deflatedEntry(Path file, String name, byte[] nameBytes, int flags, long size, int mode, long offset)
                throws IOException {
            boolean zip64 = size > MAX_32;
            flags |= 0x8; // CRC and sizes in a data descriptor after the data
            localHeader(nameBytes, flags, 8, 0, 0, 0, zip64);
            CRC32 crc = new CRC32();
            deflater.reset();
            long read = 0;
            long compressed = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    crc.update(buffer, 0, n);
                    read += n;
                    deflater.setInput(buffer, 0, n);
                    while (!deflater.needsInput()) {
                        int m = deflater.deflate(deflated, 0, deflated.length);
                        write(deflated, 0, m);
                        compressed += m;
                    }
                    progress(n);
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                int m = deflater.deflate(deflated, 0, deflated.length);
                write(deflated, 0, m);
                compressed += m;
            }
            if (read != size) {
                throw changed(file);
            }
            // A Zip64 descriptor exactly when the local header has Zip64 sizes (commons-compress reads it so) and when
            // a size is past 4 GiB (ZipInputStream reads it so): the same here, as a deflated entry is never stored
            // close below 4 GiB (DEFLATE_4G_MARGIN).
            ByteBuf descriptor = new ByteBuf(24).int32(0x08074b50L).int32(crc.getValue());
            if (zip64) {
                descriptor.int64(compressed).int64(read);
            } else {
                descriptor.int32(compressed).int32(read);
            }
            write(descriptor.bytes(), 0, descriptor.length());
            deflatedCount++;
            central.add(new Central(nameBytes, flags, 8, crc.getValue(), compressed, read, offset, mode));
        }

        private void localHeader(byte[] name, int flags, int method, long crc, long compressedSize, long size, boolean zip64)
                throws IOException {
            ByteBuf header = new ByteBuf(30 + name.length + 20)
                    .int32(0x04034b50L).int16(zip64 ? 45 : method == 8 ? 20 : 10).int16(flags).int16(method)
                    .int16(0).int16(DOS_DATE_1980).int32(crc)
                    .int32(zip64 ? MAX_32 : compressedSize).int32(zip64 ? MAX_32 : size)
                    .int16(name.length).int16(zip64 ? 20 : 0).bytes(name);
            if (zip64) {
                header.int16(1).int16(16).int64(size).int64(compressedSize);
            }
            write(header.bytes(), 0, header.length());
        }

        void finish() throws IOException {
            long centralStart = position;
            for (Central entry : central) {
                boolean bigSize = entry.size >= MAX_32;
                boolean bigCompressed = entry.compressedSize >= MAX_32;
                boolean bigOffset = entry.offset >= MAX_32;
                int extra = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
                int version = extra > 0 ? 45 : entry.method == 8 ? 20 : 10;
                ByteBuf record = new ByteBuf(46 + entry.name.length + 4 + extra)
                        .int32(0x02014b50L).int16(MADE_BY_UNIX | Math.max(version, 20)).int16(version)
                        .int16(entry.flags).int16(entry.method).int16(0).int16(DOS_DATE_1980).int32(entry.crc)
                        .int32(bigCompressed ? MAX_32 : entry.compressedSize).int32(bigSize ? MAX_32 : entry.size)
                        .int16(entry.name.length).int16(extra == 0 ? 0 : 4 + extra).int16(0).int16(0).int16(0)
                        .int32(((long) entry.mode << 16) & MAX_32).int32(bigOffset ? MAX_32 : entry.offset)
                        .bytes(entry.name);
                if (extra > 0) {
                    record.int16(1).int16(extra);
                    if (bigSize) {
                        record.int64(entry.size);
                    }
                    if (bigCompressed) {
                        record.int64(entry.compressedSize);
                    }
                    if (bigOffset) {
                        record.int64(entry.offset);
                    }
                }
                write(record.bytes(), 0, record.length());
            }
            long centralSize = position - centralStart;
            int count = central.size();
            if (count >= MAX_16 || centralSize >= MAX_32 || centralStart >= MAX_32) {
                long zip64End = position;
                ByteBuf end64 = new ByteBuf(56 + 20)
                        .int32(0x06064b50L).int64(44).int16(MADE_BY_UNIX | 45).int16(45).int32(0).int32(0)
                        .int64(count).int64(count).int64(centralSize).int64(centralStart)
                        .int32(0x07064b50L).int32(0).int64(zip64End).int32(1);
                write(end64.bytes(), 0, end64.length());
            }
            ByteBuf end = new ByteBuf(22).int32(0x06054b50L).int16(0).int16(0)
                    .int16(Math.min(count, MAX_16)).int16(Math.min(count, MAX_16))
                    .int32(Math.min(centralSize, MAX_32)).int32(Math.min(centralStart, MAX_32)).int16(0);
            write(end.bytes(), 0, end.length());
            out.flush();
        }

        private void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            position += length;
        }

        private void progress(long n) {
            inputBytes += n;
            progress.accept(n);
        }
    }

    private static IOException changed(Path file) {
        return new IOException(file + " changed while it was being zipped: zip the output when nothing writes to it"
                + " any more (upload-output runs at verify, after the build made it).");
    }

    /** A regular file's Unix mode: its permissions where the file system has them, else 0644 or 0755. */
    static int mode(Path file) throws IOException {
        int permissions;
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            permissions = Staging.mode(posix.readAttributes().permissions());
        } else {
            permissions = Files.isExecutable(file) ? 0755 : 0644;
        }
        return 0100000 | permissions;
    }
}
