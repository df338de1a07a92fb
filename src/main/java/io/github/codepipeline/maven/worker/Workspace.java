package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.artifact.Staging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Properties;
import java.util.Set;

/**
 * A job's own directory under {@code codepipeline.workDirectory}, {@code job-<name>-<hash>}: the job ID with characters
 * other than letters, digits, {@code -} and {@code _} replaced by {@code _} and cut at 100 (readable), then the first 12
 * hex digits of the SHA-256 of the whole ID (unique: two IDs that differ only in replaced characters or after the 100th
 * never share a workspace, so making one never deletes another running job's). Holds {@code source/} (the unpacked
 * inputs, where the build runs), {@code build.log} (the build's output, head and tail), {@code result} (what the build
 * recorded) and {@code worker} (the marker: which worker runs the job, and the build's process, for {@link Recovery}).
 * The directory is {@code 700}, {@code build.log} and the marker {@code 600}, always; with {@code buildUser} the
 * directory, the sources and the result file are that user's, {@code build.log} and the marker stay the worker's. Made
 * fresh for each job; deleted without following symbolic links.
 */
final class Workspace {
    static final String MARKER = "worker";
    static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    final Path directory;
    final Path source;
    final Path log;
    final Path result;
    /** The job file the build's plugin reads instead of calling {@code GetJobDetails} ({@code JobFile}). */
    final Path job;
    final Path marker;
    private final Properties mark = new Properties();

    Workspace(Path directory) {
        this.directory = directory;
        this.source = directory.resolve("source");
        this.log = directory.resolve("build.log");
        this.result = directory.resolve("result");
        this.job = directory.resolve("job.properties");
        this.marker = directory.resolve(MARKER);
    }

    static Workspace create(Path workDirectory, String jobId) throws IOException {
        Workspace workspace = new Workspace(workDirectory.resolve(name(jobId)));
        Staging.delete(workspace.directory);
        Files.createDirectories(workDirectory);
        Files.createDirectory(workspace.directory);
        restrict(workspace.directory, PRIVATE_DIRECTORY);
        Files.createDirectory(workspace.source);
        Files.createFile(workspace.log);
        restrict(workspace.log, PRIVATE_FILE);
        return workspace;
    }

    /** A fresh workspace for {@code job}, marked as this worker's (its PID and start time). */
    static Workspace create(Path workDirectory, Job job, BuildUser user) throws IOException {
        Workspace workspace = create(workDirectory, job.id);
        Files.createFile(workspace.result);
        restrict(workspace.result, PRIVATE_FILE);
        ProcessTable.Proc self = ProcessTable.self();
        workspace.mark.setProperty("version", "1");
        workspace.mark.setProperty("job", job.id);
        workspace.mark.setProperty("owner", job.owner);
        if (job.clientId != null) {
            workspace.mark.setProperty("clientId", job.clientId);
        }
        if (self != null) {
            workspace.mark.setProperty("worker.pid", Long.toString(self.pid));
            workspace.mark.setProperty("worker.start", Long.toString(self.start));
        }
        workspace.mark.setProperty("started", Long.toString(System.currentTimeMillis()));
        workspace.writeMark();
        return workspace;
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs decide
        }
    }

    /** With {@code user}: the directory, the sources and the result file become that user's (the build's). */
    void handOver(BuildUser user) throws IOException {
        if (user == null) {
            return;
        }
        user.own(source);
        user.own(result);
        if (Files.exists(job, LinkOption.NOFOLLOW_LINKS)) {
            user.own(job);
        }
        Files.setAttribute(directory, "unix:uid", (int) user.uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(directory, "unix:gid", (int) user.gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** With {@code user}: a workspace kept after its job becomes root's again, out of reach of the next builds. */
    void reclaim(BuildUser user) throws IOException {
        if (user != null) {
            BuildUser.own(directory, 0, 0);
        }
    }

    /** Notes the build's process in the marker: what a worker that recovers this workspace must stop. */
    void markBuild(Build build) throws IOException {
        if (build.first != null) {
            mark.setProperty("build.pid", Long.toString(build.first.pid));
            mark.setProperty("build.start", Long.toString(build.first.start));
        }
        mark.setProperty("build.session", Long.toString(build.leader));
        mark.setProperty("build.marker", build.marker);
        writeMark();
    }

    /** Notes in the marker that the job has its result: a kept workspace is not recovered. */
    void markEnded() {
        mark.setProperty("ended", "true");
        try {
            writeMark();
        } catch (IOException e) {
            // the workspace is kept for reading only; a recovering worker would find a job that has its result
        }
    }

    /** Writes the marker through a new file moved into place: never half-written, never through a link. */
    private void writeMark() throws IOException {
        Path next = directory.resolve(MARKER + ".new");
        Files.deleteIfExists(next);
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            restrict(next, PRIVATE_FILE);
            mark.store(out, null);
        }
        Files.move(next, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The marker as written, or {@code null} when it is missing, a link, not the worker's, or unreadable. */
    static Properties readMark(Path file, Object ownerUid) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 64 * 1024) {
                return null;
            }
            if (ownerUid != null && !ownerUid.equals(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                return null; // the build's user could have put it there: not to be believed
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
            }
            return properties;
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
