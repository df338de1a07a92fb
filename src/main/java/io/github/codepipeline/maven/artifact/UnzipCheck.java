package io.github.codepipeline.maven.artifact;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Every check that needs no writing, so that a hostile archive is refused before anything is written: names,
 * links, methods, sizes, duplicates, a file where a directory must be, and the target's own state (an existing
 * file, a link on the way). Per entry it keeps two 64-bit hashes, so a million entries fit a small heap.
 */
final class UnzipCheck {
    /** Linux's PATH_MAX, with its NUL; and the longest name part most file systems allow. */
    private static final int MAX_PATH_BYTES = 4095;
    private static final int MAX_PART_BYTES = 255;
    private final Path root;
    private final boolean overwrite;
    private final long maxBytes;
    private final String what;
    private final String limitSetting;
    private final LongSet files = new LongSet();
    private final LongSet directories = new LongSet();
    private final int rootBytes;
    /** The hashes' random start, new for each archive ({@link EntryNames#seed}). */
    private final long seed = EntryNames.seed();
    /** A directory (with its '/') that the target lacks: nothing under it needs a look. */
    private String absent;

    UnzipCheck(Path root, boolean overwrite, long maxBytes, String what, String limitSetting) {
        this.root = root;
        this.overwrite = overwrite;
        this.maxBytes = maxBytes;
        this.what = what;
        this.limitSetting = limitSetting;
        this.rootBytes = utf8Length(root.toString());
    }

