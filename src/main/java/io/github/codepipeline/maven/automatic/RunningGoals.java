package io.github.codepipeline.maven.automatic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.plugin.MojoExecution;

/**
 * Knows which goal each module is running right now (several under {@code -T}), so that a build stopped half-way
 * can say what it was doing, and tells {@link GoalOutput} whose lines are printed. Wraps the session's own listener and passes every event on to it unchanged.
 */
final class RunningGoals implements ExecutionListener {
    private final ExecutionListener delegate;
    private final Map<String, String> running = new ConcurrentHashMap<>();
    /** Told of each execution's start and end, or {@code null}. */
    private final GoalOutput output;

    RunningGoals(ExecutionListener delegate) {
        this(delegate, null);
    }

    RunningGoals(ExecutionListener delegate, GoalOutput output) {
        this.delegate = delegate;
        this.output = output;
    }

    /** {@code module (goal plugin:goal)} for each module with a goal running, or "" when none. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> entry : running.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(entry.getKey()).append(" (goal ").append(entry.getValue()).append(')');
        }
        return sb.toString();
    }

    int count() {
        return running.size();
    }

    private void started(ExecutionEvent event) {
        MojoExecution mojo = event.getMojoExecution();
        if (event.getProject() != null && mojo != null) {
            running.put(event.getProject().getArtifactId(), mojo.getArtifactId() + ":" + mojo.getGoal());
        }
    }

    private void ended(ExecutionEvent event) {
        if (event.getProject() != null) {
            running.remove(event.getProject().getArtifactId());
        }
    }

    @Override
    public void mojoStarted(ExecutionEvent event) {
        started(event);
        if (output != null) {
            output.started(event);
        }
        if (delegate != null) {
            delegate.mojoStarted(event);
        }
    }

    @Override
    public void mojoSucceeded(ExecutionEvent event) {
        ended(event);
        if (output != null) {
            output.succeeded(event);
        }
        if (delegate != null) {
            delegate.mojoSucceeded(event);
        }
    }

    @Override
    public void mojoFailed(ExecutionEvent event) {
        ended(event);
        if (output != null) {
            output.failed(event);
        }
        if (delegate != null) {
            delegate.mojoFailed(event);
        }
    }

    @Override
    public void projectDiscoveryStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.projectDiscoveryStarted(event);
        }
    }

    @Override
    public void sessionStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.sessionStarted(event);
        }
    }

    @Override
    public void sessionEnded(ExecutionEvent event) {
        if (delegate != null) {
            delegate.sessionEnded(event);
        }
    }

    @Override
    public void projectSkipped(ExecutionEvent event) {
        if (delegate != null) {
            delegate.projectSkipped(event);
        }
    }

    @Override
    public void projectStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.projectStarted(event);
        }
    }

    @Override
    public void projectSucceeded(ExecutionEvent event) {
        if (delegate != null) {
            delegate.projectSucceeded(event);
        }
    }

    @Override
    public void projectFailed(ExecutionEvent event) {
        if (delegate != null) {
            delegate.projectFailed(event);
        }
    }

    @Override
    public void mojoSkipped(ExecutionEvent event) {
        if (delegate != null) {
            delegate.mojoSkipped(event);
        }
    }

    @Override
    public void forkStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkStarted(event);
        }
    }

    @Override
    public void forkSucceeded(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkSucceeded(event);
        }
    }

    @Override
    public void forkFailed(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkFailed(event);
        }
    }

    @Override
    public void forkedProjectStarted(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkedProjectStarted(event);
        }
    }

    @Override
    public void forkedProjectSucceeded(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkedProjectSucceeded(event);
        }
    }

    @Override
    public void forkedProjectFailed(ExecutionEvent event) {
        if (delegate != null) {
            delegate.forkedProjectFailed(event);
        }
    }
}
