package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportsTest {
    private static final int SHARE = 5000;
    /** What reading reports may allocate, whatever their size: the reader's budget, with room for the JIT's noise. */
    private static final long ALLOCATION_BUDGET = 8L << 20;

    @TempDir
    Path reports;

    /** A report of one class with the given {@code <testcase>} elements and no counts on its root (a foreign tool's). */
    static void writeReport(Path directory, String className, String... testcases) throws IOException {
        writeFile(directory, "TEST-" + className + ".xml", "<testsuite name=\"" + className + "\">", testcases);
    }

    /** A report as Surefire writes it: its root counts the tests, failures and errors. */
    static void writeSurefireReport(Path directory, String className, int tests, int failures, int errors,
            String... testcases) throws IOException {
        writeFile(directory, "TEST-" + className + ".xml", root(className, tests, failures, errors), testcases);
    }

    private static String root(String className, int tests, int failures, int errors) {
        return "<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"3.0.2\" name=\"" + className
                + "\" time=\"0.1\" tests=\"" + tests + "\" errors=\"" + errors + "\" skipped=\"0\" failures=\"" + failures
                + "\">\n<properties><property name=\"java.version\" value=\"17\"/></properties>";
    }

    private static void writeFile(Path directory, String fileName, String root, String... testcases) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(root).append('\n');
        for (String testcase : testcases) {
            xml.append(testcase).append('\n');
        }
        Files.createDirectories(directory);
        Files.write(directory.resolve(fileName), xml.append("</testsuite>\n").toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A passing test case that printed {@code megabytes} MB, as Surefire keeps it: in a CDATA section. */
    private static String chatty(String className, String method) {
        return "<testcase name=\"" + method + "\" classname=\"" + className + "\"><system-out><![CDATA[" + OUTPUT_MARK
                + "]]></system-out></testcase>";
    }

    private static final String OUTPUT_MARK = "@OUTPUT@";

    /** Writes the report with {@code megabytes} MB of log lines where {@link #chatty} put its mark. */
    private static Path writeBigReport(Path directory, String className, int megabytes, String root, String... testcases)
            throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(root).append('\n');
        for (String testcase : testcases) {
            xml.append(testcase).append('\n');
        }
        String[] halves = xml.append("</testsuite>\n").toString().split(OUTPUT_MARK, 2);
        Files.createDirectories(directory);
        Path file = directory.resolve("TEST-" + className + ".xml");
        String line = "2026-12-01 10:15:30.123 DEBUG [main] com.example.Service - order 4711 <ok> & \"priced\" café\n";
        StringBuilder block = new StringBuilder();
        while (block.length() < 64 * 1024) {
            block.append(line);
        }
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write(halves[0]);
            for (long written = 0; written < (long) megabytes << 20; written += block.length()) {
                out.write(block.toString());
            }
            out.write(halves[1]);
        }
        return file;
    }

    private static List<String> names(Path directory) {
        return TestReports.failedTests(List.of(directory.toFile()), 0, SHARE).tests();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    static String failing(String className, String method, String message) {
        return "<testcase name=\"" + method + "\" classname=\"" + className + "\"><failure message=\"" + message
                + "\" type=\"org.opentest4j.AssertionFailedError\">org.opentest4j.AssertionFailedError: " + message
                + "\n\tat org.junit.Assert.fail(Assert.java:1)</failure><system-out>noise</system-out></testcase>";
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

        assertThat(names(reports)).containsExactly(
                "CartTest.adds: sum ==> expected: <4> but was: <5>",
                "CartTest.breaks: IllegalStateException: boom second line");
    }

    @Test
    void fallsBackToTheStackTraceThenTheTypeThenNothing() throws IOException {
        writeReport(reports, "a.BTest",
                "<testcase name=\"trace\" classname=\"a.BTest\"><failure>\n\njava.lang.AssertionError: no message attribute\n"
                        + "\tat a.BTest.trace</failure></testcase>",
                "<testcase name=\"type\" classname=\"a.BTest\"><error type=\"java.lang.NullPointerException\"/></testcase>",
                "<testcase name=\"bare\" classname=\"a.BTest\"><error/></testcase>",
                "<testcase name=\"\" classname=\"a.BTest\"><error message=\"@BeforeAll failed\"/></testcase>");

        assertThat(names(reports)).containsExactly(
                "BTest.trace: no message attribute",
                "BTest.type: NullPointerException",
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
                failsafe.toFile(), surefire.toFile()), 0, SHARE).tests())
                .containsExactly("UnitTest.one: unit", "SomeIT.two: integration");
    }

    @Test
    void ignoresReportsOfAnEarlierBuild() throws IOException {
        writeReport(reports, "a.OldTest", failing("a.OldTest", "old", "stale"));
        writeReport(reports, "a.NewTest", failing("a.NewTest", "fresh", "now"));
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(reports.resolve("TEST-a.OldTest.xml"), FileTime.fromMillis(now - 60_000));

        assertThat(TestReports.failedTests(List.of(reports.toFile()), now - 1000, SHARE).tests()).containsExactly("NewTest.fresh: now");
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

        assertThat(names(reports)).containsExactly("GoodTest.good: still read");
    }

    @Test
    void keepsTextOutsideAsciiAndCleansTheRest() throws IOException {
        // An ASCII file name: under LC_ALL=C, Java can name no other (the name's own case is the next test's).
        writeFile(reports, "TEST-a.EteTest.xml", "<testsuite name=\"a.ÉtéTest\">",
                failing("a.ÉtéTest", "中文", "café &#x1F600; tab&#9;cr&#13;"));

        assertThat(names(reports)).containsExactly("ÉtéTest.中文: café \uD83D\uDE00 tab cr");
    }

    @Test
    void colourCodesSurefireHadToEscapeAreRemoved() throws IOException {
        // What Surefire writes for "\u001B[31mred\u001B[0m &#65; &#27x": the escape character as the text "&#27;".
        writeReport(reports, "a.ColourTest", failing("a.ColourTest", "red", "&amp;#27;[31mred&amp;#27;[0m &amp;#65; &amp;#27x"));

        assertThat(names(reports)).containsExactly("ColourTest.red: red &#65; &#27x");
    }

    @Test
    void aFileNameThePlatformCannotDecodeCostsNothing() throws IOException, InterruptedException {
        // "TEST-caf\351.xml": Latin-1, so neither UTF-8 nor ASCII (LC_ALL=C) can decode it. Java cannot create such a
        // name from a String, so the shell does.
        Process sh = new ProcessBuilder("sh", "-c", "printf '%s' \"$1\" > \"$(printf 'TEST-caf\\351.xml')\"", "sh",
                "<testsuite><testcase name=\"latin\" classname=\"a.CafTest\"><failure message=\"read anyway\"/>"
                        + "</testcase></testsuite>").directory(reports.toFile()).redirectErrorStream(true).start();
        assumeThat(sh.waitFor(30, TimeUnit.SECONDS) && sh.exitValue() == 0).as("a POSIX shell made the file").isTrue();
        try (var files = Files.list(reports)) {
            assumeThat(files.count()).as("the file system kept the name").isEqualTo(1);
        }
        writeReport(reports, "a.GoodTest", failing("a.GoodTest", "good", "still read"));

        assertThat(names(reports)).containsExactlyInAnyOrder("CafTest.latin: read anyway", "GoodTest.good: still read");
        assertThat(TestReports.testCount(List.of(reports.toFile()), 0)).isZero(); // no counts on these roots
    }

    @Test
    void capturedOutputIsSkippedWithoutBeingKept() throws IOException {
        Path big = writeBigReport(reports, "a.LoudTest", 48, root("a.LoudTest", 3, 2, 0),
                failing("a.LoudTest", "first", "before the output"),
                chatty("a.LoudTest", "talks"),
                failing("a.LoudTest", "second", "after the output"));
        assertThat(Files.size(big)).isGreaterThan(48L << 20);

        TestReports.failedTests(List.of(reports.toFile()), 0, SHARE); // loads and compiles what reading needs
        long before = allocatedBytes();
        FailedTests tests = TestReports.failedTests(List.of(reports.toFile()), 0, SHARE);
        long allocated = allocatedBytes() - before;

        assertThat(tests.tests()).containsExactly("LoudTest.first: before the output");
        assertThat(tests.total()).as("the one after 48 MB of output: counted from the root, not read").isEqualTo(2);
        assertThat(allocated).as("bytes allocated to read a 48 MB report").isLessThan(ALLOCATION_BUDGET);
    }

    @Test
    void aReportIsReadOnlyUntilItsFailuresAreFound() throws IOException {
        // The usual shape of a chatty failing test: its failure, then its output, then other tests.
        writeBigReport(reports, "a.LoudTest", 48, root("a.LoudTest", 3, 1, 0),
                "<testcase name=\"fails\" classname=\"a.LoudTest\"><failure message=\"boom\"/><system-out><![CDATA["
                        + OUTPUT_MARK + "]]></system-out></testcase>",
                failing("a.LoudTest", "never", "not read: the root counts one failure"));

        long before = allocatedBytes();
        FailedTests tests = TestReports.failedTests(List.of(reports.toFile()), 0, SHARE);
        long allocated = allocatedBytes() - before;

        assertThat(tests.tests()).containsExactly("LoudTest.fails: boom");
        assertThat(tests.total()).isEqualTo(1);
        assertThat(allocated).isLessThan(ALLOCATION_BUDGET);
    }

    @Test
    void allFailingReportsTogetherAreReadOnlyToTheirBudget() throws IOException {
        // Each report's failure comes after 3 MB of output: within one report's limit, but not six times over.
        int reportsOverBudget = (int) (ReportReader.MAX_FAILING_REPORT_BYTES / (3L << 20)) + 1;
        for (int i = 0; i < reportsOverBudget; i++) {
            writeBigReport(reports, "a.Loud" + i + "Test", 3, root("a.Loud" + i + "Test", 2, 1, 0),
                    chatty("a.Loud" + i + "Test", "talks"), failing("a.Loud" + i + "Test", "fails", "late " + i));
        }

        FailedTests tests = TestReports.failedTests(List.of(reports.toFile()), 0, SHARE);

        assertThat(tests.tests()).hasSize(reportsOverBudget - 1).startsWith("Loud0Test.fails: late 0");
        assertThat(tests.total()).isEqualTo(reportsOverBudget);
    }

    @Test
    void tenThousandFailingTestsAreNamedUntilTheShareIsFullAndCountedBeyond() throws IOException {
        String[] cases = new String[10_000];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = failing("a.ManyTest", "test" + i, "value " + i + " ==&gt; expected: &lt;true&gt; but was: &lt;false&gt;");
        }
        writeSurefireReport(reports, "a.ManyTest", 10_000, 10_000, 0, cases);
        writeSurefireReport(reports, "a.OtherTest", 5, 3, 2, failing("a.OtherTest", "x", "counted from the root"));

        FailedTests tests = TestReports.failedTests(List.of(reports.toFile()), 0, SHARE);

        int shown = tests.tests().size();
        assertThat(shown).isBetween(50, 200);
        assertThat(String.join("     ", tests.tests()).length()).isBetween(SHARE - 200, SHARE + 200);
        assertThat(tests.tests().get(shown - 1)).startsWith("ManyTest.test" + (shown - 1) + ": value ");
        assertThat(tests.total()).isEqualTo(10_005);
    }

    @Test
    void aTruncatedReportGivesWhatItHeldAndCountsTheRest() throws IOException {
        writeSurefireReport(reports, "a.CutTest", 3, 3, 0, failing("a.CutTest", "one", "first"),
                failing("a.CutTest", "two", "second"), failing("a.CutTest", "three", "third"));
        Path file = reports.resolve("TEST-a.CutTest.xml");
        String xml = Files.readString(file);
        Files.writeString(file, xml.substring(0, xml.indexOf("name=\"three\"") - 5)); // the writer was killed here

        FailedTests tests = TestReports.failedTests(List.of(reports.toFile()), 0, SHARE);

        assertThat(tests.tests()).containsExactly("CutTest.one: first", "CutTest.two: second");
        assertThat(tests.total()).isEqualTo(3);
    }

    @Test
    void aReportWhoseRootCountsNoFailureIsNotReadFurther() throws IOException {
        writeSurefireReport(reports, "a.PassTest", 1, 0, 0, failing("a.PassTest", "ignored", "the root says it passed"));

        assertThat(TestReports.failedTests(List.of(reports.toFile()), 0, SHARE).total()).isZero();
    }

    @Test
    void hostileXmlNeitherExpandsNorHangsNorBreaksTheOthers() throws IOException {
        // Billion laughs: refused with its DTD, as is any DTD.
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Files.writeString(reports.resolve("TEST-laughs.xml"), laughs.append("]><testsuite failures=\"1\" errors=\"0\">"
                + "<testcase name=\"x\" classname=\"X\"><failure message=\"&l9;\"/></testcase></testsuite>"));
        // 200,000 nested elements: a streaming reader keeps no stack of them.
        Files.writeString(reports.resolve("TEST-deep.xml"), "<testsuite><testcase name=\"deep\" classname=\"D\">"
                + "<a>".repeat(200_000) + "</a>".repeat(200_000) + "<failure message=\"found after the nesting\"/></testcase></testsuite>");
        // A message attribute of 3 MB, on one line: only its start is looked at.
        Files.writeString(reports.resolve("TEST-wide.xml"), "<testsuite><testcase name=\"wide\" classname=\"W\">"
                + "<failure message=\"" + "w".repeat(3 << 20) + "\"/></testcase></testsuite>");
        // Not XML at all, and a foreign root.
        Files.write(reports.resolve("TEST-binary.xml"), new byte[] {0, (byte) 0xFF, (byte) 0xFE, 0x3C, 0x00, 0x7F});
        Files.writeString(reports.resolve("TEST-html.xml"), "<html><body>no report</body></html>");

        List<String> tests = names(reports);

        assertThat(tests).hasSize(2);
        assertThat(tests.get(0)).isEqualTo("D.deep: found after the nesting");
        assertThat(tests.get(1)).startsWith("W.wide: www").hasSizeLessThan(2100);
    }

    @Test
    void theSuccessSummaryCountsTestsFromTheRootsAlone() throws IOException {
        writeSurefireReport(reports, "a.ATest", 7, 0, 0);
        writeBigReport(reports, "a.BTest", 20, root("a.BTest", 5, 0, 0), chatty("a.BTest", "talks"));
        Files.writeString(reports.resolve("TEST-broken.xml"), "<testsuite tests=\"x\"");
        writeReport(reports, "a.NoCountTest", failing("a.NoCountTest", "n", "no tests attribute"));

        long before = allocatedBytes();
        int count = TestReports.testCount(List.of(reports.toFile()), 0);
        long allocated = allocatedBytes() - before;

        assertThat(count).isEqualTo(12);
        assertThat(allocated).isLessThan(ALLOCATION_BUDGET);
    }

    @Test
    void rootCountsAreFoundWhereverTheRootIs() throws IOException {
        // A '>' inside an attribute value, a root behind a long comment, a root in single quotes: all counted alike.
        Files.writeString(reports.resolve("TEST-a.QuoteTest.xml"), "<?xml version='1.0'?>\n<testsuite name='a > b'"
                + " tests='4' failures='1' errors='0'><testcase name='x' classname='a.QuoteTest'><failure message='q'/>"
                + "</testcase></testsuite>");
        Files.writeString(reports.resolve("TEST-a.FarTest.xml"), "<?xml version=\"1.0\"?>\n<!--" + "c".repeat(10_000)
                + "-->\n<testsuite tests=\"6\" failures=\"0\" errors=\"1\"><testcase name=\"y\" classname=\"a.FarTest\">"
                + "<error message=\"far\"/></testcase></testsuite>");

        assertThat(names(reports)).containsExactly("FarTest.y: far", "QuoteTest.x: q");
        assertThat(TestReports.testCount(List.of(reports.toFile()), 0)).isEqualTo(10);
    }

    /**
     * Break guarded: the 4 MiB per-report cap removed (issue 24), which leaves only the 16 MiB budget of all reports.
     * A report between the two, whose failure comes after 6 MB of output: with the cap, that failure is counted from
     * the root, not named; without it, the reader would stream 6 MB of one report to name it.
     */
    @Test
    void aReportBetweenTheOneReportCapAndTheBudgetIsReadOnlyToTheCap() throws IOException {
        Path report = writeBigReport(reports, "a.MidTest", 6, root("a.MidTest", 2, 1, 0),
                chatty("a.MidTest", "talks"), failing("a.MidTest", "late", "after 6 MB"));
        assertThat(Files.size(report)).isBetween(ReportReader.MAX_REPORT_BYTES, ReportReader.MAX_FAILING_REPORT_BYTES);

        FailedTests tests = TestReports.failedTests(List.of(reports.toFile()), 0, SHARE);

        assertThat(tests.tests()).as("named only if read past 4 MiB").isEmpty();
        assertThat(tests.total()).isEqualTo(1);
    }
}
