package io.github.codepipeline.maven.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the reported message says, for real builds: the summary, each failed module with its goal and cause, test
 * and compiler details, modules with a shared cause grouped, the 5000-character budget, clean text, redaction and
 * the derived failure type. The
 * messages of the README's examples are written to {@code target/example-messages}.
 */
class MessageIT extends EndpointSupport {
    private static final String JOB_ID = FailureReportIT.JOB_ID;
    private static final String TOKEN = FailureReportIT.TOKEN;
    private static final String VERSIONS = "\nMaven \\d[^,\n]*, Java \\d[^\n]*$";

    /** The failure details of the one report the build made. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyReport(MavenBuild.Result result) {
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(endpoint.requests()).as(result.toString()).hasSize(1);
        assertThat(result.lines("CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
        return (Map<String, Object>) bodies.get(0).get("failureDetails");
    }

    /** The message without its last line, which names the versions of Maven and Java this build ran with. */
    private String onlyMessage(MavenBuild.Result result) {
        String message = (String) onlyReport(result).get("message");
        assertThat(message).doesNotContain("\u001B", "\r", TOKEN, MavenBuild.SECRET_KEY);
        assertThat(message.length()).isBetween(1, 5000);
        assertThat(message).containsPattern(VERSIONS);
        return message.replaceFirst(VERSIONS, "");
    }

