package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How real test runs fail, with the real Surefire 3.5.4, JUnit 5.14.1 and Kotlin 2.2.21 (issue 29, it/test-runs):
 * {@code @Nested} classes counted as Surefire's {@code Tests run} counts them, a failing {@code @BeforeEach} named
 * by its method ({@code setUp:9}), a Kotlin name with spaces with its line, a test that passes on its second run
 * (flaky) and one that fails all three, and test JVMs that die ({@code System.exit}, out of memory with
 * {@code -XX:+CrashOnOutOfMemoryError}) in one line each, without the fork's command line or Maven's stack.
 */
class FailingTestRunsIT extends EndpointSupport {
    private static final String VERSIONS = "\nMaven \\d[^,\n]*, Java \\d[^\n]*$";

    @SuppressWarnings("unchecked")
    private static String detail(Map<String, Object> body, String object, String field) {
        return (String) ((Map<String, Object>) body.get(object)).get(field);
    }

    @Test
    void failedTestRunsSayWhatSurefireSays() {
        MavenBuild.Result result = build("test-runs", "testRuns").args("-fae", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        // Maven's own account is unchanged: Surefire's counts and the dead fork's command line are still printed.
        assertThat(result.log).contains("Tests run: 9, Failures: 3, Errors: 2, Skipped: 0",
                "Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Flakes: 1",
                "CookieTest.cookie set on unspecified path is set to root URL:10 expected: </> but was: <null>",
                "Process Exit Code: 3", "Command was /bin/sh");
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(endpoint.requests()).as(result.toString()).hasSize(1);
        String message = detail(bodies.get(0), "failureDetails", "message");
        assertThat(message).containsPattern(VERSIONS)
                .doesNotContain("Command was", "ForkStarter", "surefirebooter", "org.apache.maven", "/it-work/");
        assertThat(message.replaceFirst(VERSIONS, "")).matches(java.util.regex.Pattern.quote(
                "Maven build failed: 5 of 6 modules failed (nested, flaky, kotlin-names, crash, heap)\n"
                + "nested (maven-surefire-plugin:test): 5 of 9 tests failed (3 failures, 2 errors)\n"
                + "  - IllegalStateException: no database \u2014 2 tests: BrokenSetUpTest.setUp:9\n"
                + "  - CartTest.quantities(int)[2]:48 expected: <true> but was: <false>\n"
                + "  - CartTest$WithItems.total:22 total ==> expected: <42> but was: <41>\n"
                + "  - CartTest$WithItems$Discounted.tenPercent:35 expected: <90> but was: <91>\n"
                + "flaky (maven-surefire-plugin:test): 1 of 3 tests failed; 1 flaky (passed on a rerun): FlakyTest.passesOnSecondRun\n"
                + "  - FlakyTest.alwaysFails:18 total ==> expected: <42> but was: <41> (failed 3 of 3 runs)\n"
                + "kotlin-names (maven-surefire-plugin:test): 1 of 2 tests failed\n"
                + "  - CookieTest.cookie set on unspecified path is set to root URL:10 expected: </> but was: <null>\n"
                + "crash (maven-surefire-plugin:test): The test JVM died (exit code 3) while running ExitTest: System.exit in a test, or out of memory\n"
                + "heap (maven-surefire-plugin:test): The test JVM died (exit code ")
                // 134 (SIGABRT) from a shell, 1 under some process supervisors: what the JVM says is the same
                + "\\d+" + java.util.regex.Pattern.quote(") while running CacheTest: the JVM crashed: fatal error:"
                + " OutOfMemory encountered: Java heap space; the JVM's account: hs_err_pid") + "\\d+\\.log, \\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d_\\d{3}-jvmRun1\\.dumpstream"
                + java.util.regex.Pattern.quote("\nResume the build: mvn verify -rf :nested"));
    }

    @Test
    void aSuccessfulBuildNamesItsFlakyTests() {
        MavenBuild.Result result = build("test-runs", "flakySuccess")
                .args("-pl", "flaky", "-Dtest=FlakyTest#passesOnSecondRun+passes", "-Dcodepipeline.reportSuccess=true",
                        "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Flakes: 1");
        List<Map<String, Object>> bodies = endpoint.bodies(SUCCESS);
        assertThat(bodies).as(result.toString()).hasSize(1);
        assertThat(detail(bodies.get(0), "executionDetails", "summary")).matches("Maven build succeeded: 1 module, 2 tests,"
                + " (\\d+ s|\\d+ min \\d+ s); 1 flaky \\(passed on a rerun\\): FlakyTest\\.passesOnSecondRun");
    }
}
