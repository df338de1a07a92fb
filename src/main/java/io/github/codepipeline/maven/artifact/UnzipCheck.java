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
    /** The symbolic links among {@link #files}: no hard link may point at one. */
    private final LongSet links = new LongSet();
    private long announced;
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
        for (CentralDirectory.Entry entry; (entry = SafeUnzip.next(cursor, what)) != null; ) {
            List<String> segments = segments(entry.name);
            if (entry.isSymbolicLink()) {
                throw refusal(entry.name, "is a symbolic link, which could point outside " + root);
            }
            if (entry.method != SafeUnzip.STORED && entry.method != SafeUnzip.DEFLATED && !entry.isDirectory()) {
                throw refusal(entry.name, "uses compression method " + entry.method
                        + " (only stored and deflated are supported)");
            }
            if ((entry.flags & 1) != 0) {
                throw refusal(entry.name, "is encrypted");
            }
            entry(entry.name, segments, entry.isDirectory(), entry.size);
            if (!entry.isDirectory() && (entry.compressedSize < 0 || entry.localOffset < 0
                    || entry.localOffset > zipSize - entry.compressedSize)) {
                throw refusal(entry.name, "lies past the end of the file (a truncated or damaged zip)");
            }
        }
    }

    /**
     * The checks every archive's entries pass, zip or tar: the name (no NUL, not absolute, no {@code ..}, not too long,
     * writable here), the bytes all entries announce together, duplicates, a file where a directory must be, and the
     * target's own state.
     *
     * @return the entry's path: its name's parts, {@code /} between them; empty for the archive's top directory
     */
    String entry(String name, boolean isDirectory, long size) throws ArtifactException, IOException {
        return entry(name, segments(name), isDirectory, size);
    }

    /** The checks of a name alone: no NUL, not absolute, no {@code ..}. @return its parts */
    List<String> segments(String name) throws ArtifactException {
        if (name.indexOf('\0') >= 0) {
            throw refusal(name, "has a NUL character in its name, which no file name can hold");
        }
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\")
                || name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            throw refusal(name, "has an absolute path, which would be written outside " + root);
        }
        List<String> segments = SafeUnzip.segments(name);
        if (segments.contains("..")) {
            throw refusal(name, "leads out of the directory with '..' (zip slip)");
        }
        return segments;
    }

    private String entry(String name, List<String> segments, boolean isDirectory, long size) throws ArtifactException,
            IOException {
        // Compared before adding: a Zip64 size near Long.MAX_VALUE must not overflow the sum past the check.
        if (size < 0 || size > maxBytes - announced) {
            throw new ArtifactException("Refusing " + what + ": it expands to more than " + maxBytes / (1024 * 1024)
                    + " MB (a zip bomb?), reached at its entry " + EntryNames.shown(name)
                    + "; nothing was unpacked. If the artifact is really that large, raise " + limitSetting + ".");
        }
        announced += size;
        int pathBytes = rootBytes;
        for (String segment : segments) {
            int bytes = utf8Length(segment);
            pathBytes += 1 + bytes;
            if (bytes > MAX_PART_BYTES || pathBytes > MAX_PATH_BYTES) {
                throw refusal(name, "has a path longer than file systems allow (" + MAX_PART_BYTES
                        + " bytes a name, " + MAX_PATH_BYTES + " bytes the whole path)");
            }
        }
        if (segments.isEmpty()) {
            if (isDirectory) {
                return "";
            }
            throw refusal(name, "has no file name");
        }
        String key = String.join("/", segments);
        resolve(name, key); // a name this system cannot write: refused here, once
        // Each prefix's hash extends the one before: linear in the name's length, however deep the name.
        StringBuilder path = new StringBuilder();
        long hash = seed;
        int parents = isDirectory ? segments.size() : segments.size() - 1;
        for (int i = 0; i <= parents && i < segments.size(); i++) {
            int from = path.length();
            path.append(i == 0 ? "" : "/").append(segments.get(i));
            hash = EntryNames.hash(hash, path, from, path.length());
            if (i < parents) {
                directory(name, path, hash);
            } else {
                file(name, path, hash);
            }
        }
        return key;
    }

    /**
     * A symbolic link entry of a tar, checked as a file by {@link #entry} already: refused unless its target stays
     * inside the directory. Relative, its {@code ..} parts only at its start (they climb the link's own directories,
     * which are real directories: no link in the archive or the target can be a directory on an entry's way), none
     * past the top; the rest descends, through links of the archive at most, each of which passed this check. So it
     * leads nowhere outside, whatever the links it goes through.
     */
    void symbolicLink(String name, String key, String target) throws ArtifactException {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw refusal(name, "is a symbolic link without a target");
        }
        if (target.startsWith("/") || target.startsWith("\\")
                || target.length() >= 2 && target.charAt(1) == ':' && Character.isLetter(target.charAt(0))) {
            throw refusal(name, "is a symbolic link to the absolute path " + EntryNames.shown(target)
                    + ", outside " + root);
        }
        int depth = SafeUnzip.segments(key).size() - 1; // the directories above the link
        boolean descending = false;
        for (String segment : SafeUnzip.segments(target)) {
            if (segment.equals("..")) {
                if (descending || --depth < 0) {
                    throw refusal(name, "is a symbolic link to " + EntryNames.shown(target)
                            + ", which " + (descending ? "climbs with '..' after a name (through a link it could lead"
                            + " anywhere)" : "leads out of the directory"));
                }
            } else {
                descending = true;
            }
        }
        links.add(hash(key));
    }

    /**
     * A hard link entry of a tar, checked as a file by {@link #entry} already: its target must be a regular file the
     * archive held before it (never anything outside the archive, never a link).
     *
     * @return the target's path: its name's parts, {@code /} between them
     */
    String hardLink(String name, String target) throws ArtifactException {
        List<String> segments = SafeUnzip.segments(target);
        String key = String.join("/", segments);
        if (segments.isEmpty() || segments.contains("..") || target.startsWith("/") || !files.contains(hash(key))
                || links.contains(hash(key))) {
            throw refusal(name, "is a hard link to " + EntryNames.shown(target) + ", which is not a file the archive"
                    + " holds before it");
        }
        return key;
    }

    /** The hash {@link #entry} computes for the path {@code key}. */
    private long hash(String key) {
        return EntryNames.hash(seed, key, 0, key.length());
    }

    ArtifactException refusal(String name, String rule) {
        return new ArtifactException("Refusing " + what + ": its entry " + EntryNames.shown(name) + " " + rule
                + "; nothing was unpacked.");
    }

    /** @param path the directory's path, which the caller goes on extending: read here, never kept */
    private void directory(String name, StringBuilder path, long hash) throws ArtifactException, IOException {
        if (files.contains(hash)) {
            throw refusal(name, "needs a directory " + EntryNames.shown(path.toString())
                    + " where the archive has a file");
        }
        if (!directories.add(hash)) {
            return;
        }
        bound(name);
        if (underAbsent(path)) {
            return;
        }
        Path existing = resolve(name, path.toString());
        BasicFileAttributes attributes = Staging.attributes(existing);
        if (attributes == null) {
            absent = path + "/";
        } else if (attributes.isSymbolicLink()) {
            throw refusal(name, "would be written through the symbolic link "
                    + EntryNames.shown(existing.toString()) + " (links in the target are not followed; remove it)");
        } else if (!attributes.isDirectory()) {
            throw refusal(name, "needs a directory where " + EntryNames.shown(existing.toString())
                    + " is a file");
        }
    }

    private void file(String name, StringBuilder path, long hash) throws ArtifactException, IOException {
        if (directories.contains(hash)) {
            throw refusal(name, "is a file where the archive has a directory of that name");
        }
        if (!files.add(hash)) {
            throw refusal(name, "is in the archive twice");
        }
        bound(name);
        if (underAbsent(path)) {
            return;
        }
        Path existing = resolve(name, path.toString());
        BasicFileAttributes attributes = Staging.attributes(existing);
        if (attributes != null && attributes.isDirectory()) {
            throw refusal(name, "would replace the directory " + EntryNames.shown(existing.toString()));
        }
        if (attributes != null && !overwrite) {
            throw new ArtifactException("Not unpacking " + what + ": " + EntryNames.shown(existing.toString())
                    + " already exists (from the entry " + EntryNames.shown(name) + "). Set"
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

    private void bound(String name) throws ArtifactException {
        if (files.size() + directories.size() > CentralDirectory.MAX_ENTRIES) {
            throw refusal(name, "makes " + CentralDirectory.tooMany().replace(" entries,", " files and"
                    + " directories,"));
        }
    }

    /**
     * {@code root}/{@code path}, or a refusal when this JVM cannot name such a file (characters the file system's
     * encoding lacks: under {@code LC_ALL=C} Java writes ASCII names only).
     */
    private Path resolve(String name, String path) throws ArtifactException {
        try {
            return root.resolve(path);
        } catch (InvalidPathException e) {
            throw refusal(name, "has a name this system cannot write (" + e.getReason()
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