    void run(CentralDirectory.Cursor cursor, long zipSize) throws ArtifactException, IOException {
        long announced = 0;
        for (CentralDirectory.Entry entry; (entry = SafeUnzip.next(cursor, what)) != null; ) {
            String name = entry.name;
            if (name.indexOf('\0') >= 0) {
                throw SafeUnzip.refusal(what, entry, "has a NUL character in its name, which no file name can hold");
            }
            if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\")
                    || name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
                throw SafeUnzip.refusal(what, entry, "has an absolute path, which would be written outside " + root);
            }
            List<String> segments = SafeUnzip.segments(name);
            if (segments.contains("..")) {
                throw SafeUnzip.refusal(what, entry, "leads out of the directory with '..' (zip slip)");
            }
            if (entry.isSymbolicLink()) {
                throw SafeUnzip.refusal(what, entry, "is a symbolic link, which could point outside " + root);
            }
            if (entry.method != SafeUnzip.STORED && entry.method != SafeUnzip.DEFLATED && !entry.isDirectory()) {
                throw SafeUnzip.refusal(what, entry, "uses compression method " + entry.method
                        + " (only stored and deflated are supported)");
            }
            if ((entry.flags & 1) != 0) {
                throw SafeUnzip.refusal(what, entry, "is encrypted");
            }
            // Compared before adding: a Zip64 size near Long.MAX_VALUE must not overflow the sum past the check.
            if (entry.size < 0 || entry.size > maxBytes - announced) {
                throw new ArtifactException("Refusing " + what + ": it expands to more than " + maxBytes / (1024 * 1024)
                        + " MB (a zip bomb?), reached at its entry " + EntryNames.shown(name)
                        + "; nothing was unpacked. If the artifact is really that large, raise " + limitSetting + ".");
            }
            announced += entry.size;
            if (!entry.isDirectory() && (entry.compressedSize < 0 || entry.localOffset < 0
                    || entry.localOffset > zipSize - entry.compressedSize)) {
                throw SafeUnzip.refusal(what, entry, "lies past the end of the file (a truncated or damaged zip)");
            }
            int pathBytes = rootBytes;
            for (String segment : segments) {
                int bytes = utf8Length(segment);
                pathBytes += 1 + bytes;
                if (bytes > MAX_PART_BYTES || pathBytes > MAX_PATH_BYTES) {
                    throw SafeUnzip.refusal(what, entry, "has a path longer than file systems allow (" + MAX_PART_BYTES
                            + " bytes a name, " + MAX_PATH_BYTES + " bytes the whole path)");
                }
            }
            if (segments.isEmpty()) {
                if (entry.isDirectory()) {
                    continue;
                }
                throw SafeUnzip.refusal(what, entry, "has no file name");
            }
            resolve(entry, String.join("/", segments)); // a name this system cannot write: refused here, once
            // Each prefix's hash extends the one before: linear in the name's length, however deep the name.
            StringBuilder path = new StringBuilder();
            long hash = seed;
            int parents = entry.isDirectory() ? segments.size() : segments.size() - 1;
            for (int i = 0; i <= parents && i < segments.size(); i++) {
                int from = path.length();
                path.append(i == 0 ? "" : "/").append(segments.get(i));
                hash = EntryNames.hash(hash, path, from, path.length());
                if (i < parents) {
                    directory(entry, path, hash);
                } else {
                    file(entry, path, hash);
                }
            }
        }
    }

    /** @param path the directory's path, which the caller goes on extending: read here, never kept */
    private void directory(CentralDirectory.Entry entry, StringBuilder path, long hash) throws ArtifactException, IOException {
        if (files.contains(hash)) {
            throw SafeUnzip.refusal(what, entry, "needs a directory " + EntryNames.shown(path.toString())
                    + " where the archive has a file");
        }
        if (!directories.add(hash)) {
            return;
        }
        bound(entry);
        if (underAbsent(path)) {
            return;
        }
        Path existing = resolve(entry, path.toString());
        BasicFileAttributes attributes = Staging.attributes(existing);
        if (attributes == null) {
            absent = path + "/";
        } else if (attributes.isSymbolicLink()) {
            throw SafeUnzip.refusal(what, entry, "would be written through the symbolic link "
                    + EntryNames.shown(existing.toString()) + " (links in the target are not followed; remove it)");
        } else if (!attributes.isDirectory()) {
            throw SafeUnzip.refusal(what, entry, "needs a directory where " + EntryNames.shown(existing.toString())
                    + " is a file");
        }
    }

    private void file(CentralDirectory.Entry entry, StringBuilder path, long hash) throws ArtifactException, IOException {
        if (directories.contains(hash)) {
            throw SafeUnzip.refusal(what, entry, "is a file where the archive has a directory of that name");
        }
        if (!files.add(hash)) {
            throw SafeUnzip.refusal(what, entry, "is in the archive twice");
        }
        bound(entry);
        if (underAbsent(path)) {
            return;
        }
        Path existing = resolve(entry, path.toString());
        BasicFileAttributes attributes = Staging.attributes(existing);
        if (attributes != null && attributes.isDirectory()) {
            throw SafeUnzip.refusal(what, entry, "would replace the directory " + EntryNames.shown(existing.toString()));
        }
        if (attributes != null && !overwrite) {
            throw new ArtifactException("Not unpacking " + what + ": " + EntryNames.shown(existing.toString())
                    + " already exists (from the entry " + EntryNames.shown(entry.name) + "). Set"
                    + " -Dcodepipeline.overwrite=true to replace existing files, or unpack into an empty directory;"
                    + " nothing was unpacked.");
        }
    }

    /** Whether {@code path} lies under the directory the target lacks: nothing there to look at. */
    private boolean underAbsent(CharSequence path) {
        if (absent == null || path.length() < absent.length()) {
            return false;
        }
        for (int i = absent.length() - 1; i >= 0; i--) {
            if (path.charAt(i) != absent.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void bound(CentralDirectory.Entry entry) throws ArtifactException {
        if (files.size() + directories.size() > CentralDirectory.MAX_ENTRIES) {
            throw SafeUnzip.refusal(what, entry, "makes " + CentralDirectory.tooMany().replace(" entries,", " files and"
                    + " directories,"));
        }
    }

    /**
     * {@code root}/{@code path}, or a refusal when this JVM cannot name such a file (characters the file system's
     * encoding lacks: under {@code LC_ALL=C} Java writes ASCII names only).
     */
    private Path resolve(CentralDirectory.Entry entry, String path) throws ArtifactException {
        try {
            return root.resolve(path);
        } catch (InvalidPathException e) {
            throw SafeUnzip.refusal(what, entry, "has a name this system cannot write (" + e.getReason()
                    + "; with a non-ASCII name, run Maven in a UTF-8 locale such as LANG=C.UTF-8)");
        }
    }

    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
