package io.github.codepipeline.maven.message;

import static io.github.codepipeline.maven.message.TestReportsTest.failing;
import static io.github.codepipeline.maven.message.TestReportsTest.writeReport;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RerunHintTest {
    private static final List<String> VERIFY = List.of("verify");

    @TempDir
    Path work;

    private int reports;

    /** The failing tests of one module's reports, each {@code Class#method}. */
    private FailedTests tests(String... classAndMethod) throws IOException {
        Path directory = work.resolve("r" + reports++);
        for (int i = 0; i < classAndMethod.length; i++) {
            String[] parts = classAndMethod[i].split("#");
            writeReport(directory, "com.example.T" + i + parts[0], failing("com.example." + parts[0], parts[1], "wrong"));
        }
        return TestReports.failedTests(List.of(directory.toFile()), 0, 5000);
    }

    private static RerunHint.Failed failed(String module, FailedTests tests) {
        return new RerunHint.Failed(module, tests, false);
    }

    @Test
    void aLaterModuleResumesFromItAsMavenSays() {
        assertThat(RerunHint.line(List.of("clean", "verify"), List.of("api", "core", "web"),
                List.of(failed("core", null)), false)).isEqualTo("Resume the build: mvn clean verify -rf :core");
    }

    @Test
    void theFirstModuleOrASingleModuleGetsNoResumeLine() {
        assertThat(RerunHint.line(VERIFY, List.of("api", "core"), List.of(failed("api", null)), false)).isEmpty();
        assertThat(RerunHint.line(VERIFY, List.of("api"), List.of(failed("api", null)), false)).isEmpty();
    }

    @Test
    void aFewFailingTestsOfOneModuleAreRerunAlone() throws IOException {
        FailedTests tests = tests("PricesTest#discount", "PricesTest#total", "CartTest#total");

        assertThat(RerunHint.line(VERIFY, List.of("api", "core"), List.of(failed("core", tests)), false))
                .isEqualTo("Rerun the failed tests: mvn verify -pl :core -Dtest=PricesTest#discount+total,CartTest#total");
        // One module: no -pl.
        assertThat(RerunHint.line(VERIFY, List.of("core"), List.of(failed("core", tests)), false))
                .isEqualTo("Rerun the failed tests: mvn verify -Dtest=PricesTest#discount+total,CartTest#total");
        // The first module too: the tests are what to rerun.
        assertThat(RerunHint.line(VERIFY, List.of("core", "web"), List.of(failed("core", tests)), false))
                .isEqualTo("Rerun the failed tests: mvn verify -pl :core -Dtest=PricesTest#discount+total,CartTest#total");
        // Failsafe selects with -Dit.test.
        assertThat(RerunHint.line(VERIFY, List.of("core"), List.of(new RerunHint.Failed("core", tests, true)), false))
                .isEqualTo("Rerun the failed tests: mvn verify -Dit.test=PricesTest#discount+total,CartTest#total");
    }

    @Test
    void manyFailingTestsOrTestsOfSeveralModulesResumeTheBuildInstead() throws IOException {
        FailedTests five = tests("A#a", "B#b", "C#c", "D#d", "E#e");
        assertThat(RerunHint.selector(five)).isEmpty();
        assertThat(RerunHint.line(VERIFY, List.of("api", "core"), List.of(failed("core", five)), false))
                .isEqualTo("Resume the build: mvn verify -rf :core");
        assertThat(RerunHint.line(VERIFY, List.of("core"), List.of(failed("core", five)), false)).isEmpty();

        FailedTests one = tests("A#a");
        assertThat(RerunHint.line(VERIFY, List.of("api", "core", "web"),
                List.of(failed("core", one), failed("web", one)), false)).isEqualTo("Resume the build: mvn verify -rf :core");
    }

    @Test
    void aTestNoPlainSelectorNamesLeavesTheTestsFormOut() throws IOException {
        Path directory = work.resolve("spaces");
        writeReport(directory, "com.example.CookieTest", failing("com.example.CookieTest", "cookie is set", "wrong"));
        FailedTests spaces = TestReports.failedTests(List.of(directory.toFile()), 0, 5000);

        assertThat(RerunHint.selector(spaces)).isEmpty();
        assertThat(RerunHint.line(VERIFY, List.of("core"), List.of(failed("core", spaces)), false)).isEmpty();
    }

    @Test
    void parameterizedInvocationsOfOneMethodAreOneSelector() throws IOException {
        Path directory = work.resolve("params");
        writeReport(directory, "com.example.PriceTest", failing("com.example.PriceTest", "rounds(int)[1]", "wrong"),
                failing("com.example.PriceTest", "rounds(int)[2]", "wrong"));
        FailedTests params = TestReports.failedTests(List.of(directory.toFile()), 0, 5000);

        assertThat(RerunHint.selector(params)).isEqualTo("PriceTest#rounds");
    }

    @Test
    void noLineWithoutGoalsForAnErrorOutsideModulesOrForNamesAndGoalsThatAreNotPlain() {
        List<RerunHint.Failed> core = List.of(failed("core", null));
        List<String> reactor = List.of("api", "core");
        assertThat(RerunHint.line(null, reactor, core, false)).isEmpty();
        assertThat(RerunHint.line(VERIFY, reactor, List.of(), true)).isEmpty();
        assertThat(RerunHint.line(VERIFY, reactor, core, true)).isEmpty();
        assertThat(RerunHint.line(List.of("verify", "-Dtoken=x y"), reactor, core, false)).isEmpty();
        assertThat(RerunHint.line(List.of("x".repeat(250)), reactor, core, false)).isEmpty();
        // The same artifactId twice: Maven would name it groupId:artifactId, which the message does not know.
        assertThat(RerunHint.line(VERIFY, List.of("api", "core", "core"), core, false)).isEmpty();
        assertThat(RerunHint.line(VERIFY, List.of("api", "co re"), List.of(failed("co re", null)), false)).isEmpty();
        // No goals (the POM's default goal): Maven's own line names none either.
        assertThat(RerunHint.line(List.of(), reactor, core, false)).isEqualTo("Resume the build: mvn -rf :core");
    }
}
