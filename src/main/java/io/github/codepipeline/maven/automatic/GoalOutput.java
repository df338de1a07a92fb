package io.github.codepipeline.maven.automatic;

import io.github.codepipeline.maven.message.GoalLines;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * The ERROR and WARNING lines each goal execution printed, for the failure message: installed only for a build
 * with a job, fed by {@link ConsoleCopy}, told by {@link RunningGoals} when an execution starts and ends.
 *
 * <p>A line belongs to the execution its thread runs (Maven runs a mojo on one builder thread, several at once under
 * {@code -T}); threads the mojo starts inherit it. Lines of no execution (Maven's own) are dropped at once, so are
 * those of an execution that succeeded: only running and failed executions hold theirs, each a few KB at most.
 */
final class GoalOutput {
    private static final String KEY = "io.github.codepipeline.maven.goal-output";

    private final InheritableThreadLocal<GoalLines> current = new InheritableThreadLocal<>();
    /** The lines of each module's failed execution, by project. */
    private final Map<String, GoalLines> failed = new ConcurrentHashMap<>();
    private volatile ConsoleCopy copy;

    private GoalOutput() {}

    /** Starts copying this build's goal lines; {@code null} when this Maven's console cannot be copied. */
    static GoalOutput install(MavenSession session) {
        if (session.getRepositorySession() == null) {
            return null;
        }
        GoalOutput output = new GoalOutput();
        output.copy = ConsoleCopy.install(output::line);
        if (output.copy == null) {
            return null;
        }
        session.getRepositorySession().getData().set(KEY, output);
        return output;
    }

    /** Stops copying (the build ended); what failed executions printed stays readable. */
    static void uninstall(MavenSession session) {
        GoalOutput output = of(session);
        if (output != null && output.copy != null) {
            output.copy.uninstall();
            output.copy = null;
        }
    }

    /** This session's goal output, or {@code null} when none is kept. */
    static GoalOutput of(MavenSession session) {
        if (session == null || session.getRepositorySession() == null) {
            return null;
        }
        Object output = session.getRepositorySession().getData().get(KEY);
        return output instanceof GoalOutput ? (GoalOutput) output : null;
    }

    /** What the failed execution of {@code project} printed, or {@code null}. */
    GoalLines failedLines(MavenProject project) {
        return project == null ? null : failed.get(key(project));
    }

    private void line(String line) {
        GoalLines lines = current.get();
        if (lines != null) {
            lines.accept(line);
        }
    }

    void started(ExecutionEvent event) {
        current.set(new GoalLines());
    }

    void succeeded(ExecutionEvent event) {
        GoalLines lines = current.get();
        current.remove();
        if (lines != null) {
            lines.close();
        }
    }

    void failed(ExecutionEvent event) {
        GoalLines lines = current.get();
        current.remove();
        if (lines != null) {
            lines.close();
            if (event.getProject() != null) {
                failed.put(key(event.getProject()), lines);
            }
        }
    }

    private static String key(MavenProject project) {
        return project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
    }
}
