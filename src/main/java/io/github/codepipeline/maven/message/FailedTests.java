package io.github.codepipeline.maven.message;

import java.util.Collections;
import java.util.List;

/** The failing tests found, and how many failing tests the reports hold in all (found or only counted). */
public final class FailedTests {
    private final List<String> tests;
    private final List<Integer> perLine;
    private final int named;
    private final int total;
    private final Counts counts;
    private final FlakyTests flaky;
    private final List<String> selectors;

    FailedTests(TestFailureGroups groups, int total, Counts counts) {
        this(groups, total, counts, new FlakyTests());
    }

    FailedTests(TestFailureGroups groups, int total, Counts counts, FlakyTests flaky) {
        this.flaky = flaky;
        this.selectors = Collections.unmodifiableList(groups.selectors());
        this.tests = Collections.unmodifiableList(groups.lines());
        this.perLine = Collections.unmodifiableList(groups.counts());
        this.named = groups.tests();
        this.total = Math.max(total, named);
        this.counts = counts;
    }

    /** One line per cause, most frequent first ({@link TestFailureGroups}). */
    public List<String> tests() {
        return tests;
    }

    /** How many tests each line of {@link #tests()} stands for. */
    public List<Integer> testsPerLine() {
        return perLine;
    }

    /** All failing tests of the reports: those in {@link #tests()} and those only counted. */
    public int total() {
        return total;
    }

    /** The first few failing tests named, as Surefire's {@code -Dtest} selects them ("" where none can). */
    public List<String> selectors() {
        return selectors;
    }

    /** The tests that failed and then passed on a rerun. */
    public FlakyTests flaky() {
        return flaky;
    }

    /** What the reports count: tests run, failures, errors. */
    public Counts counts() {
        return counts;
    }

    /** The tests the fresh reports ran, failed and errored, from their root elements. */
    public static final class Counts {
        public final int tests;
        public final int failures;
        public final int errors;

        Counts(int tests, int failures, int errors) {
            this.tests = tests;
            this.failures = failures;
            this.errors = errors;
        }

        /** {@code 3 of 412 tests failed (2 failures, 1 error)}, or "" when the reports count no failing test. */
        public String describe() {
            int failing = failures + errors;
            if (failing <= 0) {
                return "";
            }
            String of = tests >= failing ? failing + " of " + tests + (tests == 1 ? " test" : " tests")
                    : failing + (failing == 1 ? " test" : " tests");
            String kinds = failures > 0 && errors > 0
                    ? " (" + plural(failures, "failure") + ", " + plural(errors, "error") + ")"
                    : errors > 0 ? " (" + plural(errors, "error") + ")" : "";
            return of + " failed" + kinds;
        }

        private static String plural(int n, String word) {
            return n + " " + word + (n == 1 ? "" : "s");
        }
    }
}
