package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the reports of one call, one after the other, by streaming them (StAX): counts their tests, failures and
 * errors, names the failing tests ({@link FailureElement}) into their groups ({@link TestFailureGroups}) until the
 * message's share is full, and finds the flaky ones ({@link FlakyTests}); within the byte budgets below, as
 * {@link TestReports} says.
 */
final class ReportReader {
    /** At most this much of one report is read: past it, the failures it did not show yet are counted, not named. */
    static final long MAX_REPORT_BYTES = 4L << 20;
    /**
     * At most this much of the reports whose roots count no failing test is read past their root elements, for the
     * tests their roots do not count and the flaky ones.
     */
    static final long MAX_SCAN_BYTES = 64L << 20;
    /** At most this much of all failing reports of one call is read past their root elements. */
    static final long MAX_FAILING_REPORT_BYTES = 16L << 20;

    private final TestFailureGroups groups;
    private final FlakyTests flaky = new FlakyTests();
    private int onlyCounted;
    /** What the reports count, over all reports read. */
    private int tests;
    private int failures;
    private int errors;
    private XMLInputFactory factory;
    private long bytesLeft = MAX_FAILING_REPORT_BYTES;
    private long scanBytesLeft = MAX_SCAN_BYTES;
    /** In the report being read: its test cases, failing ones (named or not) and errors among them. */
    private int cases;
    private int found;
    private int foundErrors;
    /** The failing test being read, named once its reruns are counted; how many runs it failed. */
    private TestFailure pending;
    private int runs;

    private final Secrets secrets;
    private final boolean reruns;

    ReportReader(int share, Secrets secrets, boolean reruns) {
        this.groups = new TestFailureGroups(share);
        this.secrets = secrets;
        this.reruns = reruns;
    }

    /** The failing tests found and counted, what the reports count, and the flaky tests: of all reports read. */
    FailedTests result() {
        return new FailedTests(groups, groups.tests() + onlyCounted, new FailedTests.Counts(tests, failures, errors), flaky);
    }

    private void count(int tests, int failures, int errors) {
        this.tests += Math.max(0, tests);
        this.failures += Math.max(0, failures);
        this.errors += Math.max(0, errors);
    }

    void read(Path file) {
        ReportRoot root = ReportRoot.of(file);
        // A root that counts no test may still hold some: that of a JUnit 5 class whose @Nested classes ran
        // (Surefire counts their tests in the innermost class that finished first, and writes them all in the
        // outer class's report). After reruns, a root counts the last rerun alone.
        boolean trusted = root != null && root.tests > 0 && root.failing() >= 0 && !reruns;
        boolean failing = root == null || root.failing() != 0;
        long budget = failing ? bytesLeft : scanBytesLeft;
        if (trusted && (root.failing() == 0 || groups.full() || budget <= 0) || root != null && budget <= 0) {
            count(root.tests, root.failures, root.errors);
            onlyCounted += Math.max(0, root.failing()); // passing, or counted from its root: no parser needed
            return;
        }
        long limit = Math.min(MAX_REPORT_BYTES, Math.max(0, budget));
        int rootTests = -1;
        int rootFailures = -1;
        int rootErrors = -1;
        cases = 0;
        found = 0;
        foundErrors = 0;
        pending = null;
        CappedInputStream in = null;
        long rootBytes = 0;
        try {
            in = new CappedInputStream(Files.newInputStream(file), MAX_REPORT_BYTES);
            factory = factory == null ? ReportXml.factory() : factory;
            XMLStreamReader xml = factory.createXMLStreamReader(ReportXml.utf8(in));
            try {
                if (!ReportXml.toRoot(xml)) {
                    return;
                }
                rootTests = ReportXml.number(xml, "tests");
                rootFailures = ReportXml.number(xml, "failures");
                rootErrors = ReportXml.number(xml, "errors");
                // What the root took is not charged to the budget; the rest, up to the limit, is.
                rootBytes = in.count();
                in.limit(rootBytes + limit);
                if (limit > 0) {
                    testcases(xml);
                }
            } finally {
                xml.close();
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // Broken, truncated, cut at the byte limit, or not a report: keep what it gave before the problem.
        } finally {
            flush(); // a report cut short still names the failing test it was reading
            if (in != null) {
                long read = Math.max(0, in.count() - rootBytes);
                if (failing) {
                    bytesLeft -= read;
                } else {
                    scanBytesLeft -= read;
                }
                in.closeQuietly();
            }
            // What the test cases show, or what the root counts where it says more (a report cut short).
            int failed = Math.max(found, Math.max(0, rootFailures) + Math.max(0, rootErrors));
            int errored = Math.max(foundErrors, Math.max(0, rootErrors));
            if (rootTests < 0) {
                count(-1, rootFailures, rootErrors); // a root without counts (not Surefire's): none are made up
            } else {
                count(Math.max(cases, rootTests), failed - errored, errored);
            }
            onlyCounted += failed - found;
        }
    }

    private void flush() {
        if (pending != null) {
            groups.add(pending.withRuns(runs));
            pending = null;
        }
    }

    /**
     * Reads the {@code testcase} elements after the root to the end: counts them, and the failing ones in
     * {@link #found}, naming these until the share is full, with how many runs they failed (a {@code failure}
     * or {@code error} and its {@code rerunFailure}/{@code rerunError} siblings); a test that passed after
     * {@code flakyFailure}/{@code flakyError} runs is flaky.
     */
    private void testcases(XMLStreamReader xml) throws XMLStreamException {
        String className = null;
        String method = null;
        int testcaseDepth = -1;
        boolean problemSeen = false;
        boolean flakyRun = false;
        int depth = 1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                if ("testcase".equals(name) && testcaseDepth < 0) {
                    testcaseDepth = depth;
                    className = ReportXml.attribute(xml, "classname");
                    method = ReportXml.attribute(xml, "name");
                    problemSeen = false;
                    flakyRun = false;
                    cases++;
                } else if (depth == testcaseDepth + 1) {
                    if (!problemSeen && ("failure".equals(name) || "error".equals(name))) {
                        problemSeen = true;
                        runs = 1;
                        found++;
                        foundErrors += "error".equals(name) ? 1 : 0;
                        if (!groups.full()) {
                            pending = FailureElement.read(xml, className, method, secrets);
                            depth--; // FailureElement.read took the element up to and including its end
                        } else {
                            onlyCounted++;
                        }
                    } else if ("rerunFailure".equals(name) || "rerunError".equals(name)) {
                        runs++;
                    } else if ("flakyFailure".equals(name) || "flakyError".equals(name)) {
                        flakyRun = true;
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == testcaseDepth) {
                    testcaseDepth = -1;
                    flush();
                    if (!problemSeen && flakyRun) {
                        flaky.add(className, method);
                    }
                }
                depth--;
            } else if (event == XMLStreamConstants.DTD) {
                throw new XMLStreamException("a DTD: refused");
            }
            // Everything else (captured output, properties, stack traces of reruns) streams by unread.
        }
    }
}
