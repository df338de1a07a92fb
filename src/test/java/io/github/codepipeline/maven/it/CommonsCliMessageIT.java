package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real open-source build: Apache Commons CLI at an upstream commit (its pom and parent as upstream, the plugin as a
 * core extension; {@code it/vendor/README.txt} says what was trimmed), built with Maven 3.9 without a UTF-8 locale
 * and broken, in a copy, the ways such a build breaks: a file that lost its license header (Apache RAT 0.18, which
 * names the files only in a WARNING block after its ERROR count), a regression one of its tests catches, and a
 * Checkstyle violation. Each test runs only the phases or goal its break needs (other gates skipped with {@code -D}),
 * and asserts the exact message and failure type that reached the endpoint, and that Maven printed the facts it
 * carries.
 */
class CommonsCliMessageIT extends EndpointSupport {
    private static final String PROJECT = "vendor/commons-cli";
    private static final String SOURCES = "src/main/java/org/apache/commons/cli/";
    private static final String VERSIONS = "\nMaven 3\\.9\\.16, Java \\d[^\n]*$";

    @Test
    void aFileWithoutItsLicenseHeaderIsNamedFromRatsWarningBlock() throws IOException {
        MavenBuild build = commonsCli("commonsCliRat");
        Path file = build.directory().resolve(SOURCES + "Char.java");
        String source = read(file);
        String header = source.substring(0, source.indexOf("package "));
        assertThat(header).contains("Licensed to the Apache Software Foundation");
        write(file, source.substring(header.length()));

        MavenBuild.Result result = build.args("validate").run();

        assertThat(result.log).as(result.toString()).contains("[ERROR] Unexpected count for UNAPPROVED, limit is [0,0].  Count: 1",
                "Files with unapproved licenses:\n  /" + SOURCES + "Char.java\n");
        assertThat(reportedMessage(result, build, "commons-cli-rat")).isEqualTo("Maven build failed in module commons-cli\n"
                + "commons-cli (apache-rat-plugin:check): Counter(s) UNAPPROVED exceeded minimum or maximum values."
                + " See RAT report in: 'rat.txt'.\n"
                + "  - Unexpected count for UNAPPROVED, limit is [0,0].  Count: 1\n"
                + "  - Files with unapproved licenses: Char.java");
    }

    /** Util.stripLeadingAndTrailingQuotes loses its check for inner quotes; an upstream test sees it. */
    @Test
    void aRegressionNamesTheTestItsLineAndTheAssertionsMessage() throws IOException {
        MavenBuild build = commonsCli("commonsCliTest");
        replace(build.directory().resolve(SOURCES + "Util.java"),
                " && str.substring(1, length - 1).indexOf('\"') == -1", "");

        MavenBuild.Result result = build.args("-Drat.skip=true", "-Djacoco.skip=true", "test").run();

        assertThat(result.log).as(result.toString()).contains("Tests run: 108, Failures: 1, Errors: 0, Skipped: 0",
                "UtilTest.testStripLeadingAndTrailingQuotes:34 expected: <\"foo\" and \"bar\"> but was: <foo\" and \"bar>");
        assertThat(reportedMessage(result, build, "commons-cli-test")).isEqualTo("Maven build failed in module commons-cli\n"
                + "commons-cli (maven-surefire-plugin:test): 1 of 108 tests failed\n"
                + "  - UtilTest.testStripLeadingAndTrailingQuotes:34 expected: <\"foo\" and \"bar\"> but was: <foo\" and \"bar>\n"
                + "Rerun the failed tests: mvn test -Dtest=UtilTest#testStripLeadingAndTrailingQuotes");
    }

    /** An unused import, put where it also breaks the import order: upstream's own Checkstyle rules, two violations. */
    @Test
    void checkstyleViolationsAreListedWithFileLineAndRule() throws IOException {
        MavenBuild build = commonsCli("commonsCliCheckstyle");
        replace(build.directory().resolve(SOURCES + "Util.java"), "import org.apache.commons.cli.help.OptionFormatter;",
                "import java.util.List;\nimport org.apache.commons.cli.help.OptionFormatter;");

        MavenBuild.Result result = build.args("checkstyle:check").run();

        assertThat(result.log).as(result.toString()).contains("Util.java:[20,8] (imports) UnusedImports: Unused import - java.util.List.");
        assertThat(reportedMessage(result, build, "commons-cli-checkstyle")).isEqualTo("Maven build failed in module commons-cli\n"
                + "commons-cli (maven-checkstyle-plugin:check): You have 2 Checkstyle violations.\n"
                + "  - " + SOURCES + "Util.java:[20,8] (imports) UnusedImports: Unused import - java.util.List.\n"
                + "  - " + SOURCES + "Util.java:[21,1] (imports) ImportOrder: 'org.apache.commons.cli.help.OptionFormatter'"
                + " should be separated from previous imports.");
    }

    /** A fresh copy of the vendored tree, built by Maven 3.9 (its enforcer asks for it) in the C locale, as CI runs. */
    private MavenBuild commonsCli(String test) {
        return build(PROJECT, test).mavenHome(System.getProperty("it.maven.3.9.16")).env("LC_ALL", "C");
    }

    /**
     * The build failed, and sent one failure, of type JobFailed: its message (also written to {@code
     * target/example-messages/<example>.txt}) without the versions line.
     */
    @SuppressWarnings("unchecked")
    private String reportedMessage(MavenBuild.Result result, MavenBuild build, String example) throws IOException {
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("CodePipeline: reported the failure of job");
        assertThat(endpoint.requests()).as(result.toString()).hasSize(1);
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        Map<String, Object> details = (Map<String, Object>) bodies.get(0).get("failureDetails");
        assertThat(details).containsEntry("type", "JobFailed");
        String message = (String) details.get("message");
        assertThat(message).doesNotContain(build.directory().toString(), "/it-work/", "/work/", "/tmp/", "file:/",
                "\u001B", "\r", "[ERROR]", "[WARNING]").containsPattern(VERSIONS);
        RealBuildMessageIT.example(example, message);
        return message.replaceFirst(VERSIONS, "");
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code from}, which must be in the file, by {@code to}: a break that no longer applies fails here. */
    private static void replace(Path file, String from, String to) throws IOException {
        String text = read(file);
        assertThat(text).contains(from);
        write(file, text.replace(from, to));
    }
}
