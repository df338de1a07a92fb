package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The failing goal's own lines in the message, and long headlines kept whole up to their facts (issue 29). */
class GoalLinesMessageTest {
    private final FailureMessageComposer composer = new FailureMessageComposer(Secrets.none(), null, 0);

    private static LifecycleExecutionException failedGoal(String goal, String project, Throwable cause) {
        return new LifecycleExecutionException("Failed to execute goal org.example:" + goal.replace(":", ":1.0:")
                + " (default) on project " + project + ": " + cause.getMessage(), cause);
    }

    private static GoalLines printed(String... lines) {
        GoalLines goalLines = new GoalLines();
        for (String line : lines) {
            goalLines.accept(line);
        }
        return goalLines;
    }

    @Test
    void aGoalThatSaysSeeTheLogGetsTheLinesItPrintedCleaned() {
        String goal = "maven-checkstyle-plugin:check";
        ModuleResult module = ModuleResult.failed("shop", goal,
                failedGoal(goal, "shop", new MojoFailureException("You have 2 Checkstyle violations.")), null, List.of())
                .withGoalLines(printed(
                        "[INFO] Starting audit...",
                        "[\u001B[1;31mERROR\u001B[m] /home/ci/shop/src/main/java/Names.java:[3,8] (imports) UnusedImports:"
                                + " Unused import - java.util.List.",
                        "[ERROR] /home/ci/shop/src/main/java/Names.java:[4,15] (imports) AvoidStarImport: Using the '.*' form",
                        "[ERROR] You have 2 Checkstyle violations.",
                        "[WARNING] a warning that the errors make needless"));

        assertThat(composer.compose(List.of(module), List.of())).isEqualTo("Maven build failed in module shop\n"
                + "shop (maven-checkstyle-plugin:check): You have 2 Checkstyle violations.\n"
                + "  - Names.java:[3,8] (imports) UnusedImports: Unused import - java.util.List.\n"
                + "  - Names.java:[4,15] (imports) AvoidStarImport: Using the '.*' form");
    }

    @Test
    void whenNoErrorLineAddsAnythingTheWarningsSayWhy() {
        String goal = "jacoco-maven-plugin:check";
        ModuleResult module = ModuleResult.failed("shop", goal, failedGoal(goal, "shop",
                new MojoExecutionException("Coverage checks have not been met. See log for details.")), null, List.of())
                .withGoalLines(printed(
                        "[WARNING] Rule violated for bundle shop: lines covered ratio is 0.18, but expected minimum is 0.90",
                        "[ERROR] Coverage checks have not been met. See log for details."));

        assertThat(composer.compose(List.of(module), List.of())).isEqualTo("Maven build failed in module shop\n"
                + "shop (jacoco-maven-plugin:check): Coverage checks have not been met. See log for details.\n"
                + "  - Rule violated for bundle shop: lines covered ratio is 0.18, but expected minimum is 0.90");
    }

    @Test
    void secretsTheGoalPrintedAreMasked() {
        Map<String, String> environment = new HashMap<>();
        environment.put("CODEPIPELINE_CLIENT_TOKEN", "tok-SECRET-7f3a9c1e5b2d");
        FailureMessageComposer redacting = new FailureMessageComposer(
                Secrets.from(new SettingSources(null, null, new HashMap<>(), environment)), null, 0);
        String goal = "exec-maven-plugin:exec";
        ModuleResult module = ModuleResult.failed("deploy", goal,
                failedGoal(goal, "deploy", new MojoExecutionException("Command execution failed.")), null, List.of())
                .withGoalLines(printed("[ERROR] login refused for token tok-SECRET-7f3a9c1e5b2d"));

        assertThat(redacting.compose(List.of(module), List.of())).contains("  - login refused for token ****")
                .doesNotContain("7f3a9c1e5b2d");
    }

    @Test
    void aPluginBuiltForANewerJavaKeepsBothVersionsAndNoClassRealmDump() {
        String goal = "newer-java-maven-plugin:hello";
        String error = "com/example/newer/HelloMojo has been compiled by a more recent version of the Java Runtime"
                + " (class file version 65.0), this version of the Java Runtime only recognizes class file versions up to 61.0";
        String dump = "\n-----------------------------------------------------\n"
                + "realm =    plugin>it.example:newer-java-maven-plugin:1.0\n"
                + "strategy = org.codehaus.plexus.classworlds.strategy.SelfFirstStrategy\n"
                + "urls[0] = file:/home/ci/.m2/repository/it/example/newer-java-maven-plugin/1.0/newer-java-maven-plugin-1.0.jar\n"
                + "urls[1] = file:/home/ci/.m2/repository/org/example/helper/1.0/helper-1.0.jar\n"
                + "Number of foreign imports: 1\n"
                + "import: Entry[import  from realm ClassRealm[maven.api, parent: null]]\n\n"
                + "-----------------------------------------------------\n";
        MojoExecutionException lookup = new MojoExecutionException("Unable to load the mojo 'hello' in the plugin"
                + " 'it.example:newer-java-maven-plugin:1.0' due to an API incompatibility:"
                + " org.codehaus.plexus.component.repository.exception.ComponentLookupException: " + error + dump,
                new UnsupportedClassVersionError(error));
        MojoExecutionException execution = new MojoExecutionException("Execution greet of goal"
                + " it.example:newer-java-maven-plugin:1.0:hello failed: " + lookup.getMessage(), lookup);
        ModuleResult module = ModuleResult.failed("greeter", goal, failedGoal(goal, "greeter", execution), null, List.of());

        assertThat(composer.compose(List.of(module), List.of())).isEqualTo("Maven build failed in module greeter\n"
                + "greeter (newer-java-maven-plugin:hello): Unable to load the mojo 'hello' in the plugin"
                + " 'it.example:newer-java-maven-plugin:1.0' due to an API incompatibility: com/example/newer/HelloMojo"
                + " has been compiled by a more recent version of the Java Runtime (class file version 65.0 (Java 21)),"
                + " this version of the Java Runtime only recognizes class file versions up to 61.0 (Java 17)");
    }

    @Test
    void classRealmDumpLinesAreKnown() {
        assertThat(ClassRealmDump.isDumpLine("urls[12] = file:/home/ci/.m2/x.jar")).isTrue();
        assertThat(ClassRealmDump.isDumpLine("realm =    plugin>a:b:1")).isTrue();
        assertThat(ClassRealmDump.isDumpLine("Number of foreign imports: 1")).isTrue();
        assertThat(ClassRealmDump.isDumpLine("the realm is fine")).isFalse();
    }
}
