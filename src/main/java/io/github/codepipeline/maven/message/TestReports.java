package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the failing and erroring tests from Surefire/Failsafe XML reports ({@code TEST-*.xml}) by streaming them
 * (StAX), each as {@link TestFailure} says ({@code CartTest.total:18 expected: <42> but was: <41>}), grouped by cause
 * ({@link TestFailureGroups}), and counts the tests the reports ran, failed and errored.
 *
 * <p>Bounded whatever the reports hold, so that composing a message never costs a big build its memory or its
 * time (the budget: a few MB of heap, and time that grows with the number of reports, not their bytes):
 * <ul>
 *   <li>captured output ({@code system-out}, {@code system-err}) streams by, never kept; of a failure's message
 *       the first {@value FailureElement#MAX_MESSAGE_CHARS} characters are looked at, of its stack trace the first
 *       {@value FailureElement#MAX_TRACE_CHARS} (where the test class's frame gives the line);</li>
 *   <li>a report whose root counts tests and no failures or errors is not read past its root element (unless the
 *       tests were rerun: then a root counts the last rerun alone); one whose root counts no test is, for the tests
 *       of its {@code @Nested} classes, which such a root does not count (Surefire's {@code Tests run} does), up
 *       to {@link ReportReader#MAX_SCAN_BYTES} for all of them;</li>
 *   <li>a report is never read past {@link ReportReader#MAX_REPORT_BYTES}; all failing reports of one call read at most
 *       {@link ReportReader#MAX_FAILING_REPORT_BYTES} past their root elements;</li>
 *   <li>reading stops once the tests found fill the message's share; the failing tests not read are still
 *       counted, from the reports' root attributes.</li>
 * </ul>
 * A broken, truncated or foreign file gives what it held before the problem; a file that cannot be opened gives
 * nothing; a DTD ends the file (entities are never expanded). Reports are read as UTF-8, what Surefire and
 * Failsafe write.
 *
 * <p>The parts: which files are this build's reports ({@link ReportFiles}), reading them ({@link ReportReader}, with
 * {@link ReportXml} and {@link FailureElement}), the failing tests as lines ({@link TestFailure},
 * {@link TestFailureGroups}).
 */
public final class TestReports {
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
        ReportReader reader = new ReportReader(share, secrets == null ? Secrets.none() : secrets, reruns);
        for (Path file : ReportFiles.fresh(directories, notBefore)) {
            reader.read(file);
        }
        return reader.result();
    }

    /** How many tests the reports ran, for a success summary: as Surefire's {@code Tests run}. */
    public static int testCount(List<File> directories, long notBefore) {
        return testRun(directories, notBefore, false).counts().tests;
    }

    /** The tests the reports ran, and the flaky ones, for a success summary: no failing test is named. */
    public static FailedTests testRun(List<File> directories, long notBefore, boolean reruns) {
        return failedTests(directories, notBefore, 0, Secrets.none(), reruns);
    }
}
