package io.github.codepipeline.maven.artifact;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a tar or a gzipped tar input artifact into a directory under the rules {@link SafeUnzip} follows, or refuses
 * it and leaves the directory as it was. A tar has no central directory to check first: each entry is checked
 * ({@link UnzipCheck}) as it streams into the hidden staging directory, and the first refusal drops the staging
 * directory; only a wholly good archive is moved into place. Besides the zip rules: a symbolic link is unpacked only
 * when it leads nowhere outside the directory ({@link UnzipCheck#symbolicLink}), a hard link only to a file the archive
 * held before it; device files, FIFOs, sparse files and other entry types are refused. The tar is parsed by Apache
 * Commons Compress; what it reads for one entry's headers (GNU long names, pax headers) is bounded here.
 */
public final class SafeUntar {
    /** The most header bytes before one entry: pax headers and GNU long names together (a path is at most 4 KB). */
    static final int MAX_HEADER_BYTES = 1 << 20;
    /** How many header entries (long names, pax headers) may come in a row before one file's. */
    static final int MAX_HEADER_ENTRIES = 16;

    private SafeUntar() {}

    /**
     * Unpacks the tar (gzipped when {@code gzip}) {@code tar} into {@code directory}; see
     * {@link SafeUnzip#unzip} for the parameters.
     */
    public static SafeUnzip.Result untar(Path tar, boolean gzip, Path directory, boolean overwrite, long maxBytes,
            String what, String limitSetting) throws ArtifactException, IOException {
        Path root = directory.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(root) && Files.isDirectory(root)) {
            root = root.toRealPath(); // as SafeUnzip does: the caller's own directory may be a link
        }
        Path parent = Files.isDirectory(root) ? root : root.getParent();
        Files.createDirectories(parent);
        UnzipCheck check = new UnzipCheck(root, overwrite, maxBytes, what, limitSetting);
        Path staging = Staging.createUnpacking(parent);
        try {
            SafeUnzip.Result result;
            try (InputStream file = Files.newInputStream(tar);
                    InputStream raw = gzip ? new GZIPInputStream(file, 1 << 16) : new BufferedInputStream(file, 1 << 16);
                    Budget budget = new Budget(raw);
                    BoundedTar in = new BoundedTar(budget)) {
                result = write(in, check, staging, Staging.umask(staging), what);
            }
            Staging.moveInto(staging, root, overwrite, staging);
            return result;
        } finally {
            Staging.deleteQuietly(staging);
        }
    }

    private static SafeUnzip.Result write(BoundedTar in, UnzipCheck check, Path staging, int umask, String what)
            throws ArtifactException, IOException {
        long total = 0;
        int files = 0;
        Path madeDirectory = null;
        byte[] buffer = new byte[1 << 16];
        for (TarArchiveEntry entry; (entry = next(in, what)) != null; ) {
            String name = entry.getName();
            if (entry.isSparse() || entry.isGNUSparse() || entry.isOldGNUSparse() || entry.isPaxGNUSparse()) {
                throw check.refusal(name, "is a sparse file, which download-input does not unpack (make the tar"
                        + " without --sparse)");
            }
            if (entry.isCharacterDevice() || entry.isBlockDevice()) {
                throw check.refusal(name, "is a device file");
            }
            if (entry.isFIFO()) {
                throw check.refusal(name, "is a FIFO (named pipe)");
            }
            byte type = entry.getLinkFlag();
            boolean directory = entry.isDirectory();
            boolean regular = type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM
                    || type == TarArchiveEntry.LF_CONTIG;
            if (!directory && !regular && !entry.isSymbolicLink() && !entry.isLink()) {
                throw check.refusal(name, "has the tar entry type " + EntryNames.shown(type >= 0x20 && type < 0x7f
                        ? "'" + (char) type + "'" : String.valueOf(type)) + ", which download-input does not unpack");
            }
            long size = regular ? entry.getSize() : 0;
            String key = check.entry(name, directory, size);
            if (key.isEmpty()) {
                continue;
            }
            Path target = staging.resolve(key);
            if (directory) {
                Files.createDirectories(target);
                madeDirectory = null;
                continue;
            }
            if (!target.getParent().equals(madeDirectory)) {
                madeDirectory = Files.createDirectories(target.getParent());
            }
            try {
                if (entry.isSymbolicLink()) {
                    check.symbolicLink(name, key, entry.getLinkName());
                    Files.createSymbolicLink(target, Paths.get(entry.getLinkName()));
                    continue;
                }
                if (entry.isLink()) {
                    Files.createLink(target, staging.resolve(check.hardLink(name, entry.getLinkName())));
                    files++;
                    continue;
                }
                long written = 0;
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        out.write(buffer, 0, n);
                    }
                }
                if (written != size) {
                    throw damaged(what, name, "it ends before the " + size + " bytes its header announces");
                }
                total += written;
            } catch (FileAlreadyExistsException e) {
                throw check.refusal(name, "has the name of another entry on this file system (names that differ only"
                        + " in case?)");
            } catch (IOException e) {
                throw damaged(what, name, e.getClass().getSimpleName() + ": " + EntryNames.shown(String.valueOf(
                        e.getMessage())));
            }
            SafeUnzip.restoreMode(target, entry.getMode(), umask);
            files++;
        }
        return new SafeUnzip.Result(files, total);
    }

    private static ArtifactException damaged(String what, String name, String why) {
        return new ArtifactException("Cannot unpack " + what + ": its entry " + EntryNames.shown(name) + " is damaged"
                + " or could not be written (" + why + "); nothing was unpacked.");
    }

    private static TarArchiveEntry next(BoundedTar in, String what) throws ArtifactException {
        try {
            return in.getNextTarEntry();
        } catch (IOException | RuntimeException e) {
            // Commons Compress throws IllegalArgumentException and others on some damaged headers: all mean "damaged".
            throw new ArtifactException("Refusing " + what + ": it is not a readable tar (" + EntryNames.shown(
                    String.valueOf(e.getMessage())) + "; download it again, or check how it was made); nothing was"
                    + " unpacked.");
        }
    }

    /**
     * The raw (inflated) tar stream, with a bound on what may be read while a bound is set: the header entries before
     * one file's are read whole into memory by the parser (a pax header, a GNU long name may announce gigabytes).
     */
    static final class Budget extends FilterInputStream {
        private long read;
        private long limit = Long.MAX_VALUE;

        Budget(InputStream in) {
            super(in);
        }

        void bound(long bytes) {
            limit = read + bytes;
        }

        void unbound() {
            limit = Long.MAX_VALUE;
        }

        @Override
        public int read() throws IOException {
            check(1);
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check(len);
            int n = super.read(b, off, (int) Math.min(len, limit - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            check(n);
            long skipped = super.skip(Math.min(n, limit - read));
            read += skipped;
            return skipped;
        }

        private void check(long wanted) throws IOException {
            if (wanted > 0 && read >= limit) {
                throw new IOException("the headers before one entry (pax headers, GNU long names) pass "
                        + MAX_HEADER_BYTES / 1024 + " KB");
            }
        }
    }

    /** Commons Compress's reader, with the header entries before one file's bounded in bytes and in number. */
    static final class BoundedTar extends TarArchiveInputStream {
        private final Budget budget;
        private int depth;

        BoundedTar(Budget budget) {
            super(budget, StandardCharsets.UTF_8.name());
            this.budget = budget;
        }

        /** {@code getNextEntry} comes here, and so do the parser's own calls for the entry after a header entry. */
        @Override
        @Deprecated
        public TarArchiveEntry getNextTarEntry() throws IOException {
            if (depth == 0) {
                // What is left of the previous entry's data (none, but for a link's or a device's) is read unbounded.
                budget.unbound();
                if (getCurrentEntry() != null) {
                    byte[] rest = new byte[8192];
                    while (read(rest) > 0) {
                        // skipped
                    }
                }
                budget.bound(ArchiveFormat.TAR_HEADER * 2L + MAX_HEADER_BYTES);
            } else if (depth >= MAX_HEADER_ENTRIES) {
                throw new IOException("more than " + MAX_HEADER_ENTRIES + " header entries (pax headers, GNU long names)"
                        + " come before one entry");
            }
            depth++;
            try {
                return super.getNextTarEntry();
            } finally {
                if (--depth == 0) {
                    budget.unbound();
                }
            }
        }
    }
}
