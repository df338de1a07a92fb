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
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Unpacks an input artifact into a directory, refusing hostile archives before writing anything: entries that would
 * land outside the directory ({@code ..}, absolute paths: "zip slip"), symbolic links, duplicate names, and archives
 * whose entries announce more than {@code maxBytes} (zip bombs). While unpacking, an entry that inflates past the
 * size it announced, or a CRC that does not match, stops it too. Executable bits that a Unix zip tool recorded are
 * restored. Existing files are replaced only when asked; otherwise the first one is named in the error.
 *
 * <p>The zip is read with {@link CentralDirectory} and {@link Inflater}, not {@code java.util.zip.ZipFile}, so that
 * the names checked are exactly the names written and the file modes are at hand.
 */
public final class SafeUnzip {
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

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
     * @param what the artifact, for messages ("the input artifact SourceOutput")
     * @param maxBytes the most the archive may expand to, all entries together
     * @param limitSetting how the user raises {@code maxBytes}, for the message
     */
    public static Result unzip(Path zip, Path directory, boolean overwrite, long maxBytes, String what, String limitSetting)
            throws ArtifactException, IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            List<CentralDirectory.Entry> entries;
            try {
                entries = CentralDirectory.read(channel);
            } catch (IOException e) {
                throw new ArtifactException("Cannot read " + what + " as a zip file: " + e.getMessage() + ".");
            }
            Files.createDirectories(directory);
            Path root = directory.toRealPath();
            List<Path> targets = check(entries, root, overwrite, maxBytes, what, limitSetting);
            long total = 0;
            int files = 0;
            byte[] buffer = new byte[1 << 16];
            for (int i = 0; i < entries.size(); i++) {
                CentralDirectory.Entry entry = entries.get(i);
                Path target = targets.get(i);
                if (entry.isDirectory()) {
                    createDirectories(root, target, what, entry);
                    continue;
                }
                createDirectories(root, target.getParent(), what, entry);
                if (overwrite) {
                    Files.deleteIfExists(target); // a link is replaced, never followed
                }
                long written = 0;
                CRC32 crc = new CRC32();
                try (InputStream in = open(channel, entry, what);
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        if (written > entry.size) {
                            throw new ArtifactException("Refusing " + what + ": its entry " + entry.name
                                    + " expands past the " + entry.size + " bytes it announces (a zip bomb?).");
                        }
                        crc.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                } catch (FileAlreadyExistsException e) {
                    throw new ArtifactException("Not unpacking " + entry.name + " of " + what + ": " + target
                            + " already exists. Set -Dcodepipeline.overwrite=true to replace existing files.");
                }
                if (written != entry.size || crc.getValue() != entry.crc) {
                    throw new ArtifactException(what + " is damaged: its entry " + entry.name + " does not match its "
                            + (written != entry.size ? "size" : "checksum") + ". Download it again.");
                }
                restoreMode(target, entry.unixMode());
                total += written;
                files++;
            }
            return new Result(files, total);
        }
    }

    /** Every check that needs no writing, so that a hostile archive is refused before anything is written. */
    private static List<Path> check(List<CentralDirectory.Entry> entries, Path root, boolean overwrite, long maxBytes,
            String what, String limitSetting) throws ArtifactException {
        List<Path> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long announced = 0;
        for (CentralDirectory.Entry entry : entries) {
            String name = entry.name.replace('\\', '/');
            if (name.isEmpty() || name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
                throw new ArtifactException("Refusing " + what + ": its entry " + entry.name
                        + " has an absolute path, which would be written outside " + root + ".");
            }
            for (String segment : name.split("/")) {
                if (segment.equals("..")) {
                    throw new ArtifactException("Refusing " + what + ": its entry " + entry.name
                            + " leads out of the directory with '..' (zip slip); nothing was unpacked.");
                }
            }
            if (entry.isSymbolicLink()) {
                throw new ArtifactException("Refusing " + what + ": its entry " + entry.name
                        + " is a symbolic link, which could point outside " + root + "; nothing was unpacked.");
            }
            if (entry.method != STORED && entry.method != DEFLATED && !entry.isDirectory()) {
                throw new ArtifactException("Cannot unpack " + what + ": its entry " + entry.name
                        + " uses compression method " + entry.method + " (only stored and deflated are supported).");
            }
            if ((entry.flags & 1) != 0) {
                throw new ArtifactException("Cannot unpack " + what + ": its entry " + entry.name + " is encrypted.");
            }
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root)) {
                throw new ArtifactException("Refusing " + what + ": its entry " + entry.name + " would be written outside "
                        + root + "; nothing was unpacked.");
            }
            String key = root.relativize(target).toString();
            if (!entry.isDirectory() && !names.add(key)) {
                throw new ArtifactException("Refusing " + what + ": it holds " + entry.name + " twice.");
            }
            // Compared before adding: a Zip64 size near Long.MAX_VALUE must not overflow the sum past the check.
            if (entry.size < 0 || entry.size > maxBytes - announced) {
                throw new ArtifactException("Refusing " + what + ": it expands to more than " + maxBytes / (1024 * 1024)
                        + " MB (a zip bomb?). If the artifact is really that large, raise " + limitSetting + ".");
            }
            announced += entry.size;
            if (!entry.isDirectory() && !overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new ArtifactException("Not unpacking " + what + ": " + target + " already exists (from the entry "
                        + entry.name + "). Set -Dcodepipeline.overwrite=true to replace existing files, or unpack into"
                        + " an empty directory.");
            }
            if (!entry.isDirectory() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new ArtifactException("Not unpacking " + what + ": its file " + entry.name
                        + " would replace the directory " + target + ".");
            }
            targets.add(target);
        }
        return targets;
    }

    /** Creates the directories, refusing to go through an existing link that leads outside the root. */
    private static void createDirectories(Path root, Path directory, String what, CentralDirectory.Entry entry)
            throws IOException, ArtifactException {
        Files.createDirectories(directory);
        if (!directory.toRealPath().startsWith(root)) {
            throw new ArtifactException("Refusing to unpack " + entry.name + " of " + what + ": " + directory
                    + " is a link that leads outside " + root + ".");
        }
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

    private static void restoreMode(Path file, int unixMode) throws IOException {
        if (unixMode == 0) {
            return;
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            for (PosixFilePermission permission : PosixFilePermission.values()) {
                if ((unixMode & (0400 >> permission.ordinal())) != 0) {
                    permissions.add(permission);
                }
            }
            posix.setPermissions(permissions);
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
