package io.github.codepipeline.maven.message;

import java.util.List;

/**
 * The message's first line: which modules failed of how many and which were skipped ({@code Maven build failed: 2 of
 * 5 modules failed (api, web); 1 skipped (app)}), the only module's name, or the error of a build that failed in no
 * module.
 */
final class Summary {
    private static final int MAX_SUMMARY = 600;
    /** Up to this many skipped modules are named; more are counted. */
    private static final int MAX_SKIPPED_NAMED = 5;

    private Summary() {}

    /**
     * @param total how many modules the reactor has
     * @param skipped the skipped modules' names, cleaned
     */
    static String line(int total, List<ModuleResult> failed, List<String> skipped, List<Throwable> otherErrors,
            Cleaner cleaner) {
        return Text.cut(summary(total, failed, skipped, otherErrors, cleaner), MAX_SUMMARY);
    }

    private static String summary(int total, List<ModuleResult> failed, List<String> skipped,
            List<Throwable> otherErrors, Cleaner cleaner) {
        if (failed.isEmpty()) {
            if (otherErrors.isEmpty()) {
                return FailureMessageComposer.FALLBACK;
            }
            return "Maven build failed: "
                    + Text.firstLine(cleaner.clean(Causes.describe(Causes.headline(Causes.chain(otherErrors.get(0))))));
        }
        if (total == 1) {
            return "Maven build failed in module " + cleaner.clean(failed.get(0).name());
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < failed.size(); i++) {
            String name = cleaner.clean(failed.get(i).name());
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
}
