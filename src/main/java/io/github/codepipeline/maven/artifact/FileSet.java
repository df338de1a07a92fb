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
 * <p>Symbolic links to files are followed (the archive gets the file's content); links to folders are not (a link to
 * {@code /} would otherwise publish the machine).
 */
public final class FileSet {
    private final Path directory;
    private final List<String> includes;
    private final List<String> excludes;

    public FileSet(Path directory, List<String> includes, List<String> excludes) {
        this.directory = directory;
        this.includes = clean(includes);
        this.excludes = clean(excludes);
    }

    /** One file of the set: its path in the archive ({@code /} between names) and on disk. */
    public static final class Entry {
        private final String name;
        private final Path file;

        public Entry(String name, Path file) {
            this.name = name;
            this.file = file;
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
        Files.walkFileTree(directory, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile() && !(attrs.isSymbolicLink() && Files.isRegularFile(file))) {
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
                if (included) {
                    entries.add(new Entry(name, file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
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
        return entries;
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
