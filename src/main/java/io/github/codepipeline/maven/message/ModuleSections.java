package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The section of a failed module: its name, the goal that failed and its headline, then what explains it, the first
 * of these that applies: a test JVM that died ({@link ForkedJvmCrash}), the failing tests ({@link TestReports}), the compiler errors
 * ({@link CompilerMessages}), or the error's details ({@link ErrorDetails}). Each section's {@link Section#cause} is
 * set ({@link CauseKey}).
 */
final class ModuleSections {
    /** A goal's headline that says it was compiling: kept when compiler errors are found under it. */
    private static final Pattern COMPILE_WORD = Pattern.compile("(?i)compil");

    private final Cleaner cleaner;
    private final Secrets secrets;
    private final ErrorDetails errorDetails;
    private final long buildStartMillis;
    private final int limit;

    /**
     * @param buildStartMillis test reports older than this are stale and ignored (0: read all)
     * @param limit the message's length: the failing tests read are at most what fills it
     */
    ModuleSections(Cleaner cleaner, Secrets secrets, ErrorDetails errorDetails, long buildStartMillis, int limit) {
        this.cleaner = cleaner;
        this.secrets = secrets;
        this.errorDetails = errorDetails;
        this.buildStartMillis = buildStartMillis;
        this.limit = limit;
    }

    /**
     * @param withDetails {@code false}: the header alone, from Maven's exception (no report or compiler error read)
     * @param rerun told of the module, and of its failing tests when they alone are its failure
     */
    Section section(ModuleResult module, boolean withDetails, List<RerunHint.Failed> rerun) {
        Throwable error = module.error();
        List<Throwable> chain = error == null ? Collections.<Throwable>emptyList() : Causes.chain(error);
        Throwable headlineError = Causes.headline(chain);
        String goal = module.goal() == null ? "" : " (" + cleaner.clean(module.goal()) + ")";
        String headlineText = headlineError == null ? "failed"
                : Headline.withoutGoalPrefix(cleaner.clean(Causes.describe(headlineError)));
        String headlineLine = Headline.compact(DetailLines.headline(headlineText));
        String headline = goal + ": " + headlineLine;
        List<String> texts = texts(chain, module.longMessage());
        String crash = ForkedJvmCrash.describe(texts, module.testReportDirectories(), buildStartMillis);
        if (crash != null) {
            // One line with the facts; Maven's text has the fork's command line and Surefire's stack frames.
            headline = goal + ": " + cleaner.clean(crash);
        }
        String plainGoal = withoutExecution(module.goal());
        boolean failsafe = plainGoal != null && (plainGoal.contains("failsafe") || plainGoal.endsWith(":integration-test"));
        if (!withDetails) {
            rerun.add(new RerunHint.Failed(module.name(), null, failsafe));
            return CauseKey.withCause(new Section(cleaner.clean(module.name()), headline), module.name());
        }
        FailedTests tests = isTestGoal(plainGoal)
                ? TestReports.failedTests(module.testReportDirectories(), buildStartMillis, limit, secrets,
                        module.testReruns())
                : null;
        rerun.add(new RerunHint.Failed(module.name(), crash == null ? tests : null, failsafe));
        if (crash != null) {
            Section section = new Section(cleaner.clean(module.name()), headline);
            if (tests != null && !tests.tests().isEmpty()) {
                testDetails(section, tests);
            }
            return CauseKey.withCause(section, module.name());
        }
        if (tests != null && !tests.tests().isEmpty()) {
            String counts = withFlaky(tests.counts().describe(), tests.flaky());
            Section section = new Section(cleaner.clean(module.name()), counts.isEmpty() ? headline : goal + ": " + counts);
            testDetails(section, tests);
            return CauseKey.withCause(section, module.name());
        }
        List<String> compilerErrors = CompilerMessages.errors(texts);
        if (!compilerErrors.isEmpty() && !COMPILE_WORD.matcher(headlineLine).find()) {
            // gmavenplus wraps the compiler's errors in its own words ("Error occurred while calling a method on a
            // Groovy class from classpath."), which say nothing of what failed.
            headline = goal + ": Compilation failure";
        }
        Section section = new Section(cleaner.clean(module.name()), headline);
        if (!compilerErrors.isEmpty()) {
            section.compilerErrors = cleaner.clean(compilerErrors);
            section.details(section.compilerErrors, null, "error", CompilerCauses.MAX_ERRORS_SHOWN,
                    compilerErrors.size());
        } else {
            List<String> other = errorDetails.lines(headlineText, chain, headlineError, module.longMessage());
            int notKept = errorDetails.addGoalLines(other, module.goalLines(), headlineText);
            section.details(cleaner.clean(other), null, "line", ErrorDetails.MAX_LINES, other.size() + notKept);
            section.pinLast = !other.isEmpty() && other.size() <= ErrorDetails.MAX_LINES
                    && DetailLines.isFixLine(other.get(other.size() - 1));
        }
        return CauseKey.withCause(section, module.name());
    }

    /** The failing tests as the section's details. */
    private void testDetails(Section section, FailedTests tests) {
        section.details(cleaner.clean(tests.tests()), tests.testsPerLine(), "test", tests.tests().size(), tests.total());
    }

    /** {@code 1 of 3 tests failed; 2 flaky (passed on a rerun): …}: the flaky tests follow the counts. */
    private String withFlaky(String counts, FlakyTests flaky) {
        String line = flaky.describe();
        return counts.isEmpty() || line.isEmpty() ? counts : counts + "; " + cleaner.clean(line);
    }

    /**
     * Test reports explain a failure of the goal ({@code plugin:goal}) that ran the tests, not a later one (say a coverage check after
     * {@code -Dmaven.test.failure.ignore}); an unknown goal gets the benefit of the doubt.
     */
    private static boolean isTestGoal(String goal) {
        return goal == null || goal.contains("surefire") || goal.contains("failsafe") || goal.endsWith(":test")
                || goal.endsWith(":integration-test");
    }

    /** {@code plugin:goal} of {@code plugin:goal@execution}. */
    private static String withoutExecution(String goal) {
        return goal == null || goal.indexOf('@') < 0 ? goal : goal.substring(0, goal.indexOf('@'));
    }

    /** Every message of the chain, and the long message, cleaned. */
    private List<String> texts(List<Throwable> chain, String longMessage) {
        List<String> texts = new ArrayList<>();
        for (Throwable t : chain) {
            texts.add(cleaner.clean(Causes.describe(t)));
        }
        if (longMessage != null) {
            texts.add(cleaner.clean(longMessage));
        }
        return texts;
    }
}
