package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Writes the failure message a person reads in the CodePipeline console: a summary line, then each failed
 * module in reactor order with the goal that failed, its cause, and its failing tests or compiler errors.
 *
 * <p>Failed modules with the same cause (the same goal, header and details once the module's own name, paths and
 * source positions are taken out: say 40 modules broken by one API change) share one section that names them all
 * and shows the cause once.
 *
 * <p>The result is clean (no ANSI codes or control characters), redacted (no secrets) and always within the
 * API's 1-5000 characters. When the details do not fit, every failed module keeps its header line and the
 * remaining room is shared fairly (modules that need little get all they need, the rest split what is left);
 * a detail line that must be cut ends after a whole word with {@code …}, and what is left out is counted.
 *
 * <p>The work is bounded whatever the input: test reports are streamed and read only as far as the message can
 * use ({@link TestReports}), and of each exception message or long message only the first
 * {@value #MAX_TEXT} characters are looked at.
 */
public final class FailureMessageComposer {
    /** The API's limit for {@code FailureDetails.message}. */
    public static final int MAX_LENGTH = 5000;
    /** The message when nothing more can be said. */
    public static final String FALLBACK = "Maven build failed.";

    private static final int MAX_SUMMARY = 600;
    /** Up to this many skipped modules are named; more are counted. */
    private static final int MAX_SKIPPED_NAMED = 5;
    /** How much of one exception message or long message is looked at. */
    static final int MAX_TEXT = 64 * 1024;
    /** Read past {@link #MAX_TEXT} before redacting, so that a secret across the cut is still masked whole. */
    private static final int REDACTION_MARGIN = 16 * 1024;
    /** Other plugins' details get the room the message has left, up to this many lines. */
    private static final int MAX_OTHER_LINES = 200;
    /** The first few compiler errors say what is wrong; the rest are mostly their consequences. */
    private static final int MAX_COMPILER_ERRORS = 10;
    private static final int MAX_EXTERNAL_ID_IN_FOOTER = 300;
    private static final Pattern GOAL_PREFIX = Pattern.compile("^Failed to execute goal .*? on project [^:]+: ");
    /** A goal's headline that says it was compiling: kept when compiler errors are found under it. */
    private static final Pattern COMPILE_WORD = Pattern.compile("(?i)compil");
    /** A compiler error's source position, as the details show it ({@code Cart.java:[5,9]}): where, not what. */
    private static final Pattern SOURCE_POSITION = Pattern.compile("[^\\s/\\\\]+\\.(?:java|kt|groovy|scala):\\[\\d+,\\d+\\]");
    /** A file path or URL path ({@code /home/ci/work/api/target}, {@code C:\\work\\api}): where, not what. */
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[/\\\\][^/\\\\\\s:;,'\"()\\[\\]<>]+)+[/\\\\]?");

    private final Secrets secrets;
    private final String externalExecutionId;
    private final long buildStartMillis;
    private final int limit;
    /** The message's last line, naming Maven's and Java's versions; "" for none. */
    private String environment = "";
    /** The session's goals and phases, for the line that says how to rerun ({@link RerunHint}); {@code null}: none. */
    private List<String> goals;

    /**
     * @param secrets values to mask wherever they appear
     * @param externalExecutionId the CI run to point to when the message is cut, or {@code null}
     * @param buildStartMillis test reports older than this are stale and ignored (0: read all)
     */
    public FailureMessageComposer(Secrets secrets, String externalExecutionId, long buildStartMillis) {
        this(secrets, externalExecutionId, buildStartMillis, MAX_LENGTH);
    }

    FailureMessageComposer(Secrets secrets, String externalExecutionId, long buildStartMillis, int limit) {
        this.secrets = secrets == null ? Secrets.none() : secrets;
        this.externalExecutionId = externalExecutionId;
        this.buildStartMillis = buildStartMillis;
        this.limit = limit;
    }

    /**
     * Ends the message with {@code Maven 3.9.9, Java 17.0.12}: versions explain environment failures.
     *
     * @param mavenVersion Maven's version, or {@code null} when unknown
     * @param javaVersion the build JVM's version, or {@code null} when unknown
     */
    public FailureMessageComposer withVersions(String mavenVersion, String javaVersion) {
        String maven = mavenVersion == null || mavenVersion.trim().isEmpty() ? "" : "Maven " + mavenVersion.trim();
        String java = javaVersion == null || javaVersion.trim().isEmpty() ? "" : "Java " + javaVersion.trim();
        environment = Text.cut(clean(maven + (maven.isEmpty() || java.isEmpty() ? "" : ", ") + java), 100);
        return this;
    }

    /**
     * Adds the line that says how to pick the build up where it failed ({@link RerunHint}), just before the versions
     * line, when it applies and the message has room for it.
     *
     * @param sessionGoals the goals and phases the build ran ({@code clean verify}), or {@code null} for no such line
     */
    public FailureMessageComposer withRerun(List<String> sessionGoals) {
        goals = sessionGoals == null ? null : new ArrayList<>(sessionGoals);
        return this;
    }

    /**
     * @param modules the reactor in build order
     * @param otherErrors failures that belong to no module (for example a reactor that could not be built)
     */
    public String compose(List<ModuleResult> modules, List<Throwable> otherErrors) {
        return compose(modules, otherErrors, true);
    }

    /**
     * The summary and each failed module's header line only, from Maven's exceptions: no test report or compiler
     * error is read. What is reported when composing the details failed (say it ran out of memory).
     */
    public String headlines(List<ModuleResult> modules, List<Throwable> otherErrors) {
        return compose(modules, otherErrors, false);
    }

    /**
     * {@link #compose}; should that fail, even for want of memory or stack, {@link #headlines}, and should that
     * fail too, {@link #FALLBACK}. Never throws.
     *
     * @param leftOut told what made the details be left out, when they were
     */
    public String composeOrHeadlines(List<ModuleResult> modules, List<Throwable> otherErrors, Consumer<Throwable> leftOut) {
        try {
            return compose(modules, otherErrors);
        } catch (RuntimeException | Error e) {
            // Nothing of the attempt is referenced any more: what it took can be collected for what follows.
            String message;
            try {
                message = headlines(modules, otherErrors);
            } catch (RuntimeException | Error again) {
                message = FALLBACK;
            }
            leftOut.accept(e);
            return message;
        }
    }

    private String compose(List<ModuleResult> modules, List<Throwable> otherErrors, boolean withDetails) {
        List<ModuleResult> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ModuleResult module : modules) {
            if (module.status() == ModuleResult.Status.FAILED) {
                failed.add(module);
            } else if (module.status() == ModuleResult.Status.SKIPPED) {
                skipped.add(clean(module.name()));
            }
        }
        List<Section> sections = new ArrayList<>();
        Map<String, Section> byCause = new HashMap<>();
        List<RerunHint.Failed> rerun = new ArrayList<>();
        for (ModuleResult module : failed) {
            Section section = moduleSection(module, withDetails, rerun);
            Section same = withDetails ? byCause.get(section.cause) : null;
            if (same != null) {
                same.names.add(section.names.get(0));
            } else {
                byCause.put(section.cause, section);
                sections.add(section);
            }
        }
        if (withDetails) {
            mergeCompilerCauses(sections);
        }
        for (Throwable error : otherErrors) {
            Section section = errorSection(error, withDetails);
            // The summary says a build's only error already: its section keeps the details alone.
            section.headerless = failed.isEmpty() && otherErrors.size() == 1 && withDetails && !section.details.isEmpty();
            sections.add(section);
        }
        String summary = clip(summary(modules.size(), failed, skipped, otherErrors), MAX_SUMMARY);
        return MessageFit.fit(summary, sections, rerunLine(modules, rerun, !otherErrors.isEmpty()), environment,
                footer(), limit);
    }

    /** The line that says how to rerun, cleaned; "" when there is none or redaction would change it. */
    private String rerunLine(List<ModuleResult> modules, List<RerunHint.Failed> failed, boolean otherErrors) {
        List<String> reactor = new ArrayList<>(modules.size());
        for (ModuleResult module : modules) {
            reactor.add(module.name());
        }
        String line = RerunHint.line(goals, reactor, failed, otherErrors);
        return clean(line).equals(line) ? line : "";
    }

    /**
     * Compile failures of several modules with the same causes ({@link CompilerCauses}), in different classes and
     * places, become one section that lists each cause once with every place it was found.
     */
    private static void mergeCompilerCauses(List<Section> sections) {
        Map<String, List<Section>> byCauses = new LinkedHashMap<>();
        for (Section section : sections) {
            if (section.compilerErrors != null) {
                String key = section.rest() + "\n" + String.join("\n", CompilerCauses.causes(section.compilerErrors));
                byCauses.computeIfAbsent(key, k -> new ArrayList<>()).add(section);
            }
        }
        for (List<Section> same : byCauses.values()) {
            if (same.size() < 2) {
                continue;
            }
            Section first = same.get(0);
            List<String> names = new ArrayList<>();
            List<List<String>> errors = new ArrayList<>();
            for (Section section : same) {
                names.add(section.names.get(0));
                errors.add(section.compilerErrors);
                if (section != first) {
                    first.names.addAll(section.names);
                    sections.remove(section);
                }
            }
            List<String> lines = CompilerCauses.merged(names, errors);
            first.details(lines, null, "cause", MAX_COMPILER_ERRORS, lines.size());
        }
    }

    /** Cleans, redacts and fits a message given verbatim (the explicit goal's {@code codepipeline.message}). */
    public String plain(String message) {
        String cleaned = secrets.redact(Text.clean(message)).trim();
        if (cleaned.isEmpty()) {
            return "";
        }
        if (cleaned.length() <= limit) {
            return cleaned;
        }
        String footer = footer();
        return Text.truncate(cleaned, limit - footer.length() - 1) + "\n" + footer;
    }

    private String summary(int total, List<ModuleResult> failed, List<String> skipped, List<Throwable> otherErrors) {
        if (failed.isEmpty()) {
            if (otherErrors.isEmpty()) {
                return FALLBACK;
            }
            return "Maven build failed: " + Text.firstLine(clean(Causes.describe(headline(Causes.chain(otherErrors.get(0))))));
        }
        if (total == 1) {
            return "Maven build failed in module " + clean(failed.get(0).name());
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < failed.size(); i++) {
            String name = clean(failed.get(i).name());
            if (names.length() + name.length() > 300) {
                names.append(", ").append(Text.ELLIPSIS);
                break;
            }
            names.append(i == 0 ? "" : ", ").append(name);
        }
        return "Maven build failed: " + failed.size() + " of " + total + " modules failed (" + names + ")"
                + skipped(skipped);
    }

    /** {@code ; 2 skipped (delta, echo)}: the skipped modules named when there are a few, else counted. */
    private static String skipped(List<String> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        String count = "; " + skipped.size() + " skipped";
        String names = String.join(", ", skipped);
        return skipped.size() <= MAX_SKIPPED_NAMED && names.length() <= 200 ? count + " (" + names + ")" : count;
    }

    /** @param rerun told of the module, and of its failing tests when they alone are its failure */
    private Section moduleSection(ModuleResult module, boolean withDetails, List<RerunHint.Failed> rerun) {
        Throwable error = module.error();
        List<Throwable> chain = error == null ? Collections.<Throwable>emptyList() : Causes.chain(error);
        Throwable headlineError = headline(chain);
        String goal = module.goal() == null ? "" : " (" + clean(module.goal()) + ")";
        String headlineText = headlineError == null ? "failed" : stripGoalPrefix(clean(Causes.describe(headlineError)));
        String headlineLine = Headline.compact(DetailLines.headline(headlineText));
        String headline = goal + ": " + headlineLine;
        String crash = ForkedJvmCrash.describe(texts(chain, module.longMessage()), module.testReportDirectories(),
                buildStartMillis);
        if (crash != null) {
            // One line with the facts; Maven's text has the fork's command line and Surefire's stack frames.
            headline = goal + ": " + clean(crash);
        }
        boolean failsafe = module.goal() != null
                && (module.goal().contains("failsafe") || module.goal().endsWith(":integration-test"));
        if (!withDetails) {
            rerun.add(new RerunHint.Failed(module.name(), null, failsafe));
            return withCause(new Section(clean(module.name()), headline), module.name());
        }
        FailedTests tests = isTestGoal(module.goal())
                ? TestReports.failedTests(module.testReportDirectories(), buildStartMillis, limit, secrets,
                        module.testReruns())
                : null;
        rerun.add(new RerunHint.Failed(module.name(), crash == null ? tests : null, failsafe));
        if (crash != null) {
            Section section = new Section(clean(module.name()), headline);
            if (tests != null && !tests.tests().isEmpty()) {
                section.details(cleaned(tests.tests()), tests.testsPerLine(), "test", tests.tests().size(), tests.total());
            }
            return withCause(section, module.name());
        }
        if (tests != null && !tests.tests().isEmpty()) {
            String counts = withFlaky(tests.counts().describe(), tests.flaky());
            Section section = new Section(clean(module.name()), counts.isEmpty() ? headline : goal + ": " + counts);
            section.details(cleaned(tests.tests()), tests.testsPerLine(), "test", tests.tests().size(), tests.total());
            return withCause(section, module.name());
        }
        List<String> compilerErrors = compilerErrors(chain, module.longMessage());
        if (!compilerErrors.isEmpty() && !COMPILE_WORD.matcher(headlineLine).find()) {
            // gmavenplus wraps the compiler's errors in its own words ("Error occurred while calling a method on a
            // Groovy class from classpath."), which say nothing of what failed.
            headline = goal + ": Compilation failure";
        }
        Section section = new Section(clean(module.name()), headline);
        if (!compilerErrors.isEmpty()) {
            section.compilerErrors = cleaned(compilerErrors);
            section.details(section.compilerErrors, null, "error", MAX_COMPILER_ERRORS, compilerErrors.size());
        } else {
            List<String> other = otherDetails(headlineText, chain, headlineError, module.longMessage());
            int notKept = addGoalLines(other, module.goalLines(), headlineText);
            section.details(cleaned(other), null, "line", MAX_OTHER_LINES, other.size() + notKept);
            section.pinLast = !other.isEmpty() && other.size() <= MAX_OTHER_LINES
                    && DetailLines.isFixLine(other.get(other.size() - 1));
        }
        return withCause(section, module.name());
    }

    /** {@code 1 of 3 tests failed; 2 flaky (passed on a rerun): …}: the flaky tests follow the counts. */
    private String withFlaky(String counts, FlakyTests flaky) {
        String line = flaky.describe();
        return counts.isEmpty() || line.isEmpty() ? counts : counts + "; " + clean(line);
    }

    private List<String> cleaned(List<String> lines) {
        List<String> cleaned = new ArrayList<>(lines.size());
        for (String line : lines) {
            cleaned.add(clean(line));
        }
        return cleaned;
    }

    /**
     * Test reports explain a failure of the goal that ran the tests, not a later one (say a coverage check after
     * {@code -Dmaven.test.failure.ignore}); an unknown goal gets the benefit of the doubt.
     */
    private static boolean isTestGoal(String goal) {
        return goal == null || goal.contains("surefire") || goal.contains("failsafe") || goal.endsWith(":test")
                || goal.endsWith(":integration-test");
    }

    private Section errorSection(Throwable error, boolean withDetails) {
        List<Throwable> chain = Causes.chain(error);
        Throwable headlineError = headline(chain);
        String text = stripGoalPrefix(clean(Causes.describe(headlineError)));
        Section section = new Section("Error", ": " + DetailLines.headline(text));
        if (withDetails) {
            List<String> other = otherDetails(text, chain, headlineError, null);
            section.details(cleaned(other), null, "line", MAX_OTHER_LINES, other.size());
        }
        return section;
    }

    /** The exception that says what failed: the first below Maven's lifecycle wrapper. */
    private static Throwable headline(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (!Causes.isNamed(t, "LifecycleExecutionException")) {
                return t;
            }
        }
        return chain.isEmpty() ? null : chain.get(0);
    }

    /** The rest of the headline's text, Maven's long message where it adds to it, and the root cause. */
    private List<String> otherDetails(String headlineText, List<Throwable> chain, Throwable headlineError,
            String longMessage) {
        Set<String> lines = new LinkedHashSet<>();
        String firstLine = Text.firstLine(headlineText);
        DetailLines.add(lines, headlineText, firstLine);
        if (longMessage != null) {
            DetailLines.add(lines, stripGoalPrefix(clean(longMessage)), firstLine);
        }
        if (!chain.isEmpty()) {
            Throwable root = chain.get(chain.size() - 1);
            if (root != headlineError) {
                String rootText = Text.firstLine(clean(Causes.describe(root)));
                if (!headlineText.contains(rootText)) {
                    lines.add("caused by: " + Text.firstLine(clean(Causes.describeWithType(root))));
                }
            }
        }
        return new ArrayList<>(lines);
    }

    /**
     * Adds the failed goal's own ERROR and WARNING lines that its exception does not say ({@link GoalLines});
     * returns how many it printed beyond what was kept.
     */
    private int addGoalLines(List<String> other, GoalLines goalLines, String headlineText) {
        if (goalLines == null) {
            return 0;
        }
        Set<String> lines = new LinkedHashSet<>(other);
        int notKept = goalLines.addTo(lines, DetailLines.withoutDirectories(headlineText + "\n" + String.join("\n", other)), this::clean);
        other.clear();
        other.addAll(lines);
        return notKept;
    }

    /** {@code File.java:[line,col] message; symbol: ...} from every message in the chain, first seen first. */
    private List<String> compilerErrors(List<Throwable> chain, String longMessage) {
        return CompilerMessages.errors(texts(chain, longMessage));
    }

    /** Every message of the chain, and the long message, cleaned. */
    private List<String> texts(List<Throwable> chain, String longMessage) {
        List<String> texts = new ArrayList<>();
        for (Throwable t : chain) {
            texts.add(clean(Causes.describe(t)));
        }
        if (longMessage != null) {
            texts.add(clean(longMessage));
        }
        return texts;
    }

    private String footer() {
        if (externalExecutionId != null && !externalExecutionId.isEmpty()
                && externalExecutionId.length() <= MAX_EXTERNAL_ID_IN_FOOTER) {
            return Text.ELLIPSIS + " (truncated; the full log is in CI run " + Text.firstLine(clean(externalExecutionId)) + ")";
        }
        return Text.ELLIPSIS + " (truncated; the full log is in the CI run's output)";
    }

    /** Cleaned and redacted; of a huge text only the first {@value #MAX_TEXT} characters. */
    private String clean(String text) {
        boolean cut = text != null && text.length() > MAX_TEXT + REDACTION_MARGIN;
        if (cut) {
            text = text.substring(0, MAX_TEXT + REDACTION_MARGIN);
        }
        String cleaned = cut ? secrets.redactStart(Text.clean(text)) : secrets.redact(Text.clean(text));
        return cleaned.length() > MAX_TEXT ? cleaned.substring(0, MAX_TEXT) : cleaned;
    }

    private static String clip(String text, int max) {
        return Text.cut(text, max);
    }

    /**
     * What makes two failed modules' causes the same: the goal, header and details with the module's own name
     * (as written, and as packages spell it: {@code shop-api}, {@code shopapi}, {@code shop.api}, {@code shop_api}),
     * paths and compiler source positions taken out.
     */
    private static String causeKey(String text, String moduleName) {
        String key = text;
        if (moduleName != null && !moduleName.isEmpty()) {
            Set<String> spellings = new LinkedHashSet<>(Arrays.asList(moduleName, moduleName.replaceAll("[-_.]", ""),
                    moduleName.replaceAll("[-_.]", "."), moduleName.replaceAll("[-_.]", "_")));
            for (String spelling : spellings) {
                if (!spelling.isEmpty()) {
                    key = Pattern.compile("(?<![\\p{Alnum}])" + Pattern.quote(spelling) + "(?![\\p{Alnum}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(key).replaceAll("\u0000module");
                }
            }
        }
        key = SOURCE_POSITION.matcher(key).replaceAll("\u0000source");
        return PATH.matcher(key).replaceAll("\u0000path");
    }

    /** Sets the section's {@link Section#cause}: its header after the name, and its details, as {@link #causeKey} says. */
    private static Section withCause(Section section, String moduleName) {
        StringBuilder text = new StringBuilder(section.rest()).append('\n').append(section.omitted());
        for (String line : section.details) {
            text.append('\n').append(line);
        }
        section.cause = causeKey(text.toString(), moduleName);
        return section;
    }

    private static String stripGoalPrefix(String text) {
        return GOAL_PREFIX.matcher(text).replaceFirst("");
    }
}
