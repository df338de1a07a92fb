package io.github.codepipeline.maven.report;

import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The file in which a build run by the job worker ({@code mvn codepipeline:work}) records what it reported, so that the
 * worker reports only for a build that did not: one line per event, {@code success <jobId>}, {@code failure <jobId>},
 * {@code exists <jobId>} (the job had a result already) or {@code output <artifact name>} (an uploaded output artifact).
 * The worker names the file in the build's environment ({@code CODEPIPELINE_RESULT_FILE}); a build without a worker
 * has none and records nothing. Appends one short line per write, so a build killed mid-way leaves whole lines.
 */
public final class ResultRecord {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String EXISTS = "exists";
    public static final String OUTPUT = "output";
    /** More is not a record a build of ours wrote: read no further. */
    private static final long MAX_BYTES = 64 * 1024;

    private ResultRecord() {}

    /** The file {@code CODEPIPELINE_RESULT_FILE} (or {@code -Dcodepipeline.resultFile}) names, or {@code null}. */
    public static Path file(SettingSources sources) {
        String name = sources.get(Setting.RESULT_FILE);
        try {
            return name == null ? null : Paths.get(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Appends {@code kind value} to {@code file}; does nothing when {@code file} is {@code null}. Never throws. */
    public static void write(Path file, String kind, String value, ReportLog log) {
        if (file == null) {
            return;
        }
        String line = kind + " " + (value == null ? "" : value.replace('\n', ' ').replace('\r', ' ')) + "\n";
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.warn(JobCalls.PREFIX + "could not record the result for the job worker in " + file + " (" + e.getClass().getSimpleName()
                    + "); the worker may report this job a second time, which CodePipeline refuses.");
        }
    }

    /** The recorded lines, or none when the file does not exist or cannot be read. */
    public static List<String> read(Path file) {
        try {
            if (file == null || !Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Collections.emptyList();
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
                if (!line.trim().isEmpty()) {
                    lines.add(line.trim());
                }
            }
            return lines;
        } catch (IOException e) {
            return Collections.emptyList();
        }
    }
}