    /** Keeps a real message for the README. */
    private static void example(String name, String message) throws IOException {
        Path directory = Paths.get(System.getProperty("it.work")).resolveSibling("example-messages");
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".txt"), (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFailingTestIsNamedWithItsAssertionMessageEvenInColour() throws IOException {
        MavenBuild.Result result = build("test-failure", "messageTestFailure").args("-Dstyle.color=always", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).as("Maven's output is coloured").contains("\u001B[");
        String message = onlyMessage(result);
        assertThat(message).isEqualTo("Maven build failed in module shop-core\n"
                + "shop-core (maven-surefire-plugin:test): 1 of 2 tests failed\n"
                + "  - CartTest.addsNegativeNumbers:15 sum of -2 and -3 ==> expected: <-4> but was: <-5>\n"
                // One module, one failing test: that test alone, as Surefire's -Dtest selects it.
                + "Rerun the failed tests: mvn verify -Dtest=CartTest#addsNegativeNumbers");
        example("test-failure", message);
    }

    @Test
    void aCompileFailureListsTheCompilerErrors() throws IOException {
        MavenBuild.Result result = build("compile-failure", "messageCompileFailure").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        String message = onlyMessage(result);
        assertThat(message).isEqualTo("Maven build failed in module shop-api\n"
                + "shop-api (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Cart.java:[5,9] cannot find symbol; symbol: class Price; location: class com.example.Cart\n"
                + "  - Cart.java:[5,27] cannot find symbol; symbol: class Price; location: class com.example.Cart");
        example("compile-failure", message);
    }

    @Test
    void aParallelFailAtEndBuildReportsEveryFailedModuleOnce() throws IOException {
        MavenBuild.Result result = build("multi-module", "messageMultiModule").args("-fae", "-T", "2", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        String message = onlyMessage(result);
        assertThat(message).isEqualTo("Maven build failed: 2 of 5 modules failed (bravo, charlie); 1 skipped (delta)\n"
                + "bravo (maven-surefire-plugin:test): 1 of 2 tests failed\n"
                + "  - DiscountTest.tenPercentOff:15 10% off 10.00 ==> expected: <900> but was: <800>\n"
                + "charlie (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Invoice.java:[5,9] cannot find symbol; symbol: class Money; location: class com.example.charlie.Invoice\n"
                + "  - Invoice.java:[5,21] cannot find symbol; symbol: variable Money; location: class com.example.charlie.Invoice\n"
                + "  - Invoice.java:[10,16] incompatible types: java.lang.String cannot be converted to int\n"
                // The first failed module in the reactor's order (Maven 3.8's own line under -T names the one that
                // failed first in time, here charlie, which would skip bravo).
                + "Resume the build: mvn verify -rf :bravo");
        example("multi-module", message);
    }

    @Test
    void modulesBrokenTheSameWayShareOneSectionAndTheOthersKeepTheirOwn() throws IOException {
        MavenBuild.Result result = build("shared-cause", "messageSharedCause").args("-fae", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        String message = onlyMessage(result);
        assertThat(message).isEqualTo("Maven build failed: 8 of 10 modules failed"
                + " (orders, billing, shipping, returns, invoices, catalog, web, search)\n"
                + "orders, billing, shipping, returns, invoices, catalog (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Client.java:[7,21] cannot find symbol; symbol: method total(int); location: class com.example.api.Price\n"
                + "web (maven-compiler-plugin:compile): Compilation failure\n"
                + "  - Page.java:[7,31] incompatible types: java.lang.String cannot be converted to int\n"
                + "search (maven-surefire-plugin:test): 1 of 1 test failed\n"
                + "  - IndexTest.findsEveryShoe:10 hits for shoe ==> expected: <3> but was: <4>\n"
                + "Resume the build: mvn verify -rf :orders");
        assertThat(result.log).as("Maven's own line").contains("mvn <args> -rf :orders");
        example("shared-cause", message);
    }

    @Test
    void failNeverStillReportsOnce() throws IOException {
        // Offline: delta, built despite charlie's failure, must not look for charlie in a remote repository.
        MavenBuild.Result result = build("multi-module", "messageFailNever").args("-fn", "-o", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        String message = onlyMessage(result);
        assertThat(message).startsWith("Maven build failed: 3 of 5 modules failed (bravo, charlie, delta)\n").contains(
                "\nbravo (maven-surefire-plugin:test): 1 of 2 tests failed\n",
                "\ncharlie (maven-compiler-plugin:compile): Compilation failure\n",
                "\ndelta: Could not resolve dependencies");
        example("fail-never", message);
    }

    @Test
    void aHugeFailureIsCutToTheLimitAndStillNamesEveryModule() throws IOException {
        MavenBuild.Result result = build("huge-failure", "messageHuge")
                .args("-fae", "-Dcodepipeline.externalExecutionId=ci-run-8842", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        Map<String, Object> report = onlyReport(result);
        assertThat(report).containsEntry("externalExecutionId", "ci-run-8842");
        String message = (String) report.get("message");
        assertThat(message.length()).isBetween(4000, 5000);
        assertThat(message).containsPattern(VERSIONS);
        assertThat(message.codePointCount(0, message.length())).isLessThanOrEqualTo(5000);
        assertThat(message).doesNotContain("\u001B", "\r", "[31m")
                .startsWith("Maven build failed: 2 of 3 modules failed (first, last)\n"
                        + "first (maven-surefire-plugin:test): 60 of 60 tests failed\n"
                        + "  - MenuTest.pricesEveryDish(int)[1]:23 Plat n°1 « crème brûlée » 中文菜单 \uD83C\uDF5C\uD83C\uDF89"
                        + " prix inattendu: café 0 \uD83D\uDE00 àéîõü café 1")
                .containsPattern("\n  \u2026 \\d\\d more tests\nlast \\(maven-compiler-plugin:compile\\): Compilation failure\n"
                        + "  - Till.java:\\[5,16] cannot find symbol; symbol: +variable Receipt")
                .contains("\n\u2026 (truncated; the full log is in CI run ci-run-8842)\nMaven ");
        example("huge-failure", message);
    }

    @Test
    void secretsATestPrintsIntoItsFailureAreMasked() throws IOException {
        String sessionToken = "FwoGZXIvYXdzEXAMPLE-session-token-0123456789";
        endpoint.acceptKeys(MavenBuild.ACCESS_KEY, MavenBuild.SECRET_KEY, sessionToken);
        MavenBuild.Result result = build("token-in-test", "messageToken").env("AWS_SESSION_TOKEN", sessionToken)
                .args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).as("the test did print them").contains(TOKEN, MavenBuild.SECRET_KEY, sessionToken);
        String message = onlyMessage(result);
        assertThat(message).doesNotContain(sessionToken).contains("DeployTest.usesTheRightCredentials:15 token **** with"
                + " secret key **** and session **** was rejected ==> expected: <expected-token> but was: <****>");
        example("token-in-test", message);
    }

    @Test
    void otherPluginFailuresShowThePluginsMessage() throws IOException {
        MavenBuild.Result result = build("enforcer-failure", "messageEnforcer").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        Map<String, Object> report = onlyReport(result);
        assertThat(report).containsEntry("type", "JobFailed");
        assertThat((String) report.get("message")).startsWith("Maven build failed in module gatekeeper\n"
                + "gatekeeper (maven-enforcer-plugin:enforce): ")
                .contains("RequireJavaVersion", "is not in the allowed range [99,)");
        example("enforcer-failure", (String) report.get("message"));
    }

    @Test
    void anUnknownPhaseIsAConfigurationError() throws IOException {
        MavenBuild.Result result = build("passing", "messageUnknownPhase").args("verifyy").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        Map<String, Object> report = onlyReport(result);
        assertThat(report).containsEntry("type", "ConfigurationError");
        assertThat((String) report.get("message")).startsWith("Maven build failed").contains("Unknown lifecycle phase \"verifyy\".");
        example("unknown-phase", (String) report.get("message"));
    }

    @Test
    void aRepositoryThatRefusesUsIsAPermissionError() throws IOException {
        WireMockServer repository = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        repository.start();
        try {
            repository.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic")));
            MavenBuild.Result result = build("private-dependency", "messagePermission")
                    .args("-U", "-Dprivate.repository=http://127.0.0.1:" + repository.port() + "/maven", "verify").run();

            assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
            Map<String, Object> report = onlyReport(result);
            assertThat(report).containsEntry("type", "PermissionError");
            assertThat((String) report.get("message")).startsWith("Maven build failed in module billing\nbilling: ")
                    .contains("com.example.private:ledger", "401");
            example("permission-error", (String) report.get("message"));
        } finally {
            repository.stop();
        }
    }
}
