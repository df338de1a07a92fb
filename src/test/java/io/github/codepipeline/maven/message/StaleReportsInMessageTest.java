package io.github.codepipeline.maven.message;

import static io.github.codepipeline.maven.message.TestReportsTest.failing;
import static io.github.codepipeline.maven.message.TestReportsTest.writeReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composer passes the build's start to the report reader: a report an earlier build left is never blamed. */
class StaleReportsInMessageTest {
    @TempDir
    Path work;

    /**
     * Break guarded: the composer passing 0 instead of {@code buildStartMillis} to {@code TestReports.failedTests}
     * (every other composer test starts the build at 0). The stale report then showed up as
     * {@code - OldTest.old: stale}.
     */
    @Test
    void aReportOlderThanTheBuildIsNotInTheMessage() throws IOException {
        Path reports = work.resolve("core/target/surefire-reports");
        writeReport(reports, "com.example.OldTest", failing("com.example.OldTest", "old", "stale"));
        writeReport(reports, "com.example.NewTest", failing("com.example.NewTest", "fresh", "now"));
        long start = System.currentTimeMillis();
        Files.setLastModifiedTime(reports.resolve("TEST-com.example.OldTest.xml"), FileTime.fromMillis(start - 60_000));
        ModuleResult module = ModuleResult.failed("core", "maven-surefire-plugin:test",
                new MojoFailureException("There are test failures."), null, List.of(reports.toFile()));

        String message = new FailureMessageComposer(Secrets.none(), null, start - 1000).compose(List.of(module), List.of());

        assertThat(message).isEqualTo("Maven build failed in module core\n"
                + "core (maven-surefire-plugin:test): There are test failures.\n"
                + "  - NewTest.fresh: now");
        assertThat(new FailureMessageComposer(Secrets.none(), null, 0).compose(List.of(module), List.of()))
                .as("read from the start of time, the old report counts").contains("OldTest.old: stale");
    }
}
