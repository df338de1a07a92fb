package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ReportLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * {@code codepipeline.healthFile}: touched (its modification time set, the file made when missing) each time the
 * worker's loop turns, at most twice a second, for a liveness probe ({@code find FILE -mmin -1}, or a probe's age
 * check). A worker whose thread hangs stops touching it. A file that cannot be touched is logged once a minute.
 */
final class HealthFile {
    private static final long EVERY_MILLIS = 500;

    private final Path file;
    private long touched;
    private long problemAt = -120_000;

    HealthFile(Path file) {
        this.file = file;
    }

    void touch(long now, ReportLog log) {
        if (file == null || now - touched < EVERY_MILLIS) {
            return;
        }
        touched = now;
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(now));
            } else {
                Files.write(file, new byte[0]);
            }
        } catch (IOException | RuntimeException e) {
            if (now - problemAt > 60_000) {
                problemAt = now;
                log.warn(JobCalls.PREFIX + "could not touch the health file " + file + " (" + e.getClass().getSimpleName()
                        + "): a liveness probe on it will fail.");
            }
        }
    }
}
