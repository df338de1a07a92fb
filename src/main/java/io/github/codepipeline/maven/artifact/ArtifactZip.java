package io.github.codepipeline.maven.artifact;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an output artifact: a zip file of the given entries, in their (sorted) order, deflated, streamed from disk to
 * disk, so that its size is bounded by the disk and not by the heap.
 *
 * <p>The same files give the same bytes: every entry gets the same time stamp (1980-01-01 00:00, the earliest a zip
 * can hold, whatever the time zone), and the file's Unix mode is kept in the entry's external attributes, as Info-ZIP
 * does (so {@code mvnw} stays executable after {@code unzip} or {@code download-input}). {@code java.util.zip} writes
 * neither, so the zip is written with it (Zip64 included when needed) and the central directory and local headers are
 * then patched in place.
 */
public final class ArtifactZip {
    /** Info-ZIP's "made by": Unix (3), zip specification 2.0. */
    private static final int MADE_BY_UNIX = (3 << 8) | 20;
    /** DOS date of 1980-01-01 (year 0 from 1980, month 1, day 1); DOS time 00:00:00 is 0. */
    private static final int DOS_DATE_1980 = (1 << 5) | 1;
    /** Any time in the DOS range: the time fields are overwritten afterwards. */
    private static final long ANY_DOS_TIME = 946_728_000_000L;

    private ArtifactZip() {}

    /**
     * Zips {@code entries} into {@code zip} (created or replaced).
     *
     * @return the zip's size in bytes
     */
    public static long write(List<FileSet.Entry> entries, Path zip) throws IOException {
        Map<String, Integer> modes = new HashMap<>();
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(file, 1 << 16))) {
            // The fastest level: outputs are mostly jars and wars, compressed already, where a higher level only costs
            // time (300 MB of incompressible bytes: about 3 times as long at the default level), and text still shrinks.
            out.setLevel(Deflater.BEST_SPEED);
            out.setMethod(ZipOutputStream.DEFLATED);
            byte[] buffer = new byte[1 << 16];
            for (FileSet.Entry entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.name());
                zipEntry.setTime(ANY_DOS_TIME);
                out.putNextEntry(zipEntry);
                try (InputStream in = Files.newInputStream(entry.file())) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                    }
                }
                out.closeEntry();
                modes.put(entry.name(), mode(entry.file()));
            }
        }
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (CentralDirectory.Entry entry : CentralDirectory.read(channel)) {
                Integer mode = modes.get(entry.name);
                ByteBuffer central = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
                central.putShort(0, (short) MADE_BY_UNIX);
                channel.write(central, entry.centralOffset + 4);
                channel.write(dosTime(), entry.centralOffset + 12);
                channel.write(dosTime(), entry.localOffset + 10);
                ByteBuffer attributes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                attributes.putInt(0, mode == null ? 0 : mode << 16);
                channel.write(attributes, entry.centralOffset + 38);
            }
            return channel.size();
        }
    }

    private static ByteBuffer dosTime() {
        ByteBuffer time = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        time.putShort(0, (short) 0);
        time.putShort(2, (short) DOS_DATE_1980);
        return time;
    }

    /** A regular file's Unix mode: its permissions where the file system has them, else 0644 or 0755. */
    static int mode(Path file) throws IOException {
        int permissions;
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> set = posix.readAttributes().permissions();
            permissions = 0;
            for (PosixFilePermission permission : set) {
                permissions |= 0400 >> permission.ordinal();
            }
        } else {
            permissions = Files.isExecutable(file) ? 0755 : 0644;
        }
        return 0100000 | permissions;
    }
}
