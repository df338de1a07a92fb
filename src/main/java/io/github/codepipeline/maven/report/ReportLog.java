package io.github.codepipeline.maven.report;

/** The four log levels the core needs; the Maven adapters map them onto Maven's logger. */
public interface ReportLog {
    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);
}
