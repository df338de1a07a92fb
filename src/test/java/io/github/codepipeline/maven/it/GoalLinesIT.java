package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The failing goal's own ERROR and WARNING lines in the message, with the real plugins whose exceptions say "see
 * the log" (Checkstyle, JaCoCo's check, Apache RAT, javac's {@code -Werror}, PMD's check) and japicmp comparing a
 * module against its baseline built in the same reactor, one module each in {@code
 * it/goal-lines}, built with {@code -fae}; on Maven 3.6.3 (where japicmp needs a newer Maven), 3.9 and 4, as a pom extension and as a core extension; and
 * the console of such a build byte for byte the same with and without the plugin.
 */
class GoalLinesIT extends EndpointSupport {
    private static final String VERSIONS = "\nMaven \\d[^,\n]*, Java \\d[^\n]*$";
    static final String MESSAGE = "Maven build failed: 6 of 8 modules failed (style, coverage, license, strict, rules,"
            + " compat)\n"
            + "style (maven-checkstyle-plugin:check): You have 2 Checkstyle violations.\n"
            + "  - src/main/java/com/example/style/Names.java:[3,8] (imports) UnusedImports: Unused import - java.util.List.\n"
            + "  - src/main/java/com/example/style/Names.java:[4,15] (imports) AvoidStarImport: Using the '.*' form of"
            + " import should be avoided - java.io.*.\n"
            + "coverage (jacoco-maven-plugin:check): Coverage checks have not been met. See log for details.\n"
            + "  - Rule violated for bundle coverage: lines covered ratio is 0.18, but expected minimum is 0.90\n"
            + "  - Rule violated for bundle coverage: branches covered ratio is 0.00, but expected minimum is 0.80\n"
            + "license (apache-rat-plugin:check): Too many files with unapproved license: 1 See RAT report in: rat.txt\n"
            + "  - Files with unapproved licenses: Unlicensed.java\n"
            + "strict (maven-compiler-plugin:compile): Compilation failure\n"
            + "  - Legacy.java: warnings found and -Werror specified\n"
            + "  - Legacy.java:[8,19] found raw type: java.util.List; missing type arguments for generic class java.util.List<E>\n"
            + "  - Legacy.java:[8,36] found raw type: java.util.ArrayList; missing type arguments for generic class"
            + " java.util.ArrayList<E>\n"
            + "  - Legacy.java:[11,16] Integer(int) in java.lang.Integer has been deprecated and marked for removal\n"
            + "rules (maven-pmd-plugin:check): PMD 7.17.0 has found 2 violations. For more details see: pmd.xml\n"
            + "  - PMD Failure: com.example.rules.Orders:4 Rule:UnusedPrivateField Priority:3 Avoid unused private fields"
            + " such as 'unused'..\n"
            + "  - PMD Failure: com.example.rules.Orders:9 Rule:EmptyCatchBlock Priority:3 Avoid empty catch blocks.\n"
            + "compat (japicmp-maven-plugin:cmp): There is at least one incompatibility:"
            + " com.example.compat.Prices.discount(int):METHOD_REMOVED\n"
            + "Resume the build: mvn verify -rf :style";
    /** On Maven 3.6.3 japicmp's goal does not run: every japicmp-maven-plugin served here requires Maven 3.8.1. */
    static final String MESSAGE_363 = MESSAGE.replace("compat (japicmp-maven-plugin:cmp): There is at least one incompatibility:"
            + " com.example.compat.Prices.discount(int):METHOD_REMOVED\n", "compat (japicmp-maven-plugin:cmp): The plugin"
            + " com.github.siom79.japicmp:japicmp-maven-plugin:0.27.0 requires Maven version 3.8.1\n");

