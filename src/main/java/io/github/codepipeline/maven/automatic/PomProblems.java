package io.github.codepipeline.maven.automatic;

import io.github.codepipeline.maven.message.Causes;
import java.io.File;
import java.util.List;
import org.apache.maven.model.building.ModelProblem;
import org.apache.maven.project.ProjectBuildingException;
import org.apache.maven.project.ProjectBuildingResult;

/**
 * A POM problem as the message says it: Maven's text ({@code [ERROR] 'dependencies.dependency.version' for
 * junit:junit:jar is missing. @ line 46, column 11}) names neither the module nor the pom file, and carries the
 * console's severity prefixes. Here each problem reads {@code shop-api (shop-api/pom.xml:46): 'dependencies…' is
 * missing.}: the module, its pom file as the folder and file name (never the machine's path), the line.
 */
final class PomProblems extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_PROBLEMS = 50;

    private PomProblems(String message) {
        super(message, null, false, false); // the failure type is derived from Maven's own exception, not this one
    }

    /** {@code error} rewritten when it is (or wraps) a {@link ProjectBuildingException} with results, else itself. */
    static Throwable of(Throwable error) {
        for (Throwable t : Causes.chain(error)) {
            if (t instanceof ProjectBuildingException) {
                String text = describe((ProjectBuildingException) t);
                return text == null ? error : new PomProblems(text);
            }
        }
        return error;
    }

    private static String describe(ProjectBuildingException e) {
        List<ProjectBuildingResult> results = e.getResults();
        if (results == null || results.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        int problems = 0;
        for (ProjectBuildingResult result : results) {
            String module = artifactId(result.getProjectId());
            for (ModelProblem problem : result.getProblems()) {
                if (problem.getSeverity() == ModelProblem.Severity.WARNING || problems++ >= MAX_PROBLEMS) {
                    continue;
                }
                String pom = pomName(problem.getSource(), result.getPomFile());
                text.append(text.length() == 0 ? "" : "\n").append(module.isEmpty() ? "" : module + " ")
                        .append('(').append(pom).append(problem.getLineNumber() > 0 ? ":" + problem.getLineNumber() : "")
                        .append("): ").append(problem.getMessage());
            }
        }
        if (text.length() == 0) {
            return null;
        }
        return (problems == 1 ? "A POM has a problem:\n" : "The POMs have " + problems + " problems:\n") + text;
    }

    /** {@code shop-api} of {@code it.example:shop-api:1.0}. */
    private static String artifactId(String projectId) {
        if (projectId == null) {
            return "";
        }
        String[] parts = projectId.split(":");
        return parts.length >= 2 ? parts[1] : projectId;
    }

    /** {@code shop-api/pom.xml}: the folder and the file, of the problem's source when it is a file, else the result's. */
    private static String pomName(String source, File pomFile) {
        File file = source != null && (source.endsWith(".xml") || source.endsWith(".pom")) ? new File(source) : pomFile;
        if (file == null) {
            return source == null || source.isEmpty() ? "pom.xml" : source;
        }
        File parent = file.getAbsoluteFile().getParentFile();
        return (parent == null || parent.getName().isEmpty() ? "" : parent.getName() + "/") + file.getName();
    }
}
