package io.github.codepipeline.maven.automatic;

import io.github.codepipeline.maven.report.ReportLog;
import org.apache.maven.plugin.logging.Log;
import org.slf4j.Logger;

/** Adapts Maven's loggers (a mojo's {@link Log}, the extension's SLF4J logger) to {@link ReportLog}. */
public final class MavenReportLogs {
    private MavenReportLogs() {}

    public static ReportLog of(Log log) {
        return new ReportLog() {
            @Override
            public void debug(String message) {
                log.debug(message);
            }

            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }
        };
    }

    static ReportLog of(Logger logger) {
        return new ReportLog() {
            @Override
            public void debug(String message) {
                logger.debug(message);
            }

            @Override
            public void info(String message) {
                logger.info(message);
            }

            @Override
            public void warn(String message) {
                logger.warn(message);
            }

            @Override
            public void error(String message) {
                logger.error(message);
            }
        };
    }
}
