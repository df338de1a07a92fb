package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report's counts are read from the head of its root element without an XML parser where that can be done: what the
 * parser would refuse before the root (a byte order mark) does not lose them, a quoted "&gt;" does not end the root
 * early, and a root too long for the head is left to the parser. Public API only.
 */
class ReportRootTest {
    @TempDir
    Path reports;

    private int testCount(String content) throws IOException {
        Files.write(reports.resolve("TEST-a.ATest.xml"), content.getBytes(StandardCharsets.UTF_8));
        return TestReports.testCount(List.of(reports.toFile()), 0);
    }

    private FailedTests failed(String content) throws IOException {
        Files.write(reports.resolve("TEST-a.ATest.xml"), content.getBytes(StandardCharsets.UTF_8));
        return TestReports.failedTests(List.of(reports.toFile()), 0, 5000);
    }

    @Test
    void countsFollowAByteOrderMarkAndADeclarationThatTheParserRefuses() throws IOException {
        assertThat(testCount("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n  "
                + "<testsuite name=\"a.ATest\" tests=\"7\" failures=\"0\" errors=\"0\"></testsuite>")).isEqualTo(7);
        assertThat(testCount("<?xml version=\"1.0\"?><!-- run 1 -->\n<testsuite tests=\"5\"></testsuite>")).isEqualTo(5);
    }

    @Test
    void singleQuotesSpacesAndAQuotedGreaterThanSign() throws IOException {
        assertThat(testCount("<testsuite name='a>b \"c\"' tests = '12' failures='0' errors='0'></testsuite>")).isEqualTo(12);
        assertThat(testCount("<testsuite name=\"x > y\" tests=\"3\"></testsuite>")).isEqualTo(3);
    }

    @Test
    void aRootLongerThanTheHeadIsLeftToTheParser() throws IOException {
        assertThat(testCount("<testsuite name=\"" + "n".repeat(5000) + "\" tests=\"9\" failures=\"0\" errors=\"0\"></testsuite>"))
                .isEqualTo(9);
    }

    @Test
    void anUnclosedDeclarationOrCommentOrADoctypeOrTextGiveNoCount() throws IOException {
        assertThat(testCount("<?xml version=\"1.0\"")).isZero();
        assertThat(testCount("<!-- never closed <testsuite tests=\"4\">")).isZero();
        assertThat(testCount("<!DOCTYPE testsuite><testsuite tests=\"4\"></testsuite>")).isZero();
        assertThat(testCount("tests=\"4\"")).isZero();
        assertThat(testCount("")).isZero();
    }

    @Test
    void aRootWithoutErrorsCountIsReadForItsFailures() throws IOException {
        FailedTests tests = failed("<testsuite tests=\"2\" failures=\"1\">"
                + "<testcase classname=\"a.ATest\" name=\"ok\"/>"
                + "<testcase classname=\"a.ATest\" name=\"bad\"><failure message=\"boom\"/></testcase></testsuite>");

        assertThat(tests.tests()).containsExactly("ATest.bad: boom");
        assertThat(tests.total()).isEqualTo(1);
    }

    @Test
    void aPassingRootBehindAByteOrderMarkIsNotParsed() throws IOException {
        FailedTests tests = failed("\uFEFF<testsuite tests=\"1\" failures=\"0\" errors=\"0\">"
                + "<testcase classname=\"a.ATest\" name=\"looks\"><failure message=\"stale\"/></testcase></testsuite>");

        assertThat(tests.tests()).isEmpty();
        assertThat(tests.total()).isZero();
    }
}
