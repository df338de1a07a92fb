package io.github.codepipeline.maven.artifact;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an output artifact as a POSIX tar (ustar headers, a pax header for what ustar cannot hold: a name past 100
 * bytes or not ASCII, a size past 8 GiB), gzipped or not, streamed with one buffer. Deterministic like
 * {@link ArtifactZip}: the same files give the same bytes (entries sorted by name, every time 1980-01-01 00:00 UTC,
 * owner and group 0 with no names, the gzip header without a time or a file name), and execute bits are kept.
 * Written by hand rather than with Commons Compress, whose header entries carry the name of the user who runs the
 * build: a tar's writing is simple (it is the reading of a hostile one that wants a well-kept parser).
 */
public final class ArtifactTar {
    static final int BLOCK = 512;
    /** Tar's record: the archive is padded to a multiple of it, as GNU tar and bsdtar write it. */
    static final int RECORD = 20 * BLOCK;
    /** 1980-01-01T00:00:00Z, the zip's fixed time: tools warn about archives from 1970. */
    static final long MTIME = 315_532_800L;
    /** The largest size the 11 octal digits of a ustar header hold. */
    static final long MAX_USTAR_SIZE = 077777777777L;
    private static final int BUFFER = 1 << 16;

    private ArtifactTar() {}

    /**
     * Tars (and gzips when {@code gzip}) {@code entries} into {@code out} (flushed, not closed).
     *
     * @param progress told the files' bytes as they are read
     * @throws IOException also when a file changes while it is being read
     */
    public static ArtifactZip.Result write(List<FileSet.Entry> entries, OutputStream out, boolean gzip, LongConsumer progress)
            throws IOException {
        long start = System.nanoTime();
        List<FileSet.Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        Counting counted = new Counting(out);
        OutputStream target = gzip ? new GZIPOutputStream(counted, BUFFER) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        } : new BufferedOutputStream(counted, BUFFER);
        byte[] buffer = new byte[BUFFER];
        long position = 0;
        long inputBytes = 0;
        for (FileSet.Entry entry : sorted) {
            Path file = entry.file();
            long size = Files.size(file);
            position += header(target, entry.name(), size, ArtifactZip.mode(file) & 07777);
            long left = size;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                    target.write(buffer, 0, n);
                    left -= n;
                    inputBytes += n;
                    progress.accept(n);
                }
                if (left != 0 || in.read() >= 0) {
                    throw new IOException(file + " changed while it was being written into the tar: make the output"
                            + " when nothing writes to it any more (upload-output runs at verify, after the build made it).");
                }
            }
            position += size;
            position += pad(target, position);
        }
        // The end: two zero blocks, then zeros to the end of the record.
        long end = position + 2 * BLOCK;
        end += (RECORD - end % RECORD) % RECORD;
        zeros(target, end - position);
        if (gzip) {
            ((GZIPOutputStream) target).finish();
        }
        target.flush();
        return new ArtifactZip.Result(counted.count, inputBytes, sorted.size(), 0, System.nanoTime() - start,
                gzip ? "tar.gz" : "tar");
    }

    /** The most bytes {@link #write} can write for these entries (their sizes as they are now), for the part size. */
    public static long maxSize(List<FileSet.Entry> entries, boolean gzip) throws IOException {
        long total = RECORD + 2 * BLOCK;
        for (FileSet.Entry entry : entries) {
            long size = Files.size(entry.file());
            int name = entry.name().getBytes(StandardCharsets.UTF_8).length;
            total += 3 * BLOCK + (name + 64 + BLOCK) + size + BLOCK;
        }
        // Deflate's worst case on incompressible bytes: 5 bytes every 16 KiB stored block, plus the gzip frame.
        return gzip ? total + (total >> 10) + 64 : total;
    }

    /** Writes the headers of one file: a pax header first when ustar cannot hold its name or size. @return bytes */
    static long header(OutputStream out, String name, long size, int mode) throws IOException {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        boolean ascii = utf8.length == name.length();
        StringBuilder pax = new StringBuilder();
        if (!ascii || utf8.length > 100) {
            record(pax, "path", name);
        }
        if (size > MAX_USTAR_SIZE) {
            record(pax, "size", Long.toString(size));
        }
        long written = 0;
        if (pax.length() > 0) {
            byte[] data = pax.toString().getBytes(StandardCharsets.UTF_8);
            out.write(block("././@PaxHeader".getBytes(StandardCharsets.US_ASCII), data.length, 0644, (byte) 'x'));
            out.write(data);
            written += BLOCK + data.length;
            written += pad(out, data.length);
        }
        byte[] shortName = ascii && utf8.length <= 100 ? utf8 : placeholder(name);
        out.write(block(shortName, size > MAX_USTAR_SIZE ? 0 : size, mode, (byte) '0'));
        return written + BLOCK;
    }

    /** For readers without pax: the name's last 99 ASCII characters (non-ASCII ones as '_'). */
    private static byte[] placeholder(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '_');
        }
        String s = sb.length() > 99 ? sb.substring(sb.length() - 99) : sb.toString();
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One pax record, {@code "<length> key=value\n"}, where the length counts itself. */
    static void record(StringBuilder pax, String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        pax.append(length).append(' ').append(key).append('=').append(value).append('\n');
    }

    private static byte[] block(byte[] name, long size, int mode, byte type) {
        byte[] h = new byte[BLOCK];
        System.arraycopy(name, 0, h, 0, Math.min(name.length, 100));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, MTIME);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = type;
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        octal(h, 329, 8, 0);
        octal(h, 337, 8, 0);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        octal(h, 148, 7, sum); // six digits, NUL, and the space already there
        return h;
    }

    /** {@code value} as {@code length - 1} octal digits and a NUL. */
    private static void octal(byte[] h, int offset, int length, long value) {
        h[offset + length - 1] = 0;
        for (int i = offset + length - 2; i >= offset; i--) {
            h[i] = (byte) ('0' + (value & 7));
            value >>>= 3;
        }
    }

    private static long pad(OutputStream out, long position) throws IOException {
        long pad = (BLOCK - position % BLOCK) % BLOCK;
        zeros(out, pad);
        return pad;
    }

    private static void zeros(OutputStream out, long n) throws IOException {
        byte[] zeros = new byte[BLOCK];
        for (long left = n; left > 0; left -= BLOCK) {
            out.write(zeros, 0, (int) Math.min(BLOCK, left));
        }
    }

    /** Counts what reaches the caller's stream. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
