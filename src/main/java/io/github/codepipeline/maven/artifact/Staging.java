package io.github.codepipeline.maven.artifact;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hidden work places of {@code download-input}, which are never left behind by a run that ends: a download
 * ({@code .codepipeline-<artifact>-<random>.download}) and an unpacking directory
 * ({@code .codepipeline-<random>.unpacking}), both in the input directory, beside what they become. An archive is
 * unpacked there and moved into place (renames, no copy) only when all of it is good, so that a refused or damaged
 * archive leaves nothing. A run that is killed cannot clean up: the next run in the same directory removes what a
 * killed one left ({@link #removeLeftovers}).
 */
public final class Staging {
    public static final String PREFIX = ".codepipeline-";
    public static final String DOWNLOAD = ".download";
    static final String UNPACKING = ".unpacking";

    private Staging() {}

    /** A new, empty unpacking directory in {@code parent}, made as {@code mkdir} makes one (the umask applies). */
    static Path createUnpacking(Path parent) throws IOException {
        for (;;) {
            Path candidate = parent.resolve(PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + UNPACKING);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /** The process's umask, read from a directory just made with mode 0777: 022 when it cannot be known. */
    static int umask(Path madeDirectory) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(madeDirectory, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (posix == null) {
            return 022;
        }
        return ~mode(posix.readAttributes().permissions()) & 0777;
    }

    /**
     * Removes what an earlier run, killed, left in {@code directory}: its hidden downloads and unpacking directories.
     *
     * @return the names removed
     */
    public static List<String> removeLeftovers(Path directory) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.endsWith(DOWNLOAD) || name.endsWith(UNPACKING)) {
                    delete(child);
                    removed.add(name);
                }
            }
        }
        return removed;
    }

    /** Deletes a file or a whole tree, links as links (never what they point to); quiet when it is gone already. */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (!(e instanceof NoSuchFileException)) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes, and keeps quiet about a failure: for the clean-up after another failure, which is what matters. */
    static void deleteQuietly(Path path) {
        try {
            delete(path);
        } catch (IOException | RuntimeException e) {
            // the next run removes it (removeLeftovers)
        }
    }

    /**
     * Moves what {@code from} holds into {@code to}: the whole directory in one rename when {@code to} does not exist,
     * else each child that {@code to} lacks in one rename, merging the directories both have. Never goes through a
     * link in {@code to}: the checks made before unpacking are made again here, where they count.
     *
     * @param skip a child of {@code to} that is not a target (the unpacking directory itself, when it is inside)
     */
    static void moveInto(Path from, Path to, boolean overwrite, Path skip) throws IOException, ArtifactException {
        if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(from, to);
            return;
        }
        if (!Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArtifactException("Not unpacking: " + to + " is not a directory (a link or a file stands there).");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
            for (Path child : children) {
                Path target = to.resolve(child.getFileName().toString());
                if (target.equals(skip)) {
                    continue;
                }
                BasicFileAttributes existing = attributes(target);
                boolean directory = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
                if (existing == null) {
                    Files.move(child, target);
                } else if (directory && existing.isDirectory()) {
                    moveInto(child, target, overwrite, null);
                } else if (!directory && overwrite && !existing.isDirectory()) {
                    Files.move(child, target, StandardCopyOption.REPLACE_EXISTING); // a link is replaced, not followed
                } else {
                    throw new ArtifactException("Not unpacking " + EntryNames.shown(to.relativize(target).toString())
                            + ": " + EntryNames.shown(target.toString()) + " appeared while unpacking"
                            + (existing.isSymbolicLink() ? " as a symbolic link" : "") + "; nothing more was moved into place.");
                }
            }
        }
    }

    /** The attributes of {@code path} itself (a link is a link), or {@code null} when nothing is there. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The permission bits of a mode ({@code 0755}) and back: {@link PosixFilePermission}'s order is the bits' order,
     * owner read ({@code 0400}) first.
     */
    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    /** See {@link #mode(Set)}. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (0400 >> permission.ordinal())) != 0) {
                set.add(permission);
            }
        }
        return set;
    }
}
