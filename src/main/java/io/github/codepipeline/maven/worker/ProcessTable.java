package io.github.codepipeline.maven.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The processes of a build as Linux's {@code /proc} shows them: those in the build's session or process group (the
 * build starts as the leader of its own session, {@code setsid}), and those whose environment holds the build's marker
 * ({@code CODEPIPELINE_BUILD_MARKER}, which a daemon keeps when it leaves the session). A process is named by its PID
 * and its start time, so that a PID the system gave to another process since is never signalled. Elsewhere (no
 * {@code /proc}) it finds nothing, and the worker falls back on the build's descendants ({@link ProcessFamily}).
 */
final class ProcessTable {
    static final String MARKER_VARIABLE = "CODEPIPELINE_BUILD_MARKER";
    private static final Path PROC = Paths.get("/proc");

    /** A process: its PID and start time (clock ticks after boot). */
    static final class Proc {
        final long pid;
        final long start;

        Proc(long pid, long start) {
            this.pid = pid;
            this.start = start;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Proc && ((Proc) other).pid == pid && ((Proc) other).start == start;
        }

        @Override
        public int hashCode() {
            return Objects.hash(pid, start);
        }

        @Override
        public String toString() {
            return Long.toString(pid);
        }
    }

    private ProcessTable() {}

    static boolean supported() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The fields of {@code /proc/<pid>/stat} after the command's name: [0] state, [1] ppid, [2] pgrp, [3] session... */
    private static String[] stat(long pid) {
        try {
            String text = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
                    StandardCharsets.ISO_8859_1);
            int end = text.lastIndexOf(')');
            return end < 0 ? null : text.substring(end + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The process {@code pid} as it is now ({@code null} when gone or a zombie). */
    static Proc of(long pid) {
        String[] stat = stat(pid);
        if (stat == null || stat.length < 20 || stat[0].equals("Z") || stat[0].equals("X")) {
            return null;
        }
        try {
            return new Proc(pid, Long.parseLong(stat[19]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code proc} still runs (the same PID with the same start time, not a zombie). */
    static boolean isAlive(Proc proc) {
        return proc.equals(of(proc.pid));
    }

    /** This JVM. */
    static Proc self() {
        try {
            return of(Long.parseLong(PROC.resolve("self").toRealPath().getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The running processes in session or process group {@code leader}, or whose environment holds
     * {@code MARKER_VARIABLE=marker}; never this JVM.
     */
    static List<Proc> find(long leader, String marker) {
        return find(leader, marker, -1, Collections.<Long>emptyList(), Collections.<String>emptyList());
    }

    /**
     * {@link #find(long, String)}, and with {@code uid} (not -1) every process of that real user ID besides: those of
     * the build user, which a build cannot shed (a daemon that left the session, cleared its environment and was
     * re-parented at once), except those of another running build ({@code otherLeaders}' sessions or process groups,
     * or {@code otherMarkers} in their environment).
     */
    static List<Proc> find(long leader, String marker, long uid, Collection<Long> otherLeaders,
            Collection<String> otherMarkers) {
        List<Proc> found = new ArrayList<>();
        if (!supported()) {
            return found;
        }
        byte[] needle = marker == null ? null : needle(marker);
        List<byte[]> otherNeedles = new ArrayList<>(otherMarkers.size());
        for (String other : otherMarkers) {
            otherNeedles.add(needle(other));
        }
        String leaderId = Long.toString(leader);
        Proc self = self();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (self != null && pid == self.pid) {
                    continue;
                }
                String[] stat = stat(pid);
                if (stat == null || stat.length < 20 || stat[0].equals("Z") || stat[0].equals("X")) {
                    continue;
                }
                boolean ours = leader > 0 && (stat[2].equals(leaderId) || stat[3].equals(leaderId));
                byte[] environ = null; // read once, when a check needs it
                if (!ours && needle != null) {
                    environ = environ(entry.resolve("environ"));
                    ours = environ != null && holds(environ, needle);
                }
                if (!ours && uid >= 0 && uid == realUid(entry)) {
                    if (environ == null && !otherNeedles.isEmpty()) {
                        environ = environ(entry.resolve("environ"));
                    }
                    ours = !otherLeaders.contains(Long.parseLong(stat[2])) && !otherLeaders.contains(Long.parseLong(stat[3]))
                            && !holdsAny(environ, otherNeedles);
                }
                if (ours) {
                    try {
                        found.add(new Proc(pid, Long.parseLong(stat[19])));
                    } catch (NumberFormatException e) {
                        // not a process line we understand
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc went away: nothing found
        }
        return found;
    }

    /** The real user ID of the process ({@code /proc/<pid>/status}, which a process cannot hide), or -1. */
    private static long realUid(Path process) {
        try {
            for (String line : Files.readAllLines(process.resolve("status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Whether {@code environ} (from {@link #environ}; {@code null}: unreadable) holds one of the needles. */
    private static boolean holdsAny(byte[] environ, List<byte[]> needles) {
        for (byte[] each : needles) {
            if (environ != null && holds(environ, each)) {
                return true;
            }
        }
        return false;
    }

    /** {@code MARKER_VARIABLE=marker} as it stands in an environment read by {@link #environ}. */
    private static byte[] needle(String marker) {
        return ("\0" + MARKER_VARIABLE + "=" + marker + "\0").getBytes(StandardCharsets.UTF_8);
    }

    /** The environment of a process, after a leading NUL (so that the first variable matches too); {@code null} if gone. */
    private static byte[] environ(Path environ) {
        try {
            byte[] read = Files.readAllBytes(environ);
            byte[] bytes = new byte[read.length + 1];
            System.arraycopy(read, 0, bytes, 1, read.length);
            return bytes;
        } catch (IOException | RuntimeException e) {
            return null; // gone, or another user's (the worker runs as root when it runs builds as another user)
        }
    }

    private static boolean holds(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code SIGTERM} ({@code kill} false) or {@code SIGKILL} to {@code proc}, if it is still that process. */
    static void signal(Proc proc, boolean kill) {
        if (isAlive(proc)) {
            ProcessFamily.signal(proc.pid, kill);
        }
    }
}
