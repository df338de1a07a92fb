package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.artifact.Staging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A job's own directory under {@code codepipeline.workDirectory}, {@code job-<name>-<hash>}: the job ID with characters
 * other than letters, digits, {@code -} and {@code _} replaced by {@code _} and cut at 100 (readable), then the first 12
 * hex digits of the SHA-256 of the whole ID (unique: two IDs that differ only in replaced characters or after the 100th
 * never share a workspace, so making one never deletes another running job's). Holds {@code source/} (the unpacked
 * inputs, where the build runs), {@code build.log} (the build's whole output) and {@code result} (what the build
 * reported). Made fresh for each job; deleted without following symbolic links.
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
        Workspace workspace = new Workspace(workDirectory.resolve(name(jobId)));
        Staging.delete(workspace.directory);
        Files.createDirectories(workspace.source);
        Files.createFile(workspace.log);
        return workspace;
    }

    /** {@code job-<job ID, safe characters only, at most 100>-<12 hex digits of the ID's SHA-256>}. */
    static String name(String jobId) {
        String name = jobId.replaceAll("[^A-Za-z0-9_-]", "_");
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(jobId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            hex.append(String.format("%02x", hash[i] & 0xff));
        }
        return "job-" + (name.length() > 100 ? name.substring(0, 100) : name) + "-" + hex;
    }

    /** Deletes the workspace, links as links (never what they point to); quiet about files that vanish meanwhile. */
    void delete() throws IOException {
        Staging.delete(directory);
    }
}
