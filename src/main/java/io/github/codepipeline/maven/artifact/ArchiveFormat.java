package io.github.codepipeline.maven.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * What an artifact is, told by its first bytes, never by its name (an S3 source action hands over whatever object the
 * user put there, under any key): a zip ({@code PK}), a tar (a ustar or GNU header: {@code ustar} at offset 257), a
 * gzip stream ({@code 1f 8b}) holding a tar, and, only to name them in a warning, other compressed formats.
 */
public enum ArchiveFormat {
    ZIP("a zip file", true),
    TAR("a tar file", true),
    TAR_GZ("a gzipped tar file", true),
    GZIP("a gzip stream that holds no tar", false),
    BZIP2("a bzip2 stream", false),
    XZ("an xz stream", false),
    SEVEN_Z("a 7z archive", false),
    ZSTD("a Zstandard stream", false),
    OTHER("no archive this plugin knows", false);

    /** A tar header's size, and where its magic ({@code ustar\0} or GNU's {@code ustar  \0}) is. */
    static final int TAR_HEADER = 512;
    static final int TAR_MAGIC = 257;

    private final String description;
    private final boolean unpacked;

    ArchiveFormat(String description, boolean unpacked) {
        this.description = description;
        this.unpacked = unpacked;
    }

    /** "a gzipped tar file", for messages. */
    public String description() {
        return description;
    }

    /** Whether {@code download-input} unpacks it (else it saves it as it is). */
    public boolean unpacked() {
        return unpacked;
    }

    /**
     * Unpacks {@code file}, which is of this format, into {@code directory}, or refuses it and leaves {@code directory}
     * as it was: {@link SafeUnzip} for a zip, {@link SafeUntar} for a tar (Commons Compress is loaded only then).
     *
     * @see SafeUnzip#unzip
     */
    public SafeUnzip.Result unpack(Path file, Path directory, boolean overwrite, long maxBytes, String what,
            String limitSetting) throws ArtifactException, IOException {
        switch (this) {
            case ZIP:
                return SafeUnzip.unzip(file, directory, overwrite, maxBytes, what, limitSetting);
            case TAR:
            case TAR_GZ:
                return SafeUntar.untar(file, this == TAR_GZ, directory, overwrite, maxBytes, what, limitSetting);
            default:
                throw new IllegalStateException(description + " is not unpacked");
        }
    }

    /** The format of {@code file}, from its first bytes (and, for gzip, the first bytes it inflates to). */
    public static ArchiveFormat of(Path file) throws IOException {
        byte[] head = new byte[TAR_HEADER];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = readFully(in, head);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return ZIP;
        }
        if (n >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
            return gzipHoldsTar(file) ? TAR_GZ : GZIP;
        }
        if (isTarHeader(head, n)) {
            return TAR;
        }
        if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return BZIP2;
        }
        if (n >= 6 && (head[0] & 0xFF) == 0xFD && head[1] == '7' && head[2] == 'z' && head[3] == 'X' && head[4] == 'Z'
                && head[5] == 0) {
            return XZ;
        }
        if (n >= 6 && head[0] == '7' && head[1] == 'z' && (head[2] & 0xFF) == 0xBC && (head[3] & 0xFF) == 0xAF
                && head[4] == 0x27 && head[5] == 0x1C) {
            return SEVEN_Z;
        }
        if (n >= 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5 && (head[2] & 0xFF) == 0x2F
                && (head[3] & 0xFF) == 0xFD) {
            return ZSTD;
        }
        return OTHER;
    }

    /** A ustar or GNU tar header: {@code ustar} at offset 257 (a pre-POSIX tar without it is not recognised). */
    static boolean isTarHeader(byte[] head, int length) {
        return length >= TAR_MAGIC + 5 && new String(head, TAR_MAGIC, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private static boolean gzipHoldsTar(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 12)) {
            byte[] head = new byte[TAR_HEADER];
            return isTarHeader(head, readFully(in, head));
        } catch (IOException e) {
            return false; // damaged from its start: no tar to unpack; saved as it is, named
        }
    }

    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        for (int r; n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0; ) {
            n += r;
        }
        return n;
    }
}
