package io.github.codepipeline.maven.message;

import static io.github.codepipeline.maven.message.TestReportsTest.failing;
import static io.github.codepipeline.maven.message.TestReportsTest.writeReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.lifecycle.LifecyclePhaseNotFoundException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureMessageComposerTest {
    private static final String SUREFIRE = "maven-surefire-plugin:test";
    private static final String COMPILER = "maven-compiler-plugin:compile";
    private static final String GRIN = "\uD83D\uDE00";
    private static final String TOKEN = "tok-SECRET-7f3a9c1e5b2d";
    private static final String SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path work;

    private final FailureMessageComposer composer = new FailureMessageComposer(Secrets.none(), null, 0);

    /** Maven's wrapper around a mojo's exception, as a module's {@code BuildFailure} holds it. */
    private static LifecycleExecutionException failedGoal(String goal, String project, Throwable cause) {
        return new LifecycleExecutionException("Failed to execute goal org.apache.maven.plugins:" + goal.replace(":", ":3.5.4:")
                + " (default) on project " + project + ": " + cause.getMessage(), cause);
    }

    private static ModuleResult testFailure(String name, Path reports) {
        return ModuleResult.failed(name, SUREFIRE,
                failedGoal(SUREFIRE, name, new MojoFailureException("There are test failures.\n\nPlease refer to "
                        + reports + " for the individual test results.")), null, List.of(reports.toFile()));
    }

    /** maven-compiler-plugin's exception: "Compilation failure" and, in its long message, every error. */
    private static ModuleResult compileFailure(String name, int errors) {
        StringBuilder all = new StringBuilder("Compilation failure\n");
        for (int i = 1; i <= errors; i++) {
            all.append("/home/ci/work/").append(name).append("/src/main/java/com/example/Cart.java:[").append(i)
                    .append(",9] cannot find symbol\n  symbol:   class Price").append(i)
                    .append("\n  location: class com.example.Cart\n");
        }
        MojoFailureException error = new MojoFailureException(null, "Compilation failure", all.toString());
        return ModuleResult.failed(name, COMPILER, failedGoal(COMPILER, name, error), all.toString(), List.of());
    }

    private Path reports(String module, int tests, String message) {
        Path directory = work.resolve(module).resolve("surefire-reports");
        String[] cases = new String[tests];
        for (int i = 0; i < tests; i++) {
            cases[i] = failing("com.example.Case" + module, "test" + i, message + " #" + i);
        }
        try {
            writeReport(directory, "com.example.Case" + module, cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }

    private static void assertAcceptable(String message, int limit) {
        assertThat(message).isNotBlank();
        assertThat(message.length()).isLessThanOrEqualTo(limit);
        assertThat(message.codePointCount(0, message.length())).isLessThanOrEqualTo(limit);
        assertThat(message.codePoints().filter(c -> Character.getType(c) == Character.SURROGATE)).isEmpty();
        assertThat(message.chars().filter(c -> c < ' ' && c != '\n')).isEmpty();
    }

    @Test
    void aFailingTestIsNamedWithItsAssertionMessage() {
        Path reports = reports("core", 1, "sum ==&gt; expected: &lt;4&gt; but was: &lt;5&gt;");

        String message = composer.compose(List.of(testFailure("core", reports)), List.of());

        assertThat(message).isEqualTo("Maven build failed in module core\n"
                + "core (maven-surefire-plugin:test): There are test failures.\n"
                + "  - Casecore.test0: sum ==> expected: <4> but was: <5> #0");
    }

    @Test
    void theRerunLineComesLastBeforeTheVersions() {
        Path reports = reports("core", 2, "wrong");
        List<ModuleResult> modules = List.of(ModuleResult.succeeded("api"), testFailure("core", reports));

        String message = new FailureMessageComposer(Secrets.none(), null, 0).withRerun(List.of("clean", "verify"))
                .withVersions("3.9.16", "17.0.12").compose(modules, List.of());

        assertThat(message).isEqualTo("Maven build failed: 1 of 2 modules failed (core)\n"
                + "core (maven-surefire-plugin:test): There are test failures.\n"
                + "  - Casecore.test0: wrong #0\n"
                + "  - Casecore.test1: wrong #1\n"
                + "Rerun the failed tests: mvn clean verify -pl :core -Dtest=Casecore#test0+test1\n"
                + "Maven 3.9.16, Java 17.0.12");
        // Without the session's goals (the explicit goal, a unit of code that knows none): no such line.
        assertThat(composer.compose(modules, List.of())).doesNotContain("Rerun");

        List<ModuleResult> compile = List.of(ModuleResult.succeeded("api"), compileFailure("core", 1));
        assertThat(new FailureMessageComposer(Secrets.none(), null, 0).withRerun(List.of("verify")).compose(compile, List.of()))
                .endsWith("\nResume the build: mvn verify -rf :core");
        // What Maven's exceptions say alone (composing the details failed) still names the module to resume from.
        assertThat(new FailureMessageComposer(Secrets.none(), null, 0).withRerun(List.of("verify")).headlines(compile, List.of()))
                .endsWith("\nResume the build: mvn verify -rf :core");
    }

    @Test
    void theRerunLineIsTheFirstThingLeftOutWhenRoomIsShort() {
        List<ModuleResult> compile = List.of(ModuleResult.succeeded("api"), compileFailure("core", 1));
        String whole = new FailureMessageComposer(Secrets.none(), null, 0).withVersions("3.9.16", "17")
                .compose(compile, List.of());
        String line = "Resume the build: mvn verify -rf :core";

        // Room for everything but the rerun line: every fact stays, the line goes.
        String tight = new FailureMessageComposer(Secrets.none(), null, 0, whole.length() + line.length())
                .withVersions("3.9.16", "17").withRerun(List.of("verify")).compose(compile, List.of());
        assertThat(tight).isEqualTo(whole);
        String room = new FailureMessageComposer(Secrets.none(), null, 0, whole.length() + line.length() + 1)
                .withVersions("3.9.16", "17").withRerun(List.of("verify")).compose(compile, List.of());
        assertThat(room).isEqualTo(whole.replace("\nMaven 3.9.16", "\n" + line + "\nMaven 3.9.16"));
    }

    @Test
    void theRerunLineNeverCopiesASecret() {
        Secrets secrets = Secrets.from(new SettingSources(null, null, Map.of("codepipeline.clientToken", TOKEN), Map.of()));
        List<ModuleResult> compile = List.of(ModuleResult.succeeded("api"), compileFailure("core", 1));

        String message = new FailureMessageComposer(secrets, null, 0).withRerun(List.of("verify", TOKEN))
                .compose(compile, List.of());

        assertThat(message).doesNotContain(TOKEN).doesNotContain("Resume");
    }

    @Test
    void compilerErrorsAreShortAndCountedBeyondTheFirstTen() {
        String one = composer.compose(List.of(compileFailure("api", 1)), List.of());
        assertThat(one).isEqualTo("Maven build failed in module api\n"
                + "api (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Cart.java:[1,9] cannot find symbol; symbol: class Price1; location: class com.example.Cart");

        String many = composer.compose(List.of(compileFailure("api", 14)), List.of());
        assertThat(many).contains("Cart.java:[10,9] cannot find symbol").doesNotContain("Cart.java:[11,9]")
                .endsWith("\n  " + Text.ELLIPSIS + " 4 more errors");
    }

    /** As the failure-message page says: named when at most five and their names fit in 200 characters, else counted. */
    @Test
    void skippedModulesAreNamedWhenAtMostFiveFitIn200Characters() {
        List<ModuleResult> five = new java.util.ArrayList<>(List.of(compileFailure("api", 1)));
        List<ModuleResult> six = new java.util.ArrayList<>(five);
        List<ModuleResult> long5 = new java.util.ArrayList<>(five);
        for (int i = 1; i <= 6; i++) {
            if (i <= 5) {
                five.add(ModuleResult.skipped("m" + i));
                // Five names of 49 characters: 253 with their commas.
                long5.add(ModuleResult.skipped("module-" + i + "-" + "x".repeat(40)));
            }
            six.add(ModuleResult.skipped("m" + i));
        }

        assertThat(composer.compose(five, List.of())).startsWith("Maven build failed: 1 of 6 modules failed (api);"
                + " 5 skipped (m1, m2, m3, m4, m5)\n");
        assertThat(composer.compose(six, List.of())).startsWith("Maven build failed: 1 of 7 modules failed (api); 6 skipped\n");
        assertThat(composer.compose(long5, List.of())).startsWith("Maven build failed: 1 of 6 modules failed (api); 5 skipped\n");
    }

    @Test
    void theSummaryCountsFailedAndSkippedModulesInReactorOrder() {
        List<ModuleResult> modules = List.of(ModuleResult.succeeded("alpha"),
                testFailure("bravo", reports("bravo", 2, "wrong")), compileFailure("charlie", 1),
                ModuleResult.skipped("delta"), ModuleResult.succeeded("echo"));

        String message = composer.compose(modules, List.of());

        assertThat(message).isEqualTo("Maven build failed: 2 of 5 modules failed (bravo, charlie); 1 skipped (delta)\n"
                + "bravo (maven-surefire-plugin:test): There are test failures.\n"
                + "  - Casebravo.test0: wrong #0\n"
                + "  - Casebravo.test1: wrong #1\n"
                + "charlie (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Cart.java:[1,9] cannot find symbol; symbol: class Price1; location: class com.example.Cart");
    }

    @Test
    void withoutTestReportsTheTestGoalsOwnMessageIsShownWithoutMavensAdvice() {
        MojoFailureException crash = new MojoFailureException("There was an error in the forked process\n"
                + "Crashed tests:\ncom.example.CartTest\n\nSee /ci/work/core/target/surefire-reports for the individual"
                + " test results.\nSee dump files (if any exist) [date].dump, [date]-jvmRun[N].dump and [date].dumpstream.");
        ModuleResult module = ModuleResult.failed("core", SUREFIRE, failedGoal(SUREFIRE, "core", crash), null,
                List.of(work.resolve("no-reports").toFile()));

        assertThat(composer.compose(List.of(module), List.of())).isEqualTo("Maven build failed in module core\n"
                + "core (maven-surefire-plugin:test): There was an error in the forked process\n"
                + "  - Crashed tests:\n"
                + "  - com.example.CartTest");
    }

    @Test
    void testReportsOnlyExplainAFailureOfTheGoalThatRanTheTests() {
        Path reports = reports("core", 1, "ignored by -Dmaven.test.failure.ignore");
        ModuleResult coverage = ModuleResult.failed("core", "jacoco-maven-plugin:check",
                failedGoal("jacoco-maven-plugin:check", "core", new MojoExecutionException("Coverage checks have not been met.")),
                null, List.of(reports.toFile()));

        assertThat(composer.compose(List.of(coverage), List.of())).isEqualTo("Maven build failed in module core\n"
                + "core (jacoco-maven-plugin:check): Coverage checks have not been met.");
    }

    @Test
    void otherFailuresShowTheirMessageTheLongMessageAndTheRootCause() {
        MojoExecutionException enforcer = new MojoExecutionException(
                "\nRule 0: org.apache.maven.enforcer.rules.version.RequireJavaVersion failed with message:\n"
                        + "Detected JDK version 17.0.15 is not in the allowed range [21,).");
        String message = composer.compose(List.of(ModuleResult.failed("app", "maven-enforcer-plugin:enforce",
                failedGoal("maven-enforcer-plugin:enforce", "app", enforcer), null, List.of())), List.of());
        assertThat(message).isEqualTo("Maven build failed in module app\n"
                + "app (maven-enforcer-plugin:enforce): Rule 0: org.apache.maven.enforcer.rules.version.RequireJavaVersion failed with message:\n"
                + "  - Detected JDK version 17.0.15 is not in the allowed range [21,).");

        MojoExecutionException wrapped = new MojoExecutionException(null, "Could not package the site",
                "Could not package the site\nThe output directory target/site is not writable.\n\n"
                        + "Please refer to http://example.com/help for more.");
        wrapped.initCause(new IllegalStateException("wrapper", new java.io.IOException("No space left on device")));
        message = composer.compose(List.of(ModuleResult.failed("site", "maven-site-plugin:site",
                failedGoal("maven-site-plugin:site", "site", wrapped), wrapped.getLongMessage(), List.of())), List.of());
        assertThat(message).isEqualTo("Maven build failed in module site\n"
                + "site (maven-site-plugin:site): Could not package the site\n"
                + "  - The output directory target/site is not writable.\n"
                + "  - caused by: IOException: No space left on device");
    }

    @Test
    void aRootCauseIsNamedWithItsTypeWhenItsMessageAloneSaysLittle() {
        MojoExecutionException error = new MojoExecutionException("Could not download the schema",
                new IllegalStateException("wrapper", new java.net.UnknownHostException("schemas.example.com")));

        String message = composer.compose(List.of(ModuleResult.failed("app", "xjc-plugin:generate", error, null, List.of())),
                List.of(new IllegalStateException("outer", new RuntimeException("java.lang.RuntimeException: inner"))));

        assertThat(message).isEqualTo("Maven build failed in module app\n"
                + "app (xjc-plugin:generate): Could not download the schema\n"
                + "  - caused by: UnknownHostException: schemas.example.com\n"
                + "Error: outer\n"
                + "  - caused by: java.lang.RuntimeException: inner");
    }

    @Test
    void errorsOutsideAnyModuleAreReportedToo() {
        String message = composer.compose(List.of(), List.of(new LifecyclePhaseNotFoundException(
                "Unknown lifecycle phase \"verifyy\". You must specify a valid lifecycle phase.\n"
                        + "Available lifecycle phases are: validate, compile.", "verifyy")));

        // the headline once: the summary says it, the details follow
        assertThat(message).isEqualTo("Maven build failed: Unknown lifecycle phase \"verifyy\". You must specify a valid lifecycle phase.\n"
                + "  - Available lifecycle phases are: validate, compile.");
    }

    @Test
    void emptyMessagesNullErrorsAndNoModulesStillSaySomething() {
        assertThat(composer.compose(List.of(), List.of())).isEqualTo("Maven build failed.");
        assertThat(composer.compose(List.of(ModuleResult.failed("app", null, null, null, List.of())), List.of()))
                .isEqualTo("Maven build failed in module app\napp: failed");
        assertThat(composer.compose(List.of(ModuleResult.failed("app", null, new IllegalStateException(), null, List.of()),
                ModuleResult.failed("lib", "x-plugin:y", new RuntimeException(" \n "), "", List.of())),
                List.of(new NullPointerException())))
                .isEqualTo("Maven build failed: 2 of 2 modules failed (app, lib)\n"
                        + "app: IllegalStateException\n"
                        + "lib (x-plugin:y): RuntimeException\n"
                        + "Error: NullPointerException");
    }

    @Test
    void cyclicCauseChainsEndTheWalk() {
        Exception a = new Exception("outer");
        Exception b = new Exception("inner", a);
        a.initCause(b);

        String message = composer.compose(List.of(ModuleResult.failed("app", null, a, null, List.of())),
                List.of(new FailureClassifierTest.CyclicException()));

        assertThat(message).isEqualTo("Maven build failed in module app\napp: outer\n  - caused by: Exception: inner\n"
                + "Error: CyclicException");
    }

    @Test
    void textIsCleanedOfAnsiCodesAndControlCharacters() {
        MojoFailureException error = new MojoFailureException("\u001B[1;31mBoom\u001B[m\r\nsecond\u0007 line\r\n\tthird");

        String message = composer.compose(List.of(ModuleResult.failed("app", "x-plugin:y", error, null, List.of())), List.of());

        assertThat(message).isEqualTo("Maven build failed in module app\napp (x-plugin:y): Boom\n  - second line\n  - third");
    }

    @Test
    void secretsAreMaskedWhereverTheyAppear() {
        FailureMessageComposer redacting = new FailureMessageComposer(Secrets.of(TOKEN, SECRET_KEY), "run-" + TOKEN, 0, 400);
        Path reports = reports("core", 1, "token was " + TOKEN + " and key " + SECRET_KEY);
        MojoExecutionException error = new MojoExecutionException("Upload with \u001B[1m" + TOKEN + "\u001B[m failed",
                new IllegalStateException("key=" + SECRET_KEY));
        List<ModuleResult> modules = List.of(testFailure("core", reports),
                ModuleResult.failed("up-" + TOKEN, "x:y", error, null, List.of()));

        String message = redacting.compose(modules, List.of(new IllegalStateException(SECRET_KEY)));
        assertThat(message).contains("Casecore.test0: token was **** and key **** #0",
                "up-**** (x:y): Upload with **** failed", "caused by: IllegalStateException: key=****", "Error: ****")
                .doesNotContain(TOKEN, SECRET_KEY, TOKEN.substring(0, 10));

        String huge = redacting.compose(List.of(testFailure("core", reports("core", 40, TOKEN + " " + SECRET_KEY + " "
                + "the rest of a long assertion message ".repeat(3)))), List.of());
        assertThat(huge).contains("CI run run-****").doesNotContain(TOKEN, SECRET_KEY);
        assertThat(redacting.plain(TOKEN + "\n" + SECRET_KEY)).isEqualTo("****\n****");
    }

    @Test
    void aLongSecretInATestMessageIsMaskedWholeBeforeTheMessageIsCut() {
        // 400 characters: longer than a test's 300-character budget, so a cut before masking would leave 299 of them.
        String secret = "cfg-" + "0123456789abcdef".repeat(24) + "-end-of-value";
        assertThat(secret.length()).isGreaterThan(TestFailure.MAX_MESSAGE);
        FailureMessageComposer redacting = new FailureMessageComposer(Secrets.of(secret), null, 0);
        List<ModuleResult> modules = List.of(testFailure("core", reports("core", 1, "connected with " + secret)));

        String message = redacting.compose(modules, List.of());

        assertThat(message).contains("Casecore.test0: connected with **** #0").doesNotContain(secret.substring(0, 20));
    }

    @Test
    void actionConfigurationValuesAreMaskedInTheBuildsOwnReport() {
        Map<String, String> environment = new HashMap<>();
        environment.put("CODEPIPELINE_CONFIG_DEPLOY_KEY", "deploy-key-" + "k".repeat(380));
        Map<String, String> properties = new HashMap<>();
        properties.put("codepipeline.job.config.Password", "hunter2-from-job-details");
        Secrets secrets = Secrets.from(new SettingSources(null, null, properties, environment));
        FailureMessageComposer redacting = new FailureMessageComposer(secrets, null, 0);
        MojoExecutionException error = new MojoExecutionException(null, "Deployment refused", "Deployment refused\n"
                + "login hunter2-from-job-details rejected\nkey deploy-key-" + "k".repeat(380) + " rejected\n"
                + "Run 'mvn deploy:help' to fix");
        List<ModuleResult> modules = List.of(
                ModuleResult.failed("app", "x:deploy", failedGoal("x:deploy", "app", error), error.getLongMessage(), List.of()),
                testFailure("core", reports("core", 1, "token deploy-key-" + "k".repeat(380))));

        String message = redacting.compose(modules, List.of());

        assertThat(message).contains("login **** rejected", "key **** rejected", "Casecore.test0: token **** #0")
                .doesNotContain("hunter2", "deploy-key-", "kkkkkkkkkk");
    }

    @Test
    void theLastFailedModuleIsNamedWhenTheFirstOneIsHuge() {
        String longText = "expected the café to serve 中文 menus " + GRIN + " ".repeat(50) + "x".repeat(400);
        List<ModuleResult> modules = List.of(testFailure("first", reports("first", 300, longText)),
                ModuleResult.succeeded("middle"), compileFailure("last", 3));
        FailureMessageComposer withRun = new FailureMessageComposer(Secrets.none(), "ci-run-4711", 0);

        String message = withRun.compose(modules, List.of());

        assertAcceptable(message, 5000);
        assertThat(message.length()).isGreaterThan(4500);
        assertThat(message).startsWith("Maven build failed: 2 of 3 modules failed (first, last)\n"
                        + "first (maven-surefire-plugin:test): There are test failures.\n"
                        + "  - Casefirst.test0: expected the café to serve 中文 menus " + GRIN)
                .contains("\nlast (maven-compiler-plugin:compile): Compilation failure\n"
                        + "  - Cart.java:[1,9] cannot find symbol; symbol: class Price1; location: class com.example.Cart\n"
                        + "  - Cart.java:[2,9]")
                .contains("Cart.java:[3,9]")
                .containsPattern("\n  \u2026 \\d+ more tests\nlast ")
                .endsWith("\n\u2026 (truncated; the full log is in CI run ci-run-4711)");
    }

    @Test
    void roomIsSharedFairlyBetweenHugeModulesAndSmallOnesGetAllTheyNeed() {
        List<ModuleResult> modules = List.of(testFailure("a", reports("a", 100, "a".repeat(200))),
                compileFailure("small", 1), testFailure("b", reports("b", 100, "b".repeat(200))));

        String message = composer.compose(modules, List.of());

        assertAcceptable(message, 5000);
        int a = message.indexOf("\na (");
        int small = message.indexOf("\nsmall (");
        int b = message.indexOf("\nb (");
        assertThat(message.substring(small)).contains("location: class com.example.Cart");
        int aLength = small - a;
        int bLength = message.lastIndexOf("\n" + Text.ELLIPSIS + " (truncated") - b;
        assertThat(Math.abs(aLength - bLength)).isLessThan(250);
        assertThat(message).endsWith("\u2026 (truncated; the full log is in the CI run's output)");
    }

    @Test
    void nonBmpCharactersNeverPushTheMessageOverTheLimit() {
        String emoji = GRIN.repeat(300);
        List<ModuleResult> modules = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            modules.add(testFailure("m" + i, reports("m" + i, 20, emoji)));
        }

        String message = composer.compose(modules, List.of());

        assertAcceptable(message, 5000);
        for (int i = 0; i < 5; i++) {
            assertThat(message).contains("\nm" + i + " (maven-surefire-plugin:test): There are test failures.\n"
                    + "  - Casem" + i + ".test0: " + GRIN);
        }
    }

    @Test
    void soManyFailedModulesThatOnlyTheirNamesFitAreCounted() {
        List<ModuleResult> modules = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            modules.add(ModuleResult.failed("module-with-a-long-name-" + i, "x:y",
                    new MojoExecutionException("failed because " + "of reasons ".repeat(20) + "number " + i), null, List.of()));
        }

        String message = composer.compose(modules, List.of());

        assertAcceptable(message, 5000);
        assertThat(message).startsWith("Maven build failed: 300 of 300 modules failed (module-with-a-long-name-0, ")
                .contains("\nmodule-with-a-long-name-0 (x:y): failed because of reasons")
                .containsPattern("\n\u2026 \\d+ more failed modules\n\u2026 \\(truncated");
    }

    @Test
    void anyInputFitsAnyLimit() {
        Random random = new Random(42);
        String[] pieces = {"a", "é", "中", GRIN, "\n", "\r\n", "\t", "\u001B[31m", "\u0000", "\uD83D", " ", TOKEN};
        for (int round = 0; round < 300; round++) {
            int limit = 80 + random.nextInt(5000);
            List<ModuleResult> modules = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int m = 0; m < count; m++) {
                String text = randomText(random, pieces, random.nextInt(3000));
                Path reports = random.nextBoolean() ? reports("r" + round + "m" + m, random.nextInt(30), "t") : work;
                modules.add(random.nextInt(4) == 0 ? ModuleResult.skipped("s" + m)
                        : ModuleResult.failed(randomText(random, pieces, random.nextInt(30)), SUREFIRE,
                                new MojoFailureException(text, new RuntimeException(randomText(random, pieces, 200))),
                                random.nextBoolean() ? text : null, List.of(reports.toFile())));
            }
            List<Throwable> others = random.nextBoolean() ? List.of()
                    : List.of(new IllegalStateException(randomText(random, pieces, 500)));
            String run = random.nextBoolean() ? null : randomText(random, pieces, random.nextInt(400));

            String message = new FailureMessageComposer(Secrets.of(TOKEN), run, 0, limit).compose(modules, others);

            assertAcceptable(message, limit);
            assertThat(message).doesNotContain(TOKEN);
        }
    }

    private static String randomText(Random random, String[] pieces, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    @Test
    void aGivenMessageIsCleanedRedactedAndCut() {
        FailureMessageComposer withRun = new FailureMessageComposer(Secrets.of(TOKEN), "build-42\nsecond line", 0);

        assertThat(withRun.plain("  \u001B[31m" + TOKEN + "\u001B[0m failed\r\n ")).isEqualTo("**** failed");
        assertThat(withRun.plain(" \n ")).isEmpty();
        assertThat(withRun.plain(null)).isEmpty();
        String cut = withRun.plain("x".repeat(4000) + GRIN.repeat(1000));
        assertAcceptable(cut, 5000);
        assertThat(cut).endsWith("\n\u2026 (truncated; the full log is in CI run build-42)");
    }

    /** What a shared API change does to a module that calls it: its own file, package and path, the same error. */
    private static ModuleResult brokenByTheApi(String name) {
        String pkg = name.replace("-", "");
        String errors = "Compilation failure\n/home/ci/work/" + name + "/src/main/java/com/example/" + pkg
                + "/Client.java:[7,31] cannot find symbol\n  symbol:   method total(int)\n  location: class com.example.api.Price\n"
                + "/home/ci/work/" + name + "/src/main/java/com/example/" + pkg + "/Client.java:[9,12] incompatible types:"
                + " com.example.api.Money cannot be converted to com.example." + pkg + ".Amount\n";
        MojoFailureException error = new MojoFailureException(null, "Compilation failure", errors);
        return ModuleResult.failed(name, COMPILER, failedGoal(COMPILER, name, error), errors, List.of());
    }

    @Test
    void modulesWithTheSameCauseShareOneSectionThatNamesThemAllAndShowsTheCauseOnce() {
        List<ModuleResult> modules = new ArrayList<>();
        modules.add(ModuleResult.succeeded("api"));
        List<String> broken = new ArrayList<>();
        for (int i = 1; i < 119; i++) {
            String name = String.format("service-%03d", i);
            if (i % 3 == 0) {
                modules.add(brokenByTheApi(name));
                broken.add(name);
            } else {
                modules.add(ModuleResult.succeeded(name));
            }
        }
        modules.add(compileFailure("other", 1));

        String message = composer.compose(modules, List.of());

        assertAcceptable(message, 5000);
        assertThat(broken).hasSize(39);
        assertThat(message).isEqualTo("Maven build failed: 40 of 120 modules failed (" + String.join(", ", broken.subList(0, 23))
                + ", " + Text.ELLIPSIS + ")\n"
                + String.join(", ", broken) + " (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Client.java:[7,31] cannot find symbol; symbol: method total(int); location: class com.example.api.Price\n"
                + "  - Client.java:[9,12] incompatible types: com.example.api.Money cannot be converted to com.example.service003.Amount\n"
                + "other (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Cart.java:[1,9] cannot find symbol; symbol: class Price1; location: class com.example.Cart");
    }

    @Test
    void modulesWithDifferentCausesKeepTheirOwnSections() {
        ModuleResult otherSymbol = ModuleResult.failed("web", COMPILER, failedGoal(COMPILER, "web",
                new MojoFailureException("Compilation failure")), "Compilation failure\n/w/web/src/Client.java:[7,31] cannot find symbol\n"
                        + "  symbol:   method subtotal(int)\n  location: class com.example.api.Price\n", List.of());

        String message = composer.compose(List.of(brokenByTheApi("app"), otherSymbol, brokenByTheApi("cli"),
                testFailure("core", reports("core", 1, "wrong")), testFailure("more", reports("more", 1, "wrong"))), List.of());

        assertThat(message).startsWith("Maven build failed: 5 of 5 modules failed (app, web, cli, core, more)\n"
                + "app, cli (maven-compiler-plugin:compile): Compilation failure\n")
                .contains("\nweb (maven-compiler-plugin:compile): Compilation failure\n"
                        + "  - Client.java:[7,31] cannot find symbol; symbol: method subtotal(int)")
                .contains("\ncore (maven-surefire-plugin:test): There are test failures.\n  - Casecore.test0: wrong #0\n")
                .endsWith("\nmore (maven-surefire-plugin:test): There are test failures.\n  - Casemore.test0: wrong #0");
    }

    @Test
    void aCutDetailLineEndsAfterAWholeWordWithAnEllipsis() {
        List<ModuleResult> modules = new ArrayList<>();
        for (String name : List.of("alpha", "bravo", "charlie")) {
            modules.add(ModuleResult.failed(name, "x:y", new MojoExecutionException("Could not deploy " + name + "\n"
                    + ("the repository at " + name + ".example.com refused the upload of every artifact we sent it; ").repeat(8)),
                    null, List.of()));
        }
        FailureMessageComposer small = new FailureMessageComposer(Secrets.none(), null, 0, 700);

        String message = small.compose(modules, List.of());

        assertAcceptable(message, 700);
        assertThat(message).doesNotContain("(truncated)\n", "  " + Text.ELLIPSIS + " (truncated)");
        for (String name : List.of("alpha", "bravo", "charlie")) {
            assertThat(message).containsPattern("\n" + name + " \\(x:y\\): Could not deploy " + name
                    + "\n  - the repository at " + name + "[^\n]*[a-z;] " + Text.ELLIPSIS + "|[a-z;]" + Text.ELLIPSIS + "\n");
        }
        assertThat(message).endsWith("\n" + Text.ELLIPSIS + " (truncated; the full log is in the CI run's output)");
    }

    @Test
    void megabyteMessagesAreReadOnlyAsFarAsTheyMatterAndStayRedacted() {
        String huge = "Upload failed\n" + "x".repeat(Cleaner.MAX_TEXT - 20) + " " + TOKEN + " "
                + "y".repeat(4 << 20);
        FailureMessageComposer redacting = new FailureMessageComposer(Secrets.of(TOKEN), null, 0);

        long start = System.nanoTime();
        String message = redacting.compose(List.of(ModuleResult.failed("app", "x:y", new MojoExecutionException(huge),
                huge, List.of())), List.of(new IllegalStateException(huge)));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertAcceptable(message, 5000);
        assertThat(message).startsWith("Maven build failed in module app\napp (x:y): Upload failed\n  - xxx")
                .contains("\nError: Upload failed\n").doesNotContain(TOKEN.substring(0, 8));
        assertThat(millis).as("composing 3 messages of 4 MB").isLessThan(5_000);
    }

    /** A cause chain that never ends: every getCause() makes a new exception. Its getMessage() fails now and then. */
    static final class EndlessException extends RuntimeException {
        private final int depth;

        EndlessException(int depth) {
            super("level " + depth);
            this.depth = depth;
        }

        @Override
        public synchronized Throwable getCause() {
            return new EndlessException(depth + 1);
        }

        @Override
        public String getMessage() {
            if (depth % 2 == 1) {
                throw new IllegalStateException("no message today");
            }
            return super.getMessage();
        }
    }

    @Test
    void anEndlessCauseChainOrAThrowingGetMessageEndsTheWalk() {
        String message = composer.compose(List.of(ModuleResult.failed("app", "x:y", new EndlessException(0), null, List.of())),
                List.of(new EndlessException(1)));

        assertThat(message).isEqualTo("Maven build failed in module app\napp (x:y): level 0\n  - caused by: EndlessException\n"
                + "Error: EndlessException\n  - caused by: EndlessException: level 64");
    }

    @Test
    void tenThousandFailedTestsInAModuleAreNamedAsFarAsTheyFitAndCounted() throws IOException {
        Path directory = work.resolve("many").resolve("surefire-reports");
        String[] cases = new String[10_000];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = failing("com.example.ManyTest", "test" + i, "value " + i);
        }
        writeReport(directory, "com.example.ManyTest", cases);

        String message = composer.compose(List.of(testFailure("many", directory)), List.of());

        assertAcceptable(message, 5000);
        int shown = message.split("\n  - ManyTest\\.").length - 1;
        assertThat(shown).isGreaterThan(100);
        assertThat(message).contains("\n  " + Text.ELLIPSIS + " " + (10_000 - shown) + " more tests\n");
    }

    @Test
    void theHeadlinesAloneNameEveryFailedModuleFromMavensExceptions() {
        List<ModuleResult> modules = List.of(testFailure("core", reports("core", 3, "not read")), ModuleResult.succeeded("web"),
                compileFailure("api", 4));

        String message = composer.headlines(modules, List.of(new IllegalStateException("outside\nsecond line")));

        assertThat(message).isEqualTo("Maven build failed: 2 of 3 modules failed (core, api)\n"
                + "core (maven-surefire-plugin:test): There are test failures.\n"
                + "api (maven-compiler-plugin:compile): Compilation failure\n"
                + "Error: outside");
    }

    /** A report directory whose reading fails the way a JVM at its limits does. */
    private static File failingDirectory(Error error) {
        return new File("reports") {
            @Override
            public Path toPath() {
                throw error;
            }
        };
    }

    /** An exception whose message cannot be had: the JVM is out of memory. */
    static final class HopelessException extends RuntimeException {
        @Override
        public String getMessage() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void whenComposingRunsOutOfMemoryOrStackTheHeadlinesAreReportedAndTheCauseIsTold() {
        for (Error error : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError())) {
            List<ModuleResult> modules = List.of(ModuleResult.failed("core", SUREFIRE, failedGoal(SUREFIRE, "core",
                    new MojoFailureException("There are test failures.")), null, List.of(failingDirectory(error))),
                    compileFailure("api", 2));
            List<Throwable> told = new ArrayList<>();

            String message = composer.composeOrHeadlines(modules, List.of(), told::add);

            assertThat(message).isEqualTo("Maven build failed: 2 of 2 modules failed (core, api)\n"
                    + "core (maven-surefire-plugin:test): There are test failures.\n"
                    + "api (maven-compiler-plugin:compile): Compilation failure");
            assertThat(told).containsExactly(error);
        }
    }

    @Test
    void whenEvenTheHeadlinesFailTheMessageStillSaysTheBuildFailed() {
        List<Throwable> told = new ArrayList<>();

        String message = composer.composeOrHeadlines(List.of(compileFailure("api", 1)), List.of(new HopelessException()),
                told::add);

        assertThat(message).isEqualTo(FailureMessageComposer.FALLBACK);
        assertThat(told).singleElement().isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void whenComposingWorksNothingIsTold() {
        List<Throwable> told = new ArrayList<>();

        assertThat(composer.composeOrHeadlines(List.of(compileFailure("api", 1)), List.of(), told::add))
                .isEqualTo(composer.compose(List.of(compileFailure("api", 1)), List.of()));
        assertThat(told).isEmpty();
    }

    /** Surefire 3.5.4's exception when a test calls System.exit(3): its cause's stack has Maven's frames. */
    private static ModuleResult deadTestJvm(String name, Path module) {
        String text = "\n\nSee " + module + "/target/surefire-reports for the individual test results.\n"
                + "See dump files (if any exist) [date].dump, [date]-jvmRun[N].dump and [date].dumpstream.\n"
                + "The forked VM terminated without properly saying goodbye. VM crash or System.exit called?\n"
                + "Command was /bin/sh -c cd '" + module + "' && '/usr/lib/jvm/java-17-openjdk-amd64/bin/java' '-jar' '"
                + module + "/target/surefire/surefirebooter-20261207013718673_9.jar' '" + module + "/target/surefire'\n"
                + "Error occurred in starting fork, check output in log\n"
                + "Process Exit Code: 3\n"
                + "Crashed tests:\n"
                + "shop.ExitTest";
        Exception fork = new Exception(text.substring(text.indexOf("The forked VM")));
        fork.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.apache.maven.plugin.surefire.booterclient.ForkStarter", "fork", "ForkStarter.java", 643)});
        MojoExecutionException mojo = new MojoExecutionException(text, fork);
        return ModuleResult.failed(name, SUREFIRE, failedGoal(SUREFIRE, name, mojo), null,
                List.of(module.resolve("target/surefire-reports").toFile()));
    }

    @Test
    void aTestJvmThatDiedIsOneLineWithTheClassTheExitCodeAndTheJvmsAccount() throws IOException {
        Path module = work.resolve("crash");
        Path reports = java.nio.file.Files.createDirectories(module.resolve("target/surefire-reports"));
        java.nio.file.Files.writeString(reports.resolve("2026-12-07T01-37-15_047-jvmRun1.dumpstream"), "Corrupted channel");

        String message = composer.compose(List.of(deadTestJvm("crash", module)), List.of());

        assertThat(message).isEqualTo("Maven build failed in module crash\n"
                + "crash (maven-surefire-plugin:test): The test JVM died (exit code 3) while running ExitTest: System.exit"
                + " in a test, or out of memory; the JVM's account: 2026-12-07T01-37-15_047-jvmRun1.dumpstream");
    }

    @Test
    void aTestJvmThatCrashedNamesItsErrorFile() throws IOException {
        Path module = work.resolve("native");
        java.nio.file.Files.createDirectories(module.resolve("target/surefire-reports"));
        java.nio.file.Files.writeString(module.resolve("hs_err_pid4242.log"), "# A fatal error has been detected");

        String message = composer.compose(List.of(deadTestJvm("native", module)), List.of());

        assertThat(message).endsWith(": The test JVM died (exit code 3) while running ExitTest: a crash of the JVM"
                + " itself (native code, or the JVM's own error); the JVM's account: hs_err_pid4242.log");
        assertThat(message).doesNotContain("Command was", "ForkStarter", "surefirebooter", work.toString());
    }

    @Test
    void aTestJvmThatAbortedSaysWhatItsErrorFileSays() throws IOException {
        // The head of the hs_err file JDK 17 wrote under -XX:+CrashOnOutOfMemoryError (it/test-runs, module heap).
        Path module = work.resolve("heap");
        java.nio.file.Files.createDirectories(module.resolve("target/surefire-reports"));
        java.nio.file.Files.writeString(module.resolve("hs_err_pid31764.log"), "#\n"
                + "# A fatal error has been detected by the Java Runtime Environment:\n#\n"
                + "#  Internal Error (debug.cpp:362), pid=31764, tid=31766\n"
                + "#  fatal error: OutOfMemory encountered: Java heap space\n#\n"
                + "# JRE version: OpenJDK Runtime Environment (17.0.15+6) (build 17.0.15+6-Debian-1deb12u1)\n");
        java.nio.file.Files.writeString(module.resolve("hs_err_pid1.log"), "#  SIGSEGV (0xb) at pc=0x00007f2b1c2d3e4f");
        java.nio.file.Files.setLastModifiedTime(module.resolve("hs_err_pid1.log"),
                java.nio.file.attribute.FileTime.fromMillis(1000)); // an earlier build's

        String message = new FailureMessageComposer(Secrets.none(), null, System.currentTimeMillis() - 60_000)
                .compose(List.of(deadTestJvm("heap", module)), List.of());

        assertThat(message).endsWith(": The test JVM died (exit code 3) while running ExitTest: the JVM crashed: fatal"
                + " error: OutOfMemory encountered: Java heap space; the JVM's account: hs_err_pid31764.log");
    }
}
