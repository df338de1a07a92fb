package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
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
    private static final int MAX_HEADER = 400;
    /** The module names of a shared cause's header: every one, unless there are hundreds. */
    private static final int MAX_GROUP_NAMES = 2000;
    /** How much of one exception message or long message is looked at. */
    static final int MAX_TEXT = 64 * 1024;
    /** Read past {@link #MAX_TEXT} before redacting, so that a secret across the cut is still masked whole. */
    private static final int REDACTION_MARGIN = 16 * 1024;
    /** A cut detail line shows at least this much of its start; less is left out (and counted). */
    private static final int MIN_CUT_LINE = 30;
    private static final int MAX_DETAIL_LINE = 500;
    private static final int MAX_OTHER_LINES = 8;
    /** The first few compiler errors say what is wrong; the rest are mostly their consequences. */
    private static final int MAX_COMPILER_ERRORS = 10;
    private static final int MAX_DISTINCT_COMPILER_ERRORS = 1000;
    private static final int MAX_EXTERNAL_ID_IN_FOOTER = 300;
    private static final String INDENT = "  ";
    private static final Pattern COMPILER_ERROR = Pattern.compile(
            "^\\s*(?:\\[ERROR\\]\\s*)?(?:.*[/\\\\])?([^/\\\\\\s]+\\.(?:java|kt|groovy|scala)):\\[(\\d+),(\\d+)\\]\\s*(.*)$");
    private static final Pattern GOAL_PREFIX = Pattern.compile("^Failed to execute goal .*? on project [^:]+: ");
    /** A compiler error's source position, as the details show it ({@code Cart.java:[5,9]}): where, not what. */
    private static final Pattern SOURCE_POSITION = Pattern.compile("[^\\s/\\\\]+\\.(?:java|kt|groovy|scala):\\[\\d+,\\d+\\]");
    /** A file path or URL path ({@code /home/ci/work/api/target}, {@code C:\\work\\api}): where, not what. */
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[/\\\\][^/\\\\\\s:;,'\"()\\[\\]<>]+)+[/\\\\]?");
    /** Lines Maven adds that tell a console reader nothing. */
    private static final Pattern NOISE = Pattern.compile(
            "^(Please refer to .*|See .* for the individual test results\\.?|See dump files .*|-> \\[Help \\d+].*"
                    + "|\\[Help \\d+].*|To see the full stack trace.*|Re-run Maven.*|For more information about the errors.*"
                    + "|After correcting the problems.*|mvn <args> -rf .*)$");

    private final Secrets secrets;
    private final String externalExecutionId;
    private final long buildStartMillis;
    private final int limit;

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
        int skipped = 0;
        for (ModuleResult module : modules) {
            if (module.status() == ModuleResult.Status.FAILED) {
                failed.add(module);
            } else if (module.status() == ModuleResult.Status.SKIPPED) {
                skipped++;
            }
        }
        List<Section> sections = new ArrayList<>();
        Map<String, Section> byCause = new HashMap<>();
        for (ModuleResult module : failed) {
            Section section = moduleSection(module, withDetails);
            Section same = withDetails ? byCause.get(section.cause) : null;
            if (same != null) {
                same.names.add(section.names.get(0));
            } else {
                byCause.put(section.cause, section);
                sections.add(section);
            }
        }
        for (Throwable error : otherErrors) {
            sections.add(errorSection(error, withDetails));
        }
        String summary = clip(summary(modules.size(), failed, skipped, otherErrors), MAX_SUMMARY);
        return fit(summary, sections);
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

    private String summary(int total, List<ModuleResult> failed, int skipped, List<Throwable> otherErrors) {
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
                + (skipped > 0 ? "; " + skipped + " skipped" : "");
    }

    private Section moduleSection(ModuleResult module, boolean withDetails) {
        Throwable error = module.error();
        List<Throwable> chain = error == null ? Collections.<Throwable>emptyList() : Causes.chain(error);
        Throwable headlineError = headline(chain);
        String goal = module.goal() == null ? "" : " (" + module.goal() + ")";
        String headlineText = headlineError == null ? "failed" : stripGoalPrefix(clean(Causes.describe(headlineError)));
        Section section = new Section(clean(module.name()), goal + ": " + Text.firstLine(headlineText));
        if (!withDetails) {
            return section.withCause(module.name());
        }
        TestReports.FailedTests tests = isTestGoal(module.goal())
                ? TestReports.failedTests(module.testReportDirectories(), buildStartMillis, limit)
                : null;
        if (tests != null && !tests.tests().isEmpty()) {
            section.details(tests.tests(), "test", tests.tests().size(), tests.total());
        } else {
            List<String> compilerErrors = compilerErrors(chain, module.longMessage());
            if (!compilerErrors.isEmpty()) {
                section.details(compilerErrors, "error", MAX_COMPILER_ERRORS, compilerErrors.size());
            } else {
                List<String> other = otherDetails(headlineText, chain, headlineError, module.longMessage());
                section.details(other, "line", MAX_OTHER_LINES, other.size());
            }
        }
        return section.withCause(module.name());
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
        Section section = new Section("Error", ": " + Text.firstLine(text));
        if (withDetails) {
            List<String> other = otherDetails(text, chain, headlineError, null);
            section.details(other, "line", MAX_OTHER_LINES, other.size());
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
        addLines(lines, headlineText, firstLine);
        if (longMessage != null) {
            addLines(lines, stripGoalPrefix(clean(longMessage)), firstLine);
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

    private static void addLines(Set<String> lines, String text, String skip) {
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.equals(skip) && !NOISE.matcher(trimmed).matches()) {
                lines.add(trimmed);
            }
        }
    }

    /**
     * {@code File.java:[line,col] message; symbol: ...} from every message in the chain, first seen first (at most
     * {@value #MAX_DISTINCT_COMPILER_ERRORS}: enough to show ten and count the rest).
     */
    private List<String> compilerErrors(List<Throwable> chain, String longMessage) {
        Set<String> errors = new LinkedHashSet<>();
        for (int t = 0; t <= chain.size() && errors.size() < MAX_DISTINCT_COMPILER_ERRORS; t++) {
            String text = t < chain.size() ? clean(Causes.describe(chain.get(t))) : longMessage == null ? "" : clean(longMessage);
            List<String> lines = Arrays.asList(text.split("\n"));
            for (int i = 0; i < lines.size() && errors.size() < MAX_DISTINCT_COMPILER_ERRORS; i++) {
                Matcher m = COMPILER_ERROR.matcher(lines.get(i));
                if (!m.matches()) {
                    continue;
                }
                StringBuilder error = new StringBuilder(m.group(1)).append(":[").append(m.group(2)).append(',')
                        .append(m.group(3)).append("] ").append(m.group(4).trim());
                // javac's indented continuation lines ("symbol: class Foo", "location: ...") say what is missing.
                for (int j = i + 1; j < lines.size() && j <= i + 3; j++) {
                    String next = lines.get(j);
                    if (next.isEmpty() || !Character.isWhitespace(next.charAt(0)) || COMPILER_ERROR.matcher(next).matches()) {
                        break;
                    }
                    error.append("; ").append(next.trim().replaceAll("\\s+", " "));
                }
                errors.add(error.toString());
            }
        }
        return new ArrayList<>(errors);
    }

    private String fit(String summary, List<Section> sections) {
        StringBuilder sb = new StringBuilder(summary);
        int whole = summary.length();
        for (Section section : sections) {
            whole += section.header().length() + 1 + section.detailsLength();
        }
        if (whole <= limit) {
            for (Section section : sections) {
                section.appendWithin(sb, Integer.MAX_VALUE);
            }
            return sb.toString();
        }
        String footer = footer();
        // Fixed part: summary, one header per section, the footer; each line costs its length plus a newline.
        int fixed = summary.length() + footer.length() + 1;
        for (Section section : sections) {
            fixed += section.header().length() + 1;
        }
        if (fixed > limit) {
            return fitHeadersOnly(summary, sections, footer);
        }
        int[] allowance = share(sections, limit - fixed);
        int unused = 0;
        for (int i = 0; i < sections.size(); i++) {
            // What a cut section cannot use (its next line did not fit whole) goes to the sections after it.
            unused += allowance[i] - sections.get(i).appendWithin(sb, allowance[i] + unused);
        }
        sb.append('\n').append(footer);
        return Text.truncate(sb.toString(), limit); // a guard: the arithmetic above already fits
    }

    /** Water-filling: each section gets what it needs up to an equal share of what the smaller ones left over. */
    private static int[] share(List<Section> sections, int room) {
        int[] allowance = new int[sections.size()];
        Integer[] order = new Integer[sections.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(sections.get(a).detailsLength(), sections.get(b).detailsLength()));
        int left = room;
        for (int k = 0; k < order.length; k++) {
            int fairShare = left / (order.length - k);
            int need = sections.get(order[k]).detailsLength();
            allowance[order[k]] = Math.min(need, fairShare);
            left -= allowance[order[k]];
        }
        return allowance;
    }

    /** So many failed modules that even their header lines do not fit: name as many as fit, count the rest. */
    private String fitHeadersOnly(String summary, List<Section> sections, String footer) {
        StringBuilder sb = new StringBuilder(summary);
        for (int i = 0; i < sections.size(); i++) {
            String more = "\n" + Text.ELLIPSIS + " " + (sections.size() - i) + " more failed modules\n" + footer;
            Section section = sections.get(i);
            String header = clip(section.header(), section.names.size() > 1 ? 600 : 120);
            if (sb.length() + header.length() + 1 + more.length() > limit) {
                sb.append(more);
                return Text.truncate(sb.toString(), limit);
            }
            sb.append('\n').append(header);
        }
        return Text.truncate(sb.append('\n').append(footer).toString(), limit);
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
        if (text != null && text.length() > MAX_TEXT + REDACTION_MARGIN) {
            text = text.substring(0, MAX_TEXT + REDACTION_MARGIN);
        }
        String cleaned = secrets.redact(Text.clean(text));
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

    private static String stripGoalPrefix(String text) {
        return GOAL_PREFIX.matcher(text).replaceFirst("");
    }

    /**
     * One failed module, several with the same cause, or a module-less error: a header that always stays, and
     * details that may be cut.
     */
    private final class Section {
        /** The module (or modules) it is about; "Error" for a module-less error. */
        final List<String> names = new ArrayList<>();
        /** The header after the names: {@code " (goal): headline"}. */
        private final String rest;
        final List<String> details = new ArrayList<>();
        /** What the details count ("test", "error", "line"). */
        private String unit = "line";
        /** Details beyond the section's cap or never read: not shown, only counted. */
        private int omitted;
        /** Equal for modules with the same cause (see {@link #causeKey}). */
        String cause;

        Section(String name, String rest) {
            this.names.add(name);
            this.rest = rest;
        }

        /**
         * @param lines the details found
         * @param max how many of them may be shown
         * @param total how many there are in all, those not found included
         */
        void details(List<String> lines, String countedUnit, int max, int total) {
            for (String line : lines.subList(0, Math.min(max, lines.size()))) {
                details.add(INDENT + "- " + clip(clean(line), MAX_DETAIL_LINE));
            }
            unit = countedUnit;
            omitted = Math.max(0, total - details.size());
        }

        Section withCause(String moduleName) {
            StringBuilder text = new StringBuilder(rest).append('\n').append(omitted);
            for (String line : details) {
                text.append('\n').append(line);
            }
            cause = causeKey(text.toString(), moduleName);
            return this;
        }

        /** {@code name (goal): headline}, or for a shared cause {@code a, b, c (goal): headline}. */
        String header() {
            if (names.size() == 1) {
                return clip(names.get(0) + rest, MAX_HEADER);
            }
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                String more = ", " + Text.ELLIPSIS + " " + (names.size() - i) + " more modules";
                if (i > 0 && all.length() + 2 + names.get(i).length() + (i < names.size() - 1 ? more.length() : 0)
                        > MAX_GROUP_NAMES) {
                    all.append(more);
                    break;
                }
                all.append(i == 0 ? "" : ", ").append(names.get(i));
            }
            return all + clip(rest, MAX_HEADER);
        }

        /** The length of all details with their newlines, the cap's marker included. */
        int detailsLength() {
            int length = omitted > 0 ? marker(omitted).length() + 1 : 0;
            for (String line : details) {
                length += line.length() + 1;
            }
            return length;
        }

        /**
         * Appends the header and as many details as {@code allowance} allows: whole lines, then the start of the
         * next one cut after a whole word, then the count of what is left; returns the details' length.
         */
        int appendWithin(StringBuilder sb, int allowance) {
            sb.append('\n').append(header());
            int start = sb.length();
            if (detailsLength() <= allowance) {
                for (String line : details) {
                    sb.append('\n').append(line);
                }
                if (omitted > 0) {
                    sb.append('\n').append(marker(omitted));
                }
                return sb.length() - start;
            }
            int shown = 0;
            // Each line must leave room for the marker that counts what is left after it.
            while (shown < details.size() && sb.length() - start + details.get(shown).length() + 1
                    + markerLength(details.size() - shown - 1 + omitted) <= allowance) {
                sb.append('\n').append(details.get(shown++));
            }
            if (shown < details.size()) {
                int room = allowance - (sb.length() - start) - 1 - markerLength(details.size() - shown - 1 + omitted);
                if (room >= MIN_CUT_LINE) {
                    sb.append('\n').append(Text.cut(details.get(shown++), room));
                }
            }
            int more = details.size() - shown + omitted;
            if (more > 0 && sb.length() - start + markerLength(more) <= allowance) {
                sb.append('\n').append(marker(more));
            }
            return sb.length() - start;
        }

        /** The marker's length with its newline; 0 when nothing is left to count. */
        private int markerLength(int more) {
            return more > 0 ? marker(more).length() + 1 : 0;
        }

        private String marker(int more) {
            return INDENT + Text.ELLIPSIS + " " + more + " more " + unit + (more == 1 ? "" : "s");
        }
    }
}
