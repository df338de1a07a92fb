package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportsTest {
    @TempDir
    Path reports;

    /** A Surefire report of one class with the given {@code <testcase>} elements. */
    static void writeReport(Path directory, String className, String... testcases) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"")
                .append(className).append("\">\n");
        for (String testcase : testcases) {
            xml.append(testcase).append('\n');
        }
        Files.createDirectories(directory);
        Files.write(directory.resolve("TEST-" + className + ".xml"),
                xml.append("</testsuite>\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    static String failing(String className, String method, String message) {
        return "<testcase name=\"" + method + "\" classname=\"" + className + "\"><failure message=\"" + message
                + "\" type=\"org.opentest4j.AssertionFailedError\">org.opentest4j.AssertionFailedError: " + message
                + "\n\tat " + className + "." + method + "(X.java:1)</failure><system-out>noise</system-out></testcase>";
    }

    @Test
    void listsFailuresAndErrorsButNotPassedSkippedOrFlakyTests() throws IOException {
        writeReport(reports, "com.example.CartTest",
                "<testcase name=\"passes\" classname=\"com.example.CartTest\"/>",
                failing("com.example.CartTest", "adds", "sum ==&gt; expected: &lt;4&gt; but was: &lt;5&gt;"),
                "<testcase name=\"skipped\" classname=\"com.example.CartTest\"><skipped message=\"later\"/></testcase>",
                "<testcase name=\"flaky\" classname=\"com.example.CartTest\"><flakyFailure message=\"once\"/></testcase>",
                "<testcase name=\"breaks\" classname=\"com.example.CartTest\">"
                        + "<error message=\"boom&#10;second line\" type=\"java.lang.IllegalStateException\"/></testcase>");

        assertThat(TestReports.failedTests(List.of(reports.toFile()), 0)).containsExactly(
                "CartTest.adds: sum ==> expected: <4> but was: <5>",
                "CartTest.breaks: boom");
    }

    @Test
    void fallsBackToTheStackTraceThenTheTypeThenNothing() throws IOException {
        writeReport(reports, "a.BTest",
                "<testcase name=\"trace\" classname=\"a.BTest\"><failure>\n\njava.lang.AssertionError: no message attribute\n"
                        + "\tat a.BTest.trace</failure></testcase>",
                "<testcase name=\"type\" classname=\"a.BTest\"><error type=\"java.lang.NullPointerException\"/></testcase>",
                "<testcase name=\"bare\" classname=\"a.BTest\"><error/></testcase>",
                "<testcase name=\"\" classname=\"a.BTest\"><error message=\"@BeforeAll failed\"/></testcase>");

        assertThat(TestReports.failedTests(List.of(reports.toFile()), 0)).containsExactly(
                "BTest.trace: java.lang.AssertionError: no message attribute",
                "BTest.type: java.lang.NullPointerException",
                "BTest.bare",
                "BTest: @BeforeAll failed");
    }

    @Test
    void readsEveryDirectoryOnceAndSkipsMissingOnes() throws IOException {
        Path surefire = reports.resolve("surefire-reports");
        Path failsafe = reports.resolve("failsafe-reports");
        writeReport(surefire, "a.UnitTest", failing("a.UnitTest", "one", "unit"));
        writeReport(failsafe, "a.SomeIT", failing("a.SomeIT", "two", "integration"));

        assertThat(TestReports.failedTests(List.of(surefire.toFile(), reports.resolve("missing").toFile(),
                failsafe.toFile(), surefire.toFile()), 0))
                .containsExactly("UnitTest.one: unit", "SomeIT.two: integration");
    }

    @Test
    void ignoresReportsOfAnEarlierBuild() throws IOException {
        writeReport(reports, "a.OldTest", failing("a.OldTest", "old", "stale"));
        writeReport(reports, "a.NewTest", failing("a.NewTest", "fresh", "now"));
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(reports.resolve("TEST-a.OldTest.xml"), FileTime.fromMillis(now - 60_000));

        assertThat(TestReports.failedTests(List.of(reports.toFile()), now - 1000)).containsExactly("NewTest.fresh: now");
    }

    @Test
    void ignoresBrokenFilesOtherFilesAndExternalEntities() throws IOException {
        Files.write(reports.resolve("TEST-half.xml"), "<testsuite><testcase name=\"x\"><fail".getBytes(StandardCharsets.UTF_8));
        Files.write(reports.resolve("a.BTest.txt"), "not a report".getBytes(StandardCharsets.UTF_8));
        Path secret = reports.resolve("secret.txt");
        Files.write(secret, "top secret".getBytes(StandardCharsets.UTF_8));
        Files.write(reports.resolve("TEST-xxe.xml"), ("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY e SYSTEM \""
                + secret.toUri() + "\">]><testsuite><testcase name=\"x\" classname=\"X\"><failure message=\"&e;\"/>"
                + "</testcase></testsuite>").getBytes(StandardCharsets.UTF_8));
        writeReport(reports, "a.GoodTest", failing("a.GoodTest", "good", "still read"));

        assertThat(TestReports.failedTests(List.of(reports.toFile()), 0)).containsExactly("GoodTest.good: still read");
    }

    @Test
    void keepsTextOutsideAsciiAndCleansTheRest() throws IOException {
        writeReport(reports, "a.ÉtéTest", failing("a.ÉtéTest", "中文", "café &#x1F600; tab&#9;cr&#13;"));

        assertThat(TestReports.failedTests(List.of(reports.toFile()), 0)).containsExactly("ÉtéTest.中文: café \uD83D\uDE00 tab cr");
    }

    @Test
    void colourCodesSurefireHadToEscapeAreRemoved() throws IOException {
        // What Surefire writes for "\u001B[31mred\u001B[0m &#65; &#27x": the escape character as the text "&#27;".
        writeReport(reports, "a.ColourTest", failing("a.ColourTest", "red", "&amp;#27;[31mred&amp;#27;[0m &amp;#65; &amp;#27x"));

        assertThat(TestReports.failedTests(List.of(reports.toFile()), 0)).containsExactly("ColourTest.red: red &#65; &#27x");
    }
}
