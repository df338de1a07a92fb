package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the failure message a person reads in the CodePipeline console: a summary line, then each failed
 * module in reactor order with the goal that failed, its cause, and its failing tests or compiler errors.
 *
 * <p>Failed modules with the same cause (the same goal, header and details once the module's own name, paths and
 * source positions are taken out: say 40 modules broken by one API change) share one section that names them all
 * and shows the cause once ({@link CauseKey}; compile failures with the same causes: {@link CompilerCauses}).
 *
 * <p>The result is clean (no ANSI codes or control characters), redacted (no secrets) and always within the
 * API's 1-5000 characters. When the details do not fit, every failed module keeps its header line and the
 * remaining room is shared fairly (modules that need little get all they need, the rest split what is left);
 * a detail line that must be cut ends after a whole word with {@code …}, and what is left out is counted.
 *
 * <p>The work is bounded whatever the input: test reports are streamed and read only as far as the message can
 * use ({@link TestReports}), and of each exception message or long message only the first
 * {@value Cleaner#MAX_TEXT} characters are looked at ({@link Cleaner}).
 *
 * <p>The parts are written apart: the summary line ({@link Summary}), each failed module's section
 * ({@link ModuleSections}), each module-less error's ({@link ErrorDetails}), the line that says how to rerun
 * ({@link RerunHint}); {@link MessageFit} fits them into the limit.
 */
public final class FailureMessageComposer {
    /** The API's limit for {@code FailureDetails.message}. */
    public static final int MAX_LENGTH = 5000;
    /** The message when nothing more can be said. */
    public static final String FALLBACK = "Maven build failed.";

    private static final int MAX_EXTERNAL_ID_IN_FOOTER = 300;

    private final Cleaner cleaner;
    private final ErrorDetails errorDetails;
    private final ModuleSections moduleSections;
    private final String externalExecutionId;
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
        Secrets masked = secrets == null ? Secrets.none() : secrets;
        this.cleaner = new Cleaner(masked);
        this.errorDetails = new ErrorDetails(cleaner);
        this.moduleSections = new ModuleSections(cleaner, masked, errorDetails, buildStartMillis, limit);
        this.externalExecutionId = externalExecutionId;
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
        environment = Text.cut(cleaner.clean(maven + (maven.isEmpty() || java.isEmpty() ? "" : ", ") + java), 100);
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
                skipped.add(cleaner.clean(module.name()));
            }
        }
        List<Section> sections = new ArrayList<>();
        Map<String, Section> byCause = new HashMap<>();
        List<RerunHint.Failed> rerun = new ArrayList<>();
        for (ModuleResult module : failed) {
            Section section = moduleSections.section(module, withDetails, rerun);
            Section same = withDetails ? byCause.get(section.cause) : null;
            if (same != null) {
                same.names.add(section.names.get(0));
            } else {
                byCause.put(section.cause, section);
                sections.add(section);
            }
        }
        if (withDetails) {
            CompilerCauses.mergeSections(sections);
        }
        for (Throwable error : otherErrors) {
            Section section = errorDetails.section(error, withDetails);
            // The summary says a build's only error already: its section keeps the details alone.
            section.headerless = failed.isEmpty() && otherErrors.size() == 1 && withDetails && !section.details.isEmpty();
            sections.add(section);
        }
        String summary = Summary.line(modules.size(), failed, skipped, otherErrors, cleaner);
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
        return cleaner.clean(line).equals(line) ? line : "";
    }

    /** Cleans, redacts and fits a message given verbatim (the explicit goal's {@code codepipeline.message}). */
    public String plain(String message) {
        String cleaned = cleaner.cleanWhole(message).trim();
        if (cleaned.isEmpty()) {
            return "";
        }
        if (cleaned.length() <= limit) {
            return cleaned;
        }
        String footer = footer();
        return Text.truncate(cleaned, limit - footer.length() - 1) + "\n" + footer;
    }

    private String footer() {
        if (externalExecutionId != null && !externalExecutionId.isEmpty()
                && externalExecutionId.length() <= MAX_EXTERNAL_ID_IN_FOOTER) {
            return Text.ELLIPSIS + " (truncated; the full log is in CI run " + Text.firstLine(cleaner.clean(externalExecutionId)) + ")";
        }
        return Text.ELLIPSIS + " (truncated; the full log is in the CI run's output)";
    }
}
