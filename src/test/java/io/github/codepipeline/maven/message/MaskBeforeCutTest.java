package io.github.codepipeline.maven.message;

import static io.github.codepipeline.maven.message.TestReportsTest.writeReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets are masked before a text is cut, in the test reports ({@link TestReports}) and in exception messages
 * ({@link FailureMessageComposer}): a secret across a cut would no longer match whole, and its start would be sent.
 */
class MaskBeforeCutTest {
    @TempDir
    Path reports;

    /** {@code length} hex digits, the same each run. */
    static String hex(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder hex = new StringBuilder();
        while (hex.length() < length) {
            hex.append(Integer.toHexString(random.nextInt(16)));
        }
        return hex.toString();
    }

    /**
     * Break guarded: {@code FailureElement.clean} cutting at {@code max} instead of {@code max + REDACTION_MARGIN}. A
     * failure message of 2,000+ characters is cut at 2,000, inside this secret: the message then showed
     * {@code token 119e3779b13c6ef3…}.
     */
    @Test
    void aOneLineSecretAcrossTheReportsMessageCutIsMaskedWhole() throws IOException {
        String secret = hex(3000, 32);
        writeReport(reports, "com.example.DeployTest", "<testcase name=\"deploys\" classname=\"com.example.DeployTest\">"
                + "<failure message=\"token " + secret + "\" type=\"java.lang.AssertionError\">java.lang.AssertionError: token "
                + secret + "\n\tat com.example.DeployTest.deploys(DeployTest.java:9)</failure></testcase>");

        FailedTests tests = TestReports.failedTests(List.of(reports.toFile()), 0, 5000, Secrets.of(secret));

        assertThat(tests.tests()).containsExactly("DeployTest.deploys:9 token ****");
    }

    /** The same secret in a report read without the secrets: what the masking above hides (the test can fail). */
    @Test
    void withoutTheSecretTheSameReportShowsItsStart() throws IOException {
        String secret = hex(3000, 32);
        writeReport(reports, "com.example.DeployTest", "<testcase name=\"deploys\" classname=\"com.example.DeployTest\">"
                + "<failure message=\"token " + secret + "\" type=\"java.lang.AssertionError\"/></testcase>");

        assertThat(TestReports.failedTests(List.of(reports.toFile()), 0, 5000).tests())
                .singleElement().asString().startsWith("DeployTest.deploys: token " + secret.substring(0, 16));
    }

    /**
     * Break guarded: {@code Cleaner.clean} reading {@code MAX_TEXT} instead of
     * {@code MAX_TEXT + REDACTION_MARGIN} (both places). An exception message of some 64 KiB of repeated lines whose
     * secret crosses the 64 KiB point then ended in {@code - using token ghp_k7} (the secret's first six characters).
     */
    @Test
    void aSecretAcrossTheComposersCutIsMaskedWhole() {
        String secret = "ghp_k7" + hex(34, 64);
        String line = "using token " + secret + "\n";
        StringBuilder text = new StringBuilder("Deployment refused\n");
        // The secret of one line starts 6 characters before MAX_TEXT: a cut there keeps "ghp_k7".
        int secretStart = Cleaner.MAX_TEXT - 6;
        while (text.length() + line.length() <= secretStart - "using token ".length()) {
            text.append(line);
        }
        int pad = secretStart - "using token ".length() - text.length();
        if (pad > 0) {
            text.append("x".repeat(pad - 1)).append('\n');
        }
        for (int i = 0; i < 40; i++) {
            text.append(line);
        }
        assertThat(text.substring(Cleaner.MAX_TEXT - 6, Cleaner.MAX_TEXT)).isEqualTo("ghp_k7");
        assertThat(text.length()).as("within the margin: no cut before masking").isLessThan(Cleaner.MAX_TEXT + 4096);
        MojoExecutionException error = new MojoExecutionException(text.toString());
        FailureMessageComposer composer = new FailureMessageComposer(Secrets.of(secret), null, 0);

        String message = composer.compose(List.of(ModuleResult.failed("app", "x:deploy", error, text.toString(), List.of())),
                List.of(new IllegalStateException(text.toString())));

        assertThat(message).contains("\n  - using token ****").doesNotContain("ghp_");
    }

    /**
     * Past the margin the text is cut before masking; when the masked text is then shorter than the cut (the secret
     * came many times) nothing cuts it again, and a secret's start at that first cut would be sent.
     */
    @Test
    void aSecretCutAtTheReportsMarginLeavesNoStart() throws IOException {
        String secret = hex(3000, 96);
        String message = ("token " + secret + " ").repeat(4);
        writeReport(reports, "com.example.DeployTest", "<testcase name=\"deploys\" classname=\"com.example.DeployTest\">"
                + "<failure message=\"" + message + "\" type=\"java.lang.AssertionError\"/></testcase>");

        List<String> tests = TestReports.failedTests(List.of(reports.toFile()), 0, 5000, Secrets.of(secret)).tests();

        assertThat(tests).singleElement().asString().startsWith("DeployTest.deploys: token **** token **** token ****")
                .doesNotContain(secret.substring(0, 8));
    }

    @Test
    void aSecretCutAtTheComposersMarginLeavesNoStart() {
        String secret = "ghp_k7" + hex(34, 128);
        String text = "Deployment refused\n" + ("using token " + secret + "\n").repeat(2000);
        assertThat(text.length()).as("past the margin").isGreaterThan(Cleaner.MAX_TEXT + 16 * 1024);
        FailureMessageComposer composer = new FailureMessageComposer(Secrets.of(secret), null, 0);

        String message = composer.compose(List.of(ModuleResult.failed("app", "x:deploy", new MojoExecutionException(text),
                text, List.of())), List.of(new IllegalStateException(text)));

        assertThat(message).contains("\n  - using token ****").doesNotContain("ghp_");
    }
}
