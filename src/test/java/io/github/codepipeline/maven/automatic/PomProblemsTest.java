package io.github.codepipeline.maven.automatic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.apache.maven.model.building.DefaultModelProblem;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.project.DependencyResolutionResult;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingResult;
import org.junit.jupiter.api.Test;

class PomProblemsTest {
    private static ProjectBuildingResult result(String projectId, File pom, ModelProblem... problems) {
        return new ProjectBuildingResult() {
            @Override
            public String getProjectId() {
                return projectId;
            }

            @Override
            public File getPomFile() {
                return pom;
            }

            @Override
            public MavenProject getProject() {
                return null;
            }

            @Override
            public List<ModelProblem> getProblems() {
                return List.of(problems);
            }

            @Override
            public DependencyResolutionResult getDependencyResolutionResult() {
                return null;
            }
        };
    }

    private static ModelProblem problem(ModelProblem.Severity severity, String message, String source, int line) {
        return new DefaultModelProblem(message, severity, ModelProblem.Version.BASE, source, line, 5, null, null);
    }

    @Test
    void eachProblemNamesItsModulePomFileAndLineWithoutTheMachinesPathOrSeverityPrefix() {
        File pom = new File("/home/ci/work/shop/shop-api/pom.xml");
        ProjectBuildingException error = new ProjectBuildingException(List.of(result("it.example:shop-api:1.0", pom,
                problem(ModelProblem.Severity.ERROR, "'dependencies.dependency.version' for junit:junit:jar is missing.",
                        pom.getPath(), 46),
                problem(ModelProblem.Severity.WARNING, "'build.plugins.plugin.version' is missing.", pom.getPath(), 12),
                problem(ModelProblem.Severity.FATAL, "Non-parseable POM", "/home/ci/work/shop/pom.xml", 3))));

        Throwable described = PomProblems.of(error);

        assertThat(error.getMessage()).contains("[ERROR]");
        assertThat(described.getMessage()).isEqualTo("The POMs have 2 problems:\n"
                + "shop-api (shop-api/pom.xml:46): 'dependencies.dependency.version' for junit:junit:jar is missing.\n"
                + "shop-api (shop/pom.xml:3): Non-parseable POM");
    }

    @Test
    void otherErrorsAndExceptionsWithoutResultsStayAsTheyAre() {
        RuntimeException other = new RuntimeException("x");
        ProjectBuildingException single = new ProjectBuildingException("it.example:a:1", "bad", (Throwable) null);

        assertThat(PomProblems.of(other)).isSameAs(other);
        assertThat(PomProblems.of(single)).isSameAs(single);
    }
}
