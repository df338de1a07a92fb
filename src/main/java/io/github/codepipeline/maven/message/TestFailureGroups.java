package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups failing tests by cause: tests whose type and whole message are the same (once joined into one line) are
 * one line that names them all,
 * {@code NullPointerException: Cannot invoke … — 3 tests: PricingTest.hat:28, PricingTest.shoe:18, …}.
 * The lines come most frequent cause first (first seen first among equals), so that a big regression's message
 * names its few causes, not sixty copies of one.
 *
 * <p>Charges what it keeps against a share of the message: a new cause its whole line, a test that joins a cause
 * its name while the cause's names fit in {@value #MAX_NAMES} characters, and {@value #MIN_COST} otherwise, so that
 * reading a build where thousands of tests fail the same way still ends.
 */
final class TestFailureGroups {
    /** The names of one cause's tests shown at most: past them the count says the rest. */
    static final int MAX_NAMES = 600;
    /** What a test costs the share at least. */
    private static final int MIN_COST = 8;
    static final int MAX_SELECTORS = 4;
    private static final String DASH = " \u2014 ";

    private final Map<String, Group> byCause = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    /** The first few tests kept, as Surefire's {@code -Dtest} selects them ({@code CartTest#total}). */
    private final List<String> selectors = new ArrayList<>();
    private int shareLeft;
    private int tests;

    /** @param share characters of lines (each with 5 for its indent, dash and newline) the groups may fill */
    TestFailureGroups(int share) {
        this.shareLeft = share;
    }

    boolean full() {
        return shareLeft <= 0;
    }

    /** The tests kept (a test listed twice, say the same report in two directories, counts once). */
    int tests() {
        return tests;
    }

    void add(TestFailure failure) {
        if (!seen.add(failure.id + "\n" + failure.line())) {
            return;
        }
        tests++;
        if (selectors.size() < MAX_SELECTORS) {
            selectors.add(failure.selector());
        }
        String cause = failure.cause + failure.runs();
        Group group = byCause.get(cause);
        if (group == null) {
            group = new Group(failure);
            byCause.put(cause, group);
            shareLeft -= failure.line().length() + 5;
            return;
        }
        group.count++;
        if (group.count == 2) {
            // The test's own line becomes the cause's line that names its tests.
            shareLeft -= Math.max(0, group.line().length() - group.first.line().length());
        }
        if (group.names.contains(failure.label())) {
            // Tests that failed in the same place (a @BeforeEach setUp:33): named once, the count says how many.
        } else if (group.namesLength < MAX_NAMES) {
            group.names.add(failure.label());
            group.namesLength += failure.label().length() + 2;
            shareLeft -= failure.label().length() + 2;
        } else {
            group.cut = true;
        }
        shareLeft -= MIN_COST;
    }

    /** The first {@value #MAX_SELECTORS} tests kept, each as {@link TestFailure#selector()}. */
    List<String> selectors() {
        return selectors;
    }

    /** One line per cause, most frequent first. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Group group : ordered()) {
            lines.add(group.line());
        }
        return lines;
    }

    /** How many tests each of {@link #lines()} stands for. */
    List<Integer> counts() {
        List<Integer> counts = new ArrayList<>();
        for (Group group : ordered()) {
            counts.add(group.count);
        }
        return counts;
    }

    private List<Group> ordered() {
        List<Group> groups = new ArrayList<>(byCause.values());
        groups.sort((a, b) -> Integer.compare(b.count, a.count)); // stable: first seen first among equals
        return groups;
    }

    private static final class Group {
        final TestFailure first;
        final List<String> names = new ArrayList<>();
        int namesLength;
        int count = 1;
        /** Some of the tests' names did not fit in {@value #MAX_NAMES} characters. */
        boolean cut;

        Group(TestFailure first) {
            this.first = first;
            names.add(first.label());
            namesLength = first.label().length();
        }

        /** The test's own line, or {@code message — 3 tests: A.x:1, B.y:2, …}. */
        String line() {
            if (count == 1) {
                return first.line();
            }
            StringBuilder line = new StringBuilder(first.text.isEmpty() ? "(no message)" : first.text)
                    .append(DASH).append(count).append(" tests: ");
            line.append(String.join(", ", names));
            if (cut) {
                line.append(", ").append(Text.ELLIPSIS);
            }
            return line.append(first.runs()).toString();
        }
    }
}
