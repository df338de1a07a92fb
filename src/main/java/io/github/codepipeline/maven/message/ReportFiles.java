package io.github.codepipeline.maven.message;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the Surefire/Failsafe reports ({@code TEST-*.xml}) of this build in the report directories: a report older
 * than the build is stale (an earlier build's) and never blamed.
 */
final class ReportFiles {
    private ReportFiles() {}

    /**
     * The fresh {@code TEST-*.xml} files of the directories, each directory's sorted. Listed and opened as
     * {@link Path}s, which keep a file name's bytes: a name the platform's charset cannot decode (a non-ASCII name
     * under {@code LC_ALL=C}) still opens, where a {@link File} made from the decoded name would not.
     */
    static List<Path> fresh(List<File> directories, long notBefore) {
        List<Path> reports = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (File directory : directories) {
            List<Path> files = new ArrayList<>();
            try {
                Path path = directory.toPath();
                if (!seen.add(path.toAbsolutePath().normalize())) {
                    continue; // listed twice (surefire's and failsafe's default, configured again)
                }
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(path, "TEST-*.xml")) {
                    for (Path file : stream) {
                        files.add(file);
                    }
                }
            } catch (IOException | InvalidPathException | SecurityException e) {
                continue; // missing, unreadable, or a path this platform cannot name: nothing to read there
            }
            Collections.sort(files);
            for (Path file : files) {
                try {
                    // file systems with coarse timestamps: allow two seconds
                    if (Files.getLastModifiedTime(file).toMillis() + 2000 >= notBefore) {
                        reports.add(file);
                    }
                } catch (IOException | SecurityException e) {
                    // gone since the listing: nothing to read
                }
            }
        }
        return reports;
    }
}
