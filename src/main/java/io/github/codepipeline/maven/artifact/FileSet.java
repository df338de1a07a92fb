package io.github.codepipeline.maven.artifact;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A directory and Ant-style patterns, the shape of maven-assembly-plugin's {@code <fileSet>}: the regular files under
 * {@link #directory()} whose path relative to it matches an include (all of them when there is none) and no exclude,
 * sorted by that path. An include that matches nothing is an error: a publish step must not quietly leave out what
 * it was asked for.
 *
 * <p>Symbolic links are not followed blindly. A link to a file inside the module's base directory (or inside
 * {@link #directory()}) is stored as the file it points to, its content under the link's name: the zip holds no link
 * entries, which {@code download-input} and many unzip tools refuse or mishandle. A link to a file anywhere else
 * ({@code dist/leak -> /etc/passwd}) fails {@link #collect()}, naming it, unless {@code codepipeline.followLinks=true}
 * ({@link #links}). Links to directories are never followed (a link to {@code /} would publish the machine), nor are
 * broken links.
 */
public final class FileSet {
    private final Path directory;
    private final List<String> includes;
    private final List<String> excludes;
    private Path base;
    private boolean followLinks;
    /** The most files and directories the zip may hold: what download-input accepts. */
    private int maxEntries = CentralDirectory.MAX_ENTRIES;

    public FileSet(Path directory, List<String> includes, List<String> excludes) {
        this.directory = directory;
        this.base = directory;
        this.includes = clean(includes);
        this.excludes = clean(excludes);
    }

    /**
     * Where links may lead: inside {@code base} (the module's base directory) or the set's directory; anywhere when
     * {@code followLinks}. Default: the set's directory only.
     */
    public FileSet links(Path base, boolean followLinks) {
        this.base = base;
        this.followLinks = followLinks;
        return this;
    }

    /** A lower cap than download-input's, for tests: a million files take minutes to make. */
    FileSet maxEntries(int max) {
        this.maxEntries = max;
        return this;
    }

    /** One file of the set: its path in the archive ({@code /} between names) and on disk. */
    public static final class Entry {
        private final String name;
        private final Path file;
        /** Its size when it was collected, or -1. */
        private final long size;

        public Entry(String name, Path file) {
            this(name, file, -1);
        }

        Entry(String name, Path file, long size) {
            this.name = name;
            this.file = file;
            this.size = size;
        }

        public String name() {
            return name;
        }

        public Path file() {
            return file;
        }
    }

    public Path directory() {
        return directory;
    }

    /** The files' bytes together: what the zip expands to. */
    public static long totalBytes(List<Entry> entries) throws IOException {
        long total = 0;
        for (Entry entry : entries) {
            total += entry.size >= 0 ? entry.size : Files.size(entry.file);
        }
        return total;
    }

    /** Splits a comma-separated list of patterns ({@code codepipeline.outputFiles}). */
    public static List<String> split(String patterns) {
        List<String> list = new ArrayList<>();
        if (patterns != null) {
            for (String pattern : patterns.split(",")) {
                if (!pattern.trim().isEmpty()) {
                    list.add(pattern.trim());
                }
            }
        }
        return list;
    }

    private static List<String> clean(List<String> patterns) {
        List<String> list = new ArrayList<>();
        if (patterns != null) {
            for (String pattern : patterns) {
                if (pattern != null && !pattern.trim().isEmpty()) {
                    list.add(pattern.trim());
                }
            }
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * The matching files, sorted by name.
     *
     * @throws ArtifactException when the directory does not exist, or an include matches no file
     */
    public List<Entry> collect() throws ArtifactException, IOException {
        if (!Files.isDirectory(directory)) {
            throw new ArtifactException("The output directory " + directory + " does not exist or is not a directory.");
        }
        List<AntPattern> include = patterns(includes);
        List<AntPattern> exclude = patterns(excludes);
        Set<AntPattern> unused = new LinkedHashSet<>(include);
        List<Entry> entries = new ArrayList<>();
        Path[] inside = {directory.toRealPath(), Files.isDirectory(base) ? base.toRealPath() : directory.toRealPath()};
        String[] refused = new String[1];
        Files.walkFileTree(directory, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile() && !attrs.isSymbolicLink()) {
                    return FileVisitResult.CONTINUE;
                }
                String name = relative(file);
                boolean included = include.isEmpty();
                for (AntPattern pattern : include) {
                    if (pattern.matches(name)) {
                        included = true;
                        unused.remove(pattern);
                    }
                }
                for (AntPattern pattern : exclude) {
                    included &= !pattern.matches(name);
                }
                if (!included) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    Path target;
                    try {
                        target = file.toRealPath();
                    } catch (IOException e) {
                        return FileVisitResult.CONTINUE; // a broken link: nothing to store
                    }
                    if (!Files.isRegularFile(target)) {
                        return FileVisitResult.CONTINUE; // a link to a directory: never followed
                    }
                    if (!followLinks && !target.startsWith(inside[0]) && !target.startsWith(inside[1])) {
                        refused[0] = "Refusing to upload " + EntryNames.shown(name) + " from " + directory
                                + ": it is a symbolic link to " + target + ", outside the module's base directory " + base
                                + ". Replace the link with the file, leave it out with an exclude, or set -D"
                                + "codepipeline.followLinks=true to upload what it points to.";
                        return FileVisitResult.TERMINATE;
                    }
                    file = target; // read from where it points now: the zip gets what was checked
                    attrs = Files.readAttributes(target, BasicFileAttributes.class);
                }
                if (entries.size() == maxEntries) {
                    refused[0] = tooMany();
                    return FileVisitResult.TERMINATE; // more would only fill the heap
                }
                entries.add(new Entry(name, file, attrs.size()));
                return FileVisitResult.CONTINUE;
            }
        });
        if (refused[0] != null) {
            throw new ArtifactException(refused[0]);
        }
        if (!unused.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (AntPattern pattern : unused) {
                names.add(pattern.toString());
            }
            throw new ArtifactException("No file under " + directory + " matches " + String.join(", ", names)
                    + ": check the patterns (Ant-style, relative to that directory, such as target/*.jar or **/*.war).");
        }
        entries.sort((a, b) -> a.name.compareTo(b.name));
        if (entries.isEmpty()) {
            throw new ArtifactException("No file to publish under " + directory
                    + (exclude.isEmpty() ? "" : " (all excluded by " + excludes + ")") + ": nothing would go into the artifact.");
        }
        if (entries.size() + directories(entries) > maxEntries) {
            throw new ArtifactException(tooMany());
        }
        return entries;
    }

    private String tooMany() {
        return "Refusing to upload " + directory + ": its files and their directories are more than "
                + maxEntries + " entries, more than download-input (and so the next action) accepts"
                + " in an artifact; nothing was uploaded. Leave some out with excludes, or pack them into an archive"
                + " first.";
    }

    /**
     * The directories the entries' names imply, as download-input counts them: the names are sorted, so the names
     * under one directory follow each other, and a directory not shared with the name before is new.
     */
    static long directories(List<Entry> sorted) {
        long count = 0;
        String previous = "";
        for (Entry entry : sorted) {
            String name = entry.name;
            int common = 0;
            int max = Math.min(name.length(), previous.length());
            while (common < max && name.charAt(common) == previous.charAt(common)) {
                common++;
            }
            // the directories of the name whose '/' lies past the part it shares with the one before
            for (int i = name.indexOf('/', common); i >= 0; i = name.indexOf('/', i + 1)) {
                count++;
            }
            previous = name;
        }
        return count;
    }

    private String relative(Path file) {
        StringBuilder sb = new StringBuilder();
        for (Path part : directory.relativize(file)) {
            sb.append(sb.length() == 0 ? "" : "/").append(part);
        }
        return sb.toString();
    }

    private static List<AntPattern> patterns(List<String> texts) {
        List<AntPattern> list = new ArrayList<>();
        for (String text : texts) {
            list.add(new AntPattern(text));
        }
        return list;
    }
}
