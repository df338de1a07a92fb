package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The message's line that says how to pick the build up where it failed, as Maven's own "After correcting the
 * problems, you can resume the build with the command {@code mvn <args> -rf :core}" does:
 *
 * <ul>
 *   <li>{@code Rerun the failed tests: mvn verify -pl :core -Dtest=PricesTest#discount+total,CartTest#total} when the
 *       build failed in one module, on its tests alone, and at most {@value #MAX_TESTS} tests failed, each one that a
 *       plain {@code -Dtest} selector names ({@code -Dit.test} for Failsafe; no {@code -pl} in a one-module build);</li>
 *   <li>{@code Resume the build: mvn verify -rf :core} otherwise, when the build has several modules and the first
 *       that failed, in the reactor's order, is not the reactor's first (Maven prints its own line only then:
 *       resuming from the first module is building again; Maven 3.8 under {@code -T} names the module that failed
 *       first in time, which can skip an earlier failed one);</li>
 *   <li>no line in every other case: a build that failed before any module ran, a one-module build whose failure is
 *       not a few tests, a module name that is not a plain artifactId or not unique in the reactor (Maven would name
 *       it {@code groupId:artifactId}), goals that are not plain goal or phase names.</li>
 * </ul>
 *
 * <p>The command is made of the session's goals and phases, the module's artifactId and the test names only: never
 * of the build's other arguments, which may hold secrets in {@code -D} values (and profiles or options the person
 * adds back, as Maven's {@code <args>} asks them to).
 */
final class RerunHint {
    /** At most this many failing tests are named in a {@code -Dtest} selector. */
    static final int MAX_TESTS = TestFailureGroups.MAX_SELECTORS;
    /** A longer line is left out: it would be a command line nobody reads. */
    static final int MAX_LINE = 300;
    private static final int MAX_GOALS = 200;
    /** A goal or phase as typed: {@code verify}, {@code surefire:test}, {@code org.example:tool:1.0:run@ci}. */
    private static final Pattern GOAL = Pattern.compile("[A-Za-z0-9_.:@+-]+");
    /** An artifactId as Maven's model validator allows it. */
    private static final Pattern ARTIFACT_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private RerunHint() {}

    /** What the line is made of for one failed module. */
    static final class Failed {
        final String module;
        /** The module's failing tests when its failure is tests alone, else {@code null}. */
        final FailedTests tests;
        /** The failing goal ran Failsafe ({@code -Dit.test} selects its tests). */
        final boolean failsafe;

        Failed(String module, FailedTests tests, boolean failsafe) {
            this.module = module;
            this.tests = tests;
            this.failsafe = failsafe;
        }
    }

    /**
     * @param goals the session's goals and phases as typed ({@code clean verify}), or {@code null} when unknown
     * @param reactor every module's artifactId, in build order
     * @param failed the failed modules, in build order
     * @param otherErrors whether the build also failed outside of any module
     * @return the line, or "" for none
     */
    static String line(List<String> goals, List<String> reactor, List<Failed> failed, boolean otherErrors) {
        if (goals == null || failed.isEmpty() || otherErrors) {
            return "";
        }
        StringBuilder command = new StringBuilder("mvn");
        int goalsLength = 0;
        for (String goal : goals) {
            if (goal == null || !GOAL.matcher(goal).matches()) {
                return "";
            }
            goalsLength += goal.length() + 1;
            command.append(' ').append(goal);
        }
        if (goalsLength > MAX_GOALS) {
            return "";
        }
        Failed first = failed.get(0);
        if (!ARTIFACT_ID.matcher(first.module).matches() || reactor.indexOf(first.module) != reactor.lastIndexOf(first.module)) {
            return "";
        }
        String line = "";
        String tests = failed.size() == 1 ? selector(first.tests) : "";
        if (!tests.isEmpty()) {
            line = "Rerun the failed tests: " + command + (reactor.size() > 1 ? " -pl :" + first.module : "")
                    + (first.failsafe ? " -Dit.test=" : " -Dtest=") + tests;
        } else if (reactor.size() > 1 && !reactor.get(0).equals(first.module)) {
            line = "Resume the build: " + command + " -rf :" + first.module;
        }
        return line.length() <= MAX_LINE ? line : "";
    }

    /**
     * {@code PricesTest#discount+total,CartTest#total}: Surefire's selector of every failing test, or "" when there
     * are none, too many, or one that no plain selector names (a {@code @Nested} class, a name with spaces).
     */
    static String selector(FailedTests tests) {
        if (tests == null || tests.total() == 0 || tests.total() > MAX_TESTS || tests.selectors().size() != tests.total()) {
            return "";
        }
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (String selector : tests.selectors()) {
            int hash = selector.indexOf('#');
            if (hash <= 0) {
                return "";
            }
            methods.computeIfAbsent(selector.substring(0, hash), k -> new LinkedHashSet<>()).add(selector.substring(hash + 1));
        }
        List<String> classes = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : methods.entrySet()) {
            classes.add(entry.getKey() + "#" + String.join("+", entry.getValue()));
        }
        return String.join(",", classes);
    }
}
