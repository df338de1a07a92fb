package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A big build's reports under a small heap: 2,000 Surefire reports and one with 64 MB of captured output, read by a
 * Maven with {@code -Xmx96m} (a DOM of that report alone would need more). The failure is reported, and Maven still
 * prints its own error.
 */
class BigReportsIT extends EndpointSupport {
    @Test
    void aBigSuitesReportsAreReadInASmallHeapAndMavensOwnErrorStays() throws IOException {
        MavenBuild build = build("big-reports", "bigReports").mavenOpts("-Xmx96m");
        Path bigReport = build.directory().resolve("target/surefire-reports/TEST-com.example.reports.gen.ChattyTest.xml");
        try {
            MavenBuild.Result result = build.args("verify").run();

            assertThat(Files.size(bigReport)).as("the report with the captured output").isGreaterThan(64L << 20);
            assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
            assertThat(result.lines("[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin"))
                    .as(result.toString()).singleElement().asString()
                    .endsWith("on project shop-reports: There are test failures.");
            assertThat(result.log).doesNotContain("OutOfMemoryError", "Java heap space", "left out", "failed unexpectedly");
            assertThat(endpoint.requests()).as(result.toString()).hasSize(1);
            assertThat(FailureReportIT.message(endpoint.bodies(FAILURE).get(0))).matches(
                    "Maven build failed in module shop-reports\n"
                            + "shop-reports \\(maven-surefire-plugin:test\\): 3 of 6004 tests failed\n"
                            + "  - BigSuiteTest\\.leavesTheReportsOfABigSuite:59 reports written ==> expected: <2001> but was: <2000>\n"
                            + "  - ChattyTest\\.checksOut:42 total ==> expected: <200> but was: <500>\n"
                            + "  \u2026 1 more test\n"
                            + "Maven \\d[^,\n]*, Java \\d[^\n]*");
        } finally {
            Files.deleteIfExists(bigReport); // 64 MB nobody needs once the test has run
        }
    }
}
