package io.github.codepipeline.maven.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A {@link ReportLog} that keeps every line, prefixed with its level ({@code "WARN …"}). */
public final class RecordingLog implements ReportLog {
    final List<String> lines = new ArrayList<>();

    /** The warnings without their level, and the errors as {@code "ERROR …"}: what a check that should only warn said. */
    public List<String> warnings() {
        return lines.stream().filter(l -> l.startsWith("WARN ") || l.startsWith("ERROR "))
                .map(l -> l.startsWith("WARN ") ? l.substring(5) : l).collect(Collectors.toList());
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
        lines.add("ERROR " + message);
    }
}
