package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * {@code codepipeline.buildUser}: the OS user the builds run as, looked up once ({@code getent passwd}). Needs Linux's
 * {@code setpriv} and a worker that runs as root (only root may switch users); the user may not be root.
 */
final class BuildUser {
    final String name;
    final long uid;
    final long gid;
    final String home;

    private BuildUser(String name, long uid, long gid, String home) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
        this.home = home;
    }

    /** {@code uid:gid}, for {@link Build.Launch}. */
    String ids() {
        return uid + ":" + gid;
    }

    static BuildUser resolve(String name) throws InvalidSettingException {
        String property = Setting.BUILD_USER.property();
        if (!name.matches("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}")) {
            throw new InvalidSettingException("Invalid " + property + ": '" + Shown.of(name) + "' is not a user name: set -D"
                    + property + " to the name of an existing user such as builder.");
        }
        if (!Files.isExecutable(Paths.get("/usr/bin/setpriv")) && !Files.isExecutable(Paths.get("/bin/setpriv"))) {
            throw new InvalidSettingException(property + " needs setpriv (Linux, util-linux), which is not installed here:"
                    + " install util-linux, or run the worker without -D" + property + ".");
        }
        if (!isRoot()) {
            throw new InvalidSettingException(property + "=" + name + " needs the worker to run as root (only root may run"
                    + " a build as another user): start the worker as root, or leave " + property + " unset.");
        }
        String line = run("getent", "passwd", name);
        String[] fields = line == null ? new String[0] : line.trim().split(":", -1);
        if (fields.length < 7 || !fields[0].equals(name)) {
            throw new InvalidSettingException("Invalid " + property + ": there is no user " + name + " on this machine: create"
                    + " it (useradd --system " + name + ") or set -D" + property + " to an existing user.");
        }
        long uid;
        long gid;
        try {
            uid = Long.parseLong(fields[2]);
            gid = Long.parseLong(fields[3]);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException("Invalid " + property + ": the user " + name + " has no numeric ID.");
        }
        if (uid == 0) {
            throw new InvalidSettingException("Invalid " + property + "=" + name + ": that is root (UID 0), whose builds could"
                    + " read everything of the worker's: set -D" + property + " to an ordinary user.");
        }
        return new BuildUser(name, uid, gid, fields[5]);
    }

    /** Whether this JVM runs as root (real and effective UID 0, from {@code /proc/self/status}). */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids[0].equals("0") && ids[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return false;
    }

    /** The first line a short command prints, or {@code null} when it fails. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                int read;
                while (out.size() < 64 * 1024 && (read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                }
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
            return text.split("\n", 2)[0];
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Gives {@code path} (and, for a directory, all below it, links as links) to this user. */
    void own(Path path) throws IOException {
        own(path, uid, gid);
    }

    /** Gives {@code path} and all below it (links as links) to {@code uid}:{@code gid}. */
    static void own(Path path, long uid, long gid) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                chown(dir, uid, gid);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chown(file, uid, gid);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void chown(Path path, long uid, long gid) throws IOException {
        Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
    }
}
