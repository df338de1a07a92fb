package io.github.codepipeline.maven.report;

import java.util.ArrayList;
import java.util.List;

/** A {@link ReportLog} that keeps every line, prefixed with its level ({@code "WARN …"}). */
final class RecordingLog implements ReportLog {
    final List<String> lines = new ArrayList<>();

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
