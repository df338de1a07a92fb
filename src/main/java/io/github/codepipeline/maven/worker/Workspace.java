package io.github.codepipeline.maven.worker;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A job's own directory under {@code codepipeline.workDirectory}, named after the job ID (characters other than
 * letters, digits, {@code -} and {@code _} replaced, at most 100): {@code source/} (the unpacked inputs, where the
 * build runs), {@code build.log} (the build's whole output) and {@code result} (what the build reported). Made fresh
 * for each job; deleted without following symbolic links.
 */
final class Workspace {
    final Path directory;
    final Path source;
    final Path log;
    final Path result;

    private Workspace(Path directory) {
        this.directory = directory;
        this.source = directory.resolve("source");
        this.log = directory.resolve("build.log");
        this.result = directory.resolve("result");
    }

    static Workspace create(Path workDirectory, String jobId) throws IOException {
        String name = jobId.replaceAll("[^A-Za-z0-9_-]", "_");
        name = "job-" + (name.length() > 100 ? name.substring(0, 100) : name);
        Workspace workspace = new Workspace(workDirectory.resolve(name));
        delete(workspace.directory);
        Files.createDirectories(workspace.source);
        Files.createFile(workspace.log);
        return workspace;
    }

    void delete() throws IOException {
        delete(directory);
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
