package com.example.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * Stands in for a big suite, cheaply: writes into Surefire's report folder the 2,000 reports of passing test classes
 * and the report of a chatty class whose first failure is followed by 64 MB of captured output and a second failure,
 * then fails itself.
 */
class BigSuiteTest {
    private static final int PASSING_REPORTS = 2000;
    private static final int OUTPUT_MEGABYTES = 64;

    @Test
    void leavesTheReportsOfABigSuite() throws IOException {
        Path reports = Paths.get("target", "surefire-reports");
        Files.createDirectories(reports);
        for (int i = 0; i < PASSING_REPORTS; i++) {
            String name = String.format("com.example.reports.gen.Passing%04dTest", i);
            StringBuilder xml = new StringBuilder(header(name, 3, 0));
            for (int t = 0; t < 3; t++) {
                xml.append("  <testcase name=\"case").append(t).append("\" classname=\"").append(name)
                        .append("\" time=\"0.001\"/>\n");
            }
            Files.write(reports.resolve("TEST-" + name + ".xml"),
                    xml.append("</testsuite>\n").toString().getBytes(StandardCharsets.UTF_8));
        }
        String chatty = "com.example.reports.gen.ChattyTest";
        StringBuilder line = new StringBuilder();
        while (line.length() < 64 * 1024) {
            line.append("2026-12-01 10:15:30.123 DEBUG [main] com.example.Checkout - basket 4711 <priced> & \"taxed\"\n");
        }
        String block = line.toString();
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(reports.resolve("TEST-" + chatty + ".xml"),
                StandardCharsets.UTF_8), 1 << 16)) {
            out.write(header(chatty, 3, 2));
            out.write("  <testcase name=\"checksOut\" classname=\"" + chatty + "\" time=\"9.5\">\n"
                    + "    <failure message=\"total ==&gt; expected: &lt;200&gt; but was: &lt;500&gt;\""
                    + " type=\"org.opentest4j.AssertionFailedError\">org.opentest4j.AssertionFailedError: total\n"
                    + "\tat com.example.reports.gen.ChattyTest.checksOut(ChattyTest.java:42)\n</failure>\n"
                    + "    <system-out><![CDATA[");
            for (long written = 0; written < (long) OUTPUT_MEGABYTES << 20; written += block.length()) {
                out.write(block);
            }
            out.write("]]></system-out>\n  </testcase>\n"
                    + "  <testcase name=\"refunds\" classname=\"" + chatty + "\" time=\"0.2\">\n"
                    + "    <failure message=\"refund ==&gt; expected: &lt;0&gt; but was: &lt;5&gt;\"/>\n  </testcase>\n"
                    + "  <testcase name=\"prices\" classname=\"" + chatty + "\" time=\"0.1\"/>\n</testsuite>\n");
        }
        assertEquals(PASSING_REPORTS + 1, PASSING_REPORTS, "reports written");
    }

    private static String header(String name, int tests, int failures) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"3.0.2\" name=\"" + name
                + "\" time=\"1.0\" tests=\"" + tests + "\" errors=\"0\" skipped=\"0\" failures=\"" + failures + "\">\n"
                + "  <properties>\n    <property name=\"java.version\" value=\"17\"/>\n  </properties>\n";
    }
}
