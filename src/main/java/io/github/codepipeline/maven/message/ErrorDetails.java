package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The details of an error below its headline: the rest of the headline's text, Maven's long message where it adds
 * to it, the root cause, and the failed goal's own ERROR and WARNING lines ({@link GoalLines}); and the section of
 * an error that belongs to no module.
 */
final class ErrorDetails {
    /** Other plugins' details get the room the message has left, up to this many lines. */
    static final int MAX_LINES = 200;

    private final Cleaner cleaner;

    ErrorDetails(Cleaner cleaner) {
        this.cleaner = cleaner;
    }

    /** The section of an error that belongs to no module (for example a reactor that could not be built). */
    Section section(Throwable error, boolean withDetails) {
        List<Throwable> chain = Causes.chain(error);
        Throwable headlineError = Causes.headline(chain);
        String text = Headline.withoutGoalPrefix(cleaner.clean(Causes.describe(headlineError)));
        Section section = new Section("Error", ": " + DetailLines.headline(text));
        if (withDetails) {
            List<String> other = lines(text, chain, headlineError, null);
            section.details(cleaner.clean(other), null, "line", MAX_LINES, other.size());
        }
        return section;
    }

    /** The rest of the headline's text, Maven's long message where it adds to it, and the root cause. */
    List<String> lines(String headlineText, List<Throwable> chain, Throwable headlineError, String longMessage) {
        Set<String> lines = new LinkedHashSet<>();
        String firstLine = Text.firstLine(headlineText);
        DetailLines.add(lines, headlineText, firstLine);
        if (longMessage != null) {
            DetailLines.add(lines, Headline.withoutGoalPrefix(cleaner.clean(longMessage)), firstLine);
        }
        if (!chain.isEmpty()) {
            Throwable root = chain.get(chain.size() - 1);
            if (root != headlineError) {
                String rootText = Text.firstLine(cleaner.clean(Causes.describe(root)));
                if (!headlineText.contains(rootText)) {
                    lines.add("caused by: " + Text.firstLine(cleaner.clean(Causes.describeWithType(root))));
                }
            }
        }
        return new ArrayList<>(lines);
    }

    /**
     * Adds the failed goal's own ERROR and WARNING lines that its exception does not say ({@link GoalLines});
     * returns how many it printed beyond what was kept.
     */
    int addGoalLines(List<String> other, GoalLines goalLines, String headlineText) {
        if (goalLines == null) {
            return 0;
        }
        Set<String> lines = new LinkedHashSet<>(other);
        int notKept = goalLines.addTo(lines, DetailLines.withoutDirectories(headlineText + "\n" + String.join("\n", other)),
                cleaner::clean);
        other.clear();
        other.addAll(lines);
        return notKept;
    }
}
