package io.github.codepipeline.maven.artifact;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Unpacks an input artifact into a directory, or refuses it and leaves the directory as it was. Every check that the
 * central directory allows comes before the first byte is written: entries that would land outside the directory
 * ({@code ..}, absolute paths: "zip slip"), symbolic link entries, duplicate names, a file where a directory must be,
 * names too long for a file system, archives whose entries announce more than {@code maxBytes} (zip bombs) or hold more
 * than a million entries, existing files (replaced only when asked), and links in the target, which are never
 * followed. Then the archive is unpacked into a hidden directory beside the target ({@link Staging}), where an entry
 * that inflates past the size it announced, a CRC that does not match or a cut deflate stream stops it, and only a
 * wholly good archive is moved into place. Execute bits are restored as {@code unzip} does (the umask applies).
 * Every refusal is one line naming the entry, escaped ({@link EntryNames#shown}), and the rule.
 *
 * <p>The zip is read with {@link CentralDirectory} and {@link Inflater}, not {@code java.util.zip.ZipFile}, so that
 * the names checked are exactly the names written, the file modes are at hand, and the memory the checks need does
 * not grow past two hashes an entry.
 */
public final class SafeUnzip {
    static final int STORED = 0;
    static final int DEFLATED = 8;

    /** What was unpacked. */
    public static final class Result {
        public final int files;
        public final long bytes;

        Result(int files, long bytes) {
            this.files = files;
            this.bytes = bytes;
        }
    }

    private SafeUnzip() {}

    /** Whether {@code file} starts like a zip file (a local header, or the end record of an empty zip). */
    public static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = new byte[4];
            int n = 0;
            for (int r; n < 4 && (r = in.read(magic, n, 4 - n)) > 0; ) {
                n += r;
            }
            return n == 4 && magic[0] == 'P' && magic[1] == 'K'
                    && (magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6);
        }
    }

    /**
     * Unpacks {@code zip} into {@code directory} (which may itself be a link: it is the caller's; nothing below it is
     * followed), or refuses it and leaves {@code directory} as it was.
     *
     * @param what the artifact, for messages ("the input artifact SourceOutput")
     * @param maxBytes the most the archive may expand to, all entries together
     * @param limitSetting how the user raises {@code maxBytes}, for the message
     */
    public static Result unzip(Path zip, Path directory, boolean overwrite, long maxBytes, String what, String limitSetting)
            throws ArtifactException, IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            Path root = directory.toAbsolutePath().normalize();
            if (Files.isSymbolicLink(root) && Files.isDirectory(root)) {
                // The caller's own directory may be a link: work in the directory it leads to, where the checks and
                // the final move see no link at the top. Links below it are still refused.
                root = root.toRealPath();
            }
            new UnzipCheck(root, overwrite, maxBytes, what, limitSetting).run(cursor(channel, what), channel.size());
            Path parent = Files.isDirectory(root) ? root : root.getParent();
            Files.createDirectories(parent);
            Path staging = Staging.createUnpacking(parent);
            try {
                Result result = write(channel, cursor(channel, what), staging, Staging.umask(staging), what);
                Staging.moveInto(staging, root, overwrite, staging);
                return result;
            } finally {
                Staging.deleteQuietly(staging);
            }
        }
    }

    private static CentralDirectory.Cursor cursor(FileChannel channel, String what) throws ArtifactException, IOException {
        try {
            return new CentralDirectory.Cursor(channel);
        } catch (IOException e) {
            throw new ArtifactException("Cannot read " + what + " as a zip file: " + e.getMessage() + ".");
        }
    }

    static CentralDirectory.Entry next(CentralDirectory.Cursor cursor, String what) throws ArtifactException,
            IOException {
        try {
            return cursor.next();
        } catch (IOException e) {
            throw new ArtifactException("Refusing " + what + ": " + e.getMessage() + "; nothing was unpacked.");
        }
    }

    /** Unpacks every entry (checked already) into the fresh directory {@code staging}. */
    private static Result write(FileChannel channel, CentralDirectory.Cursor cursor, Path staging, int umask, String what)
            throws ArtifactException, IOException {
        long total = 0;
        Path madeDirectory = null; // the last one: a run of entries in one directory asks the file system once
        int files = 0;
        byte[] buffer = new byte[1 << 16];
        for (CentralDirectory.Entry entry; (entry = next(cursor, what)) != null; ) {
            String key = String.join("/", segments(entry.name));
            if (key.isEmpty()) {
                continue;
            }
            Path target = staging.resolve(key);
            if (entry.isDirectory()) {
                Files.createDirectories(target);
                continue;
            }
            if (!target.getParent().equals(madeDirectory)) {
                madeDirectory = Files.createDirectories(target.getParent());
            }
            long written = 0;
            CRC32 crc = new CRC32();
            try (InputStream in = open(channel, entry, what);
                    OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    written += n;
                    if (written > entry.size) {
                        throw refusal(what, entry, "expands past the " + entry.size + " bytes it announces (a zip bomb?)");
                    }
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            } catch (FileAlreadyExistsException e) {
                throw refusal(what, entry, "has the name of another entry on this file system (names that differ only"
                        + " in case?)");
            } catch (IOException e) {
                throw new ArtifactException("Cannot unpack " + what + ": its entry " + EntryNames.shown(entry.name)
                        + " is damaged or could not be written (" + e.getClass().getSimpleName() + ": "
                        + EntryNames.shown(String.valueOf(e.getMessage())) + "); nothing was unpacked.");
            }
            if (written != entry.size || crc.getValue() != entry.crc) {
                throw new ArtifactException(what + " is damaged: its entry " + EntryNames.shown(entry.name)
                        + " does not match its " + (written != entry.size ? "size" : "checksum")
                        + "; nothing was unpacked. Download it again.");
            }
            restoreMode(target, entry.unixMode(), umask);
            total += written;
            files++;
        }
        return new Result(files, total);
    }

    static ArtifactException refusal(String what, CentralDirectory.Entry entry, String rule) {
        return new ArtifactException("Refusing " + what + ": its entry " + EntryNames.shown(entry.name) + " " + rule
                + "; nothing was unpacked.");
    }

    /** The parts of an entry's name, {@code /} or {@code \\} between them, empty and {@code .} parts left out. */
    static List<String> segments(String name) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/' || name.charAt(i) == '\\') {
                String segment = name.substring(start, i);
                if (!segment.isEmpty() && !segment.equals(".")) {
                    segments.add(segment);
                }
                start = i + 1;
            }
        }
        return segments;
    }


    private static InputStream open(FileChannel channel, CentralDirectory.Entry entry, String what) throws IOException {
        long offset = CentralDirectory.dataOffset(channel, entry);
        if (offset + entry.compressedSize > channel.size()) {
            throw new IOException(what + " is truncated: its entry " + entry.name + " ends past the end of the file");
        }
        InputStream raw = new BufferedInputStream(Channels.newInputStream(new Slice(channel, offset, entry.compressedSize,
                entry.method == DEFLATED)),
                1 << 16);
        return entry.method == STORED ? raw : new InflaterInputStream(raw, new Inflater(true), 1 << 16) {
            @Override
            public void close() throws IOException {
                super.close();
                inf.end();
            }
        };
    }

    /**
     * The entry's permissions as {@code unzip} sets them: the archive's mode less the process's umask; the owner may
     * always read and write; never setuid, setgid or sticky (a permission set cannot hold them), and never writable by
     * everyone, whatever the archive says.
     */
    static void restoreMode(Path file, int unixMode, int umask) throws IOException {
        if (unixMode == 0) {
            return; // not made on Unix: the file keeps the mode it was created with (0666 less the umask)
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            int mode = (unixMode & 0777 | 0600) & ~umask & ~0002;
            if (mode != (0666 & ~umask)) { // else it has it already: created as 0666 less the umask
                posix.setPermissions(Staging.permissions(mode));
            }
        } else if ((unixMode & 0100) != 0) {
            file.toFile().setExecutable(true);
        }
    }

    /** A window of a file channel, read with positional reads. */
    private static final class Slice implements java.nio.channels.ReadableByteChannel {
        private final FileChannel channel;
        private long position;
        private final long end;
        /** The inflater may want one byte past the deflated data (as ZipFile gives it): a zero. */
        private boolean dummyByte;

        Slice(FileChannel channel, long start, long length, boolean dummyByte) {
            this.channel = channel;
            this.position = start;
            this.end = start + length;
            this.dummyByte = dummyByte;
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
            if (position >= end) {
                if (dummyByte && buffer.hasRemaining()) {
                    dummyByte = false;
                    buffer.put((byte) 0);
                    return 1;
                }
                return -1;
            }
            int limit = buffer.limit();
            if (buffer.remaining() > end - position) {
                buffer.limit(buffer.position() + (int) (end - position));
            }
            int n = channel.read(buffer, position);
            buffer.limit(limit);
            if (n < 0) {
                throw new IOException("truncated zip file");
            }
            position += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // the channel belongs to the caller
        }
    }
}
