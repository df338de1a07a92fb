package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the failing and erroring tests from Surefire/Failsafe XML reports ({@code TEST-*.xml}) by streaming them
 * (StAX), each as {@link TestFailure} says ({@code CartTest.total:18 expected: <42> but was: <41>}), grouped by cause
 * ({@link TestFailureGroups}), and counts the tests the reports ran, failed and errored.
 *
 * <p>Bounded whatever the reports hold, so that composing a message never costs a big build its memory or its
 * time (the budget: a few MB of heap, and time that grows with the number of reports, not their bytes):
 * <ul>
 *   <li>captured output ({@code system-out}, {@code system-err}) streams by, never kept; of a failure's message
 *       the first {@value #MAX_MESSAGE_CHARS} characters are looked at, of its stack trace the first
 *       {@value #MAX_TRACE_CHARS} (where the test class's frame gives the line);</li>
 *   <li>a report whose root counts tests and no failures or errors is not read past its root element (unless the
 *       tests were rerun: then a root counts the last rerun alone); one whose root counts no test is, for the tests
 *       of its {@code @Nested} classes, which such a root does not count (Surefire's {@code Tests run} does), up
 *       to {@link #MAX_SCAN_BYTES} for all of them;</li>
 *   <li>a report is never read past {@link #MAX_REPORT_BYTES}; all failing reports of one call read at most
 *       {@link #MAX_FAILING_REPORT_BYTES} past their root elements;</li>
 *   <li>reading stops once the tests found fill the message's share; the failing tests not read are still
 *       counted, from the reports' root attributes.</li>
 * </ul>
 * A broken, truncated or foreign file gives what it held before the problem; a file that cannot be opened gives
 * nothing; a DTD ends the file (entities are never expanded). Reports are read as UTF-8, what Surefire and
 * Failsafe write.
 */
public final class TestReports {
    /** At most this much of one report is read: past it, the failures it did not show yet are counted, not named. */
    static final long MAX_REPORT_BYTES = 4L << 20;
    /**
     * At most this much of the reports whose roots count no failing test is read past their root elements, for the
     * tests their roots do not count and the flaky ones.
     */
    static final long MAX_SCAN_BYTES = 64L << 20;
    /** At most this much of all failing reports of one call is read past their root elements. */
    static final long MAX_FAILING_REPORT_BYTES = 16L << 20;
    /** Of a failure's message, only this much is looked at. */
    private static final int MAX_MESSAGE_CHARS = 2000;
    /** Of a failure's stack trace, only this much is looked at for the test class's frame. */
    private static final int MAX_TRACE_CHARS = 16 * 1024;
    /** Read past a cut before masking secrets (a PEM key is some 3,300 characters): see {@link #clean}. */
    private static final int REDACTION_MARGIN = 8 * 1024;
    private static final int MAX_TRACE_READ = MAX_TRACE_CHARS + REDACTION_MARGIN;
    private static final Pattern SUREFIRE_CONTROL = Pattern.compile("&(?:amp)?#(\\d{1,2});");

    private TestReports() {}

    /**
     * @param directories report directories; missing ones are ignored
     * @param notBefore only reports written at or after this time (millis) count, so that a stale report of an
     *     earlier build is never blamed; 0 to read all
     * @param share how many characters of tests (each test's text plus 5) fill the message's share; once the tests
     *     found reach it, the remaining failing tests are only counted
     */
    public static FailedTests failedTests(List<File> directories, long notBefore, int share) {
        return failedTests(directories, notBefore, share, Secrets.none());
    }

    /**
     * As {@link #failedTests(List, long, int)}, with {@code secrets} masked in each failure's message and stack trace
     * <em>before</em> anything is cut from them: a secret that crosses a cut would no longer match whole.
     */
    public static FailedTests failedTests(List<File> directories, long notBefore, int share, Secrets secrets) {
        return failedTests(directories, notBefore, share, secrets, false);
    }

    /**
     * As {@link #failedTests(List, long, int, Secrets)}; with {@code reruns} (Surefire or Failsafe rerun failing
     * tests), every report is read past its root, whose counts then are those of the last rerun alone, to count
     * the tests and find the flaky ones.
     */
    public static FailedTests failedTests(List<File> directories, long notBefore, int share, Secrets secrets,
            boolean reruns) {
        Reading reading = new Reading(share, secrets == null ? Secrets.none() : secrets, reruns);
        for (Path file : reports(directories, notBefore)) {
            reading.read(file);
        }
        return new FailedTests(reading.groups, reading.groups.tests() + reading.onlyCounted,
                new FailedTests.Counts(reading.tests, reading.failures, reading.errors), reading.flaky);
    }

    /** How many tests the reports ran, for a success summary: as Surefire's {@code Tests run}. */
    public static int testCount(List<File> directories, long notBefore) {
        return testRun(directories, notBefore, false).counts().tests;
    }

    /** The tests the reports ran, and the flaky ones, for a success summary: no failing test is named. */
    public static FailedTests testRun(List<File> directories, long notBefore, boolean reruns) {
        return failedTests(directories, notBefore, 0, Secrets.none(), reruns);
    }

    /**
     * The fresh {@code TEST-*.xml} files of the directories, each directory's sorted. Listed and opened as
     * {@link Path}s, which keep a file name's bytes: a name the platform's charset cannot decode (a non-ASCII name
     * under {@code LC_ALL=C}) still opens, where a {@link File} made from the decoded name would not.
     */
    private static List<Path> reports(List<File> directories, long notBefore) {
        List<Path> reports = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (File directory : directories) {
            List<Path> files = new ArrayList<>();
            try {
                Path path = directory.toPath();
                if (!seen.add(path.toAbsolutePath().normalize())) {
                    continue; // listed twice (surefire's and failsafe's default, configured again)
                }
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(path, "TEST-*.xml")) {
                    for (Path file : stream) {
                        files.add(file);
                    }
                }
            } catch (IOException | InvalidPathException | SecurityException e) {
                continue; // missing, unreadable, or a path this platform cannot name: nothing to read there
            }
            Collections.sort(files);
            for (Path file : files) {
                try {
                    // file systems with coarse timestamps: allow two seconds
                    if (Files.getLastModifiedTime(file).toMillis() + 2000 >= notBefore) {
                        reports.add(file);
                    }
                } catch (IOException | SecurityException e) {
                    // gone since the listing: nothing to read
                }
            }
        }
        return reports;
    }

    /** One call's reading: the tests found so far and the budgets left. */
    private static final class Reading {
        final TestFailureGroups groups;
        final FlakyTests flaky = new FlakyTests();
        int onlyCounted;
        /** What the reports count, over all reports read. */
        int tests;
        int failures;
        int errors;
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

        Reading(int share, Secrets secrets, boolean reruns) {
            this.groups = new TestFailureGroups(share);
            this.secrets = secrets;
            this.reruns = reruns;
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
                factory = factory == null ? factory() : factory;
                XMLStreamReader xml = factory.createXMLStreamReader(utf8(in));
                try {
                    if (!toRoot(xml)) {
                        return;
                    }
                    rootTests = number(xml, "tests");
                    rootFailures = number(xml, "failures");
                    rootErrors = number(xml, "errors");
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
                        className = attribute(xml, "classname");
                        method = attribute(xml, "name");
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
                                pending = problem(xml, className, method, secrets);
                                depth--; // problem() read up to and including the element's end
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

    /**
     * The failing test of a {@code failure}/{@code error} element: its {@code message} and {@code type} attributes
     * and the start of its text (the stack trace). Reads to the element's end, keeping at most
     * {@link #MAX_TRACE_CHARS} characters of its text.
     */
    private static TestFailure problem(XMLStreamReader xml, String className, String method, Secrets secrets)
            throws XMLStreamException {
        String message = clean(attribute(xml, "message"), MAX_MESSAGE_CHARS, secrets);
        String type = attribute(xml, "type").trim();
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[512];
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (depth == 1 && text.length() < MAX_TRACE_READ
                    && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE)) {
                // Copies at most what is still wanted: a huge text is never turned into a String.
                for (int at = 0; text.length() < MAX_TRACE_READ; ) {
                    int n = xml.getTextCharacters(at, chunk, 0, Math.min(chunk.length, MAX_TRACE_READ - text.length()));
                    if (n <= 0) {
                        break;
                    }
                    text.append(chunk, 0, n);
                    at += n;
                }
            }
        }
        return TestFailure.of(className, method, message, type, clean(text.toString(), MAX_TRACE_CHARS, secrets));
    }

    /**
     * The first {@code max} characters of {@code text}, cleaned, with the secrets masked first: what is masked is
     * read {@value #REDACTION_MARGIN} characters past the cut, so that a secret across it is masked whole.
     */
    private static String clean(String text, int max, Secrets secrets) {
        String start = text.length() > max + REDACTION_MARGIN ? text.substring(0, max + REDACTION_MARGIN) : text;
        String cleaned = Text.clean(unescapeControls(start));
        // Cut here, or read only this far (a stack trace): a secret at the cut is masked from its start.
        String masked = text.length() >= max + REDACTION_MARGIN ? secrets.redactStart(cleaned) : secrets.redact(cleaned);
        return masked.length() > max ? masked.substring(0, max) : masked;
    }

    /** Moves to the root element; {@code false} when there is none (or a DTD comes first, which is refused). */
    private static boolean toRoot(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.DTD) {
                return false;
            }
        }
        return false;
    }

    /** A non-negative number attribute of the current element, or -1 when it is missing or not a number. */
    private static int number(XMLStreamReader xml, String name) {
        try {
            return Math.max(-1, Integer.parseInt(attribute(xml, name).trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String attribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    /**
     * Surefire writes the control characters XML 1.0 cannot hold as the text {@code &#27;}: turn them back into
     * characters, so that {@link Text#clean} removes them with the colour codes they start.
     */
    private static String unescapeControls(String text) {
        Matcher m = SUREFIRE_CONTROL.matcher(text);
        StringBuffer sb = new StringBuffer();
        while (m.find()) {
            int c = Integer.parseInt(m.group(1));
            m.appendReplacement(sb, c < ' ' ? Matcher.quoteReplacement(String.valueOf((char) c)) : "$0");
        }
        return m.appendTail(sb).toString();
    }

    /**
     * DTDs refused and external entities never resolved, as for any XML we read. Where the parser supports it (the
     * JDK's), character data comes in chunks, so that a huge CDATA section of captured output is never held whole;
     * and the JDK's limits on entity sizes, which since JDK 24 count even {@code &lt;} in long captured output,
     * are lifted: without a DTD no entity can be declared, so nothing can expand.
     */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        optional(factory, "jdk.xml.cdataChunkSize", 8192);
        optional(factory, "jdk.xml.maxGeneralEntitySizeLimit", 0);
        optional(factory, "jdk.xml.totalEntitySizeLimit", 0);
        return factory;
    }

    /**
     * Reports are UTF-8, as Surefire and Failsafe write them; bytes that are not become U+FFFD. Decoding here,
     * not in the parser, also keeps the JDK's parser from printing {@code [Fatal Error]} lines on the console for a
     * file that is not text.
     */
    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static void optional(XMLInputFactory factory, String property, Object value) {
        try {
            factory.setProperty(property, value);
        } catch (IllegalArgumentException e) {
            // another StAX implementation (Maven 4 ships Woodstox), or an older JDK: the byte limits still bound the work
        }
    }
}