    @SuppressWarnings("unchecked")
    private String onlyMessage(MavenBuild.Result result) {
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).as(result.toString()).hasSize(1);
        String message = (String) ((Map<String, Object>) bodies.get(0).get("failureDetails")).get("message");
        assertThat(message).doesNotContain("\u001B", "\r", "/work/", "/tmp/", "[ERROR]", "[WARNING]");
        assertThat(message).containsPattern(VERSIONS);
        return message.replaceFirst(VERSIONS, "");
    }

    @Test
    void theFailingGoalsOwnLinesSayWhatTheirExceptionsLeaveToTheLog() {
        MavenBuild.Result result = build("goal-lines", "goalLines").args("-fae", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(onlyMessage(result)).isEqualTo(MESSAGE);
    }

    @Test
    void underParallelBuildsAndInColourEachModuleKeepsItsOwnLines() {
        MavenBuild.Result result = build("goal-lines", "goalLinesParallel")
                .args("-fae", "-T", "3", "-Dstyle.color=always", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).as("Maven's output is coloured").contains("\u001B[");
        assertThat(onlyMessage(result)).isEqualTo(MESSAGE);
    }

    @Test
    void maven4AsACoreExtensionToo() throws IOException {
        MavenBuild build = build("goal-lines", "goalLinesMaven4Core").mavenHome(System.getProperty("it.maven.4.0.0-rc-6"));
        asCoreExtension(build.directory());
        MavenBuild.Result result = build.args("-V", "-fae", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("Apache Maven 4.0.0-rc-6");
        assertThat(onlyMessage(result)).isEqualTo(MESSAGE);
    }

    @Test
    void maven363() {
        MavenBuild.Result result = build("goal-lines", "goalLinesMaven363").mavenHome(System.getProperty("it.maven.3.6.3"))
                .args("-fae", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(onlyMessage(result)).isEqualTo(MESSAGE_363).isNotEqualTo(MESSAGE);
    }

    /**
     * The same build, once with the plugin copying the goals' lines (a job), once without the plugin in the POM:
     * the console bytes are the same but for the plugin's own report line and what varies from run to run (times,
     * the build's directory).
     */
    @Test
    void theConsoleIsByteIdenticalWithAndWithoutThePlugin() throws IOException {
        MavenBuild with = build("goal-lines", "goalLinesConsoleWith");
        MavenBuild without = MavenBuild.of("goal-lines", "goalLinesConsoleWithout");
        withoutPlugin(without.directory());
        MavenBuild.Result withResult = with.args("-fae", "-Dstyle.color=always", "verify").run();
        MavenBuild.Result withoutResult = without.args("-fae", "-Dstyle.color=always", "verify").run();

        assertThat(withResult.exitCode).isEqualTo(1);
        assertThat(withoutResult.exitCode).isEqualTo(1);
        assertThat(endpoint.bodies(FAILURE)).hasSize(1);
        String withLog = comparable(with.directory(), true);
        String withoutLog = comparable(without.directory(), false);
        assertThat(withLog).as("a build that logs a lot").contains("price check 4999: total 34993");
        assertThat(withLog).isEqualTo(withoutLog);
    }

    /** The build's console bytes, read as ISO-8859-1 (one char per byte), with what differs between runs replaced. */
    private static String comparable(Path directory, boolean withPlugin) throws IOException {
        String log = new String(Files.readAllBytes(directory.resolve("build.log")), StandardCharsets.ISO_8859_1);
        log = log.replace(directory.toString(), "<dir>");
        if (withPlugin) {
            log = Pattern.compile("^\\S*\\[\\S*INFO\\S*\\] CodePipeline: reported the failure of job [^\n]*\n", Pattern.MULTILINE)
                    .matcher(log).replaceAll("");
        }
        return log.replaceAll("\\[ *\\d+(?:[.,]\\d+)? (?:s|min|ms)]", "[<time>]")
                .replaceAll("\\d+(?:[.,]\\d+)? (?:s|min|ms)\\b", "<time>")
                .replaceAll("Finished at: [^\n]*", "Finished at: <when>");
    }

    private static void withoutPlugin(Path directory) {
        try {
            Path pom = directory.resolve("pom.xml");
            String text = new String(Files.readAllBytes(pom), StandardCharsets.UTF_8);
            String without = Pattern.compile("\\s*<plugin>\\s*<groupId>io\\.github\\.codepipeline\\.maven</groupId>.*?</plugin>",
                    Pattern.DOTALL).matcher(text).replaceFirst("");
            assertThat(without).isNotEqualTo(text).doesNotContain("codepipeline-maven-plugin");
            Files.write(pom, without.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void asCoreExtension(Path directory) throws IOException {
        withoutPlugin(directory);
        Files.createDirectories(directory.resolve(".mvn"));
        Files.write(directory.resolve(".mvn/extensions.xml"), ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<extensions>\n"
                + "  <extension>\n    <groupId>io.github.codepipeline.maven</groupId>\n"
                + "    <artifactId>codepipeline-maven-plugin</artifactId>\n    <version>" + MavenBuild.pluginVersion()
                + "</version>\n  </extension>\n</extensions>\n").getBytes(StandardCharsets.UTF_8));
    }
}
