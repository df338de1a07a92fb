package io.github.codepipeline.maven.automatic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

class MavenBuildResultsTest {
    /** Maven's words for jsoup's failed API check (animal-sniffer 1.24, two executions of {@code check}). */
    private static final MojoFailureException ANDROID_CHECK = new MojoFailureException("Failed to execute goal"
            + " org.codehaus.mojo:animal-sniffer-maven-plugin:1.24:check (check-android21-api) on project jsoup:"
            + " Signature errors found. Verify them and ignore them with the proper annotation if needed.");

    private static MavenProject project(Plugin... plugins) {
        Model model = new Model();
        model.setBuild(new Build());
        for (Plugin plugin : plugins) {
            model.getBuild().addPlugin(plugin);
        }
        return new MavenProject(model);
    }

    private static Plugin plugin(String artifactId, String... executionGoals) {
        Plugin plugin = new Plugin();
        plugin.setGroupId("org.codehaus.mojo");
        plugin.setArtifactId(artifactId);
        int n = 0;
        for (String goal : executionGoals) {
            PluginExecution execution = new PluginExecution();
            execution.setId("execution-" + n++);
            execution.setGoals(List.of(goal));
            plugin.addExecution(execution);
        }
        return plugin;
    }

    @Test
    void theExecutionIsNamedWhenTheModuleRunsTheGoalInMoreThanOne() {
        assertThat(MavenBuildResults.goal(ANDROID_CHECK, project(plugin("animal-sniffer-maven-plugin", "check", "check"))))
                .isEqualTo("animal-sniffer-maven-plugin:check@check-android21-api");
        assertThat(MavenBuildResults.goal(ANDROID_CHECK, project(plugin("animal-sniffer-maven-plugin", "check"))))
                .as("one execution of the goal: the goal says which").isEqualTo("animal-sniffer-maven-plugin:check");
        assertThat(MavenBuildResults.goal(ANDROID_CHECK, project(plugin("animal-sniffer-maven-plugin", "check", "build"),
                plugin("other-plugin", "check")))).as("executions of other goals or plugins do not count")
                .isEqualTo("animal-sniffer-maven-plugin:check");
        assertThat(MavenBuildResults.goal(ANDROID_CHECK, null)).isEqualTo("animal-sniffer-maven-plugin:check");
    }
}
