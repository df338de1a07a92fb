package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoalLinesTest {
    private static List<String> added(GoalLines lines, String said) {
        Set<String> out = new LinkedHashSet<>();
        lines.addTo(out, said, s -> s);
        return new ArrayList<>(out);
    }

    @Test
    void keepsErrorAndWarningLinesColouredOrNotAndNothingElse() {
        assertThat(GoalLines.levelEnd("[\u001B[1;33mWARNING\u001B[m] text")).isEqualTo(20);
        assertThat(GoalLines.levelEnd("[WARN]text")).isEqualTo(6);
        assertThat(GoalLines.levelEnd("[INFO] [ERROR] text")).isEqualTo(-1);
        assertThat(GoalLines.levelEnd("[ERRORS] text")).isEqualTo(-1);
        GoalLines lines = new GoalLines();
        lines.accept("[INFO] Compiling 3 source files");
        lines.accept("\u001B[1;31mERROR\u001B[m] not a level in brackets");
        lines.accept("[\u001B[1;31mERROR\u001B[m] Names.java:[3,8] (imports) UnusedImports: Unused import - java.util.List.");
        lines.accept("[ERROR] Names.java:[4,15] (imports) AvoidStarImport: Using the '.*' form");
        lines.accept("[\u001B[1;33mWARNING\u001B[m] Rule violated for bundle shop: lines covered ratio is 0.18");
        lines.accept("[DEBUG] [ERROR] not this");
        lines.accept("plain text");

        assertThat(lines.errors()).containsExactly(
                "Names.java:[3,8] (imports) UnusedImports: Unused import - java.util.List.",
                "Names.java:[4,15] (imports) AvoidStarImport: Using the '.*' form");
        assertThat(lines.warnings()).containsExactly("Rule violated for bundle shop: lines covered ratio is 0.18");
    }

    @Test
    void aMultiLineLogCallIsOneLineAndAHeaderIntroducesWhatFollows() {
        GoalLines lines = new GoalLines();
        lines.accept("[WARNING] Files with unapproved licenses:\n  /home/ci/shop/src/Unlicensed.java\n  /home/ci/shop/src/Other.java\n");
        lines.accept("[WARNING] /home/ci/shop/src/Legacy.java:[8,19] found raw type: java.util.List\n"
                + "  missing type arguments for generic class java.util.List<E>");
        lines.accept("[WARNING] Codec.java:[12,16] unchecked conversion\n  required: java.util.List<java.lang.String>\n"
                + "  found:    java.util.List");
        lines.accept("[WARNING] COMPILATION WARNING : ");
        lines.accept("[ERROR] boom\n\tat com.example.Mojo.execute(Mojo.java:10)\n\t... 12 more");

        assertThat(lines.warnings()).containsExactly(
                "Files with unapproved licenses: /home/ci/shop/src/Unlicensed.java; /home/ci/shop/src/Other.java",
                "/home/ci/shop/src/Legacy.java:[8,19] found raw type: java.util.List; missing type arguments for"
                        + " generic class java.util.List<E>",
                "Codec.java:[12,16] unchecked conversion; required: java.util.List<java.lang.String>; found: java.util.List");
        assertThat(lines.errors()).containsExactly("boom");
    }

    @Test
    void errorsTheExceptionDoesNotSayComeFirstAndWarningsOnlyWhenNoErrorIsLeft() {
        GoalLines lines = new GoalLines();
        lines.accept("[WARNING] some warning");
        lines.accept("[ERROR] /home/ci/shop/src/Legacy.java: warnings found and -Werror specified");
        assertThat(added(lines, "Compilation failure\nLegacy.java: warnings found and -Werror specified"))
                .as("the only error is said already: the warnings explain it").containsExactly("some warning");

        lines = new GoalLines();
        lines.accept("[WARNING] some warning");
        lines.accept("[ERROR] Names.java:[3,8] Unused import");
        assertThat(added(lines, "You have 1 Checkstyle violation.")).containsExactly("Names.java:[3,8] Unused import");
    }

    /**
     * Apache RAT 0.18 (commons-parent 104's apache-rat-plugin, as in {@code it/commons-cli}) counts at ERROR and names
     * the files in one WARNING call under a banner; the files are what a person needs, the banner's rule and date not.
     */
    @Test
    void aListThatAWarningBringsUnderABannerIsAddedAfterTheErrorThatCountsIt() {
        GoalLines lines = new GoalLines();
        lines.accept("[ERROR] Unexpected count for UNAPPROVED, limit is [0,0].  Count: 2");
        lines.accept("[WARNING] *****************************************************\nGenerated at: 2026-12-07T08:58:12Z\n\n"
                + "Files with unapproved licenses:\n  /src/main/java/org/apache/commons/cli/Char.java\n"
                + "  /src/main/java/org/apache/commons/cli/Util.java\n");
        lines.accept("[WARNING] Parameter 'excludes' is deprecated: use 'inputExcludes'");
        lines.accept("[WARNING] /home/ci/shop/src/Legacy.java:[8,19] found raw type: java.util.List\n"
                + "  missing type arguments for generic class java.util.List<E>");

        assertThat(added(lines, "Counter(s) UNAPPROVED exceeded minimum or maximum values. See RAT report in: 'rat.txt'."))
                .as("other warnings, one line or a line and its continuation, stay out while an error is shown")
                .containsExactly("Unexpected count for UNAPPROVED, limit is [0,0].  Count: 2",
                        "Files with unapproved licenses: Char.java; Util.java");
        GoalLines dated = new GoalLines();
        dated.accept("[WARNING] Expected:\n  2026-12-07T08:58:12Z\nexpected: 2026-12-07");
        assertThat(dated.warnings()).as("a date that is a value, not a banner's, stays")
                .containsExactly("Expected: 2026-12-07T08:58:12Z; expected: 2026-12-07");
    }

    @Test
    void linesOfMavensOwnOrOfAPluginsRawStreamsAreNotTaken() {
        GoalLines lines = new GoalLines();
        lines.accept("[WARNING] [stderr] printed by the plugin");
        lines.accept("[ERROR] -> [Help 1]");
        assertThat(lines.warnings()).isEmpty();
        assertThat(added(lines, "")).isEmpty();
    }

    @Test
    void boundedWhateverTheGoalPrintsAndWhatIsLeftOutIsCounted() {
        GoalLines lines = new GoalLines();
        StringBuilder huge = new StringBuilder("[WARNING] ");
        for (int i = 0; i < 100_000; i++) {
            huge.append("x");
        }
        lines.accept(huge.toString());
        for (int i = 0; i < 200_000; i++) {
            lines.accept("[WARNING] Rule violated for class com.example.Class" + i + ": lines covered ratio is 0.1");
        }
        // Past the bounds lines are only counted, and still not a plugin's raw stream nor a bare header.
        lines.accept("[WARNING] [stderr] raw output");
        lines.accept("[\u001B[1;33mWARNING\u001B[m] COMPILATION WARNING : ");
        lines.accept("[INFO] [WARNING] not a warning");
        List<String> warnings = lines.warnings();
        assertThat(warnings.get(0)).hasSize(GoalLines.MAX_LINE);
        assertThat(String.join("", warnings).length()).isLessThanOrEqualTo(GoalLines.MAX_WARNING_CHARS);
        Set<String> out = new LinkedHashSet<>();
        int notKept = lines.addTo(out, "", s -> s);
        assertThat(out).hasSize(warnings.size());
        assertThat(notKept).isEqualTo(200_001 - warnings.size());
    }

    @Test
    void aClosedGoalTakesNoMoreLines() {
        GoalLines lines = new GoalLines();
        lines.close();
        lines.accept("[ERROR] after the end");
        assertThat(lines.errors()).isEmpty();
    }
}
