package io.github.codepipeline.maven.message;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One module of the reactor as the composer sees it: Maven-free, filled in by the Maven adapter. */
public final class ModuleResult {
    public enum Status { FAILED, SUCCEEDED, SKIPPED }

    private final String name;
    private final Status status;
    private final String goal;
    private final Throwable error;
    private final String longMessage;
    private final List<File> testReportDirectories;
    /** Surefire or Failsafe reran failing tests ({@code rerunFailingTestsCount}). */
    private boolean testReruns;
    /** What the failed goal's execution printed at ERROR and WARNING, or {@code null} when unknown. */
    private GoalLines goalLines;

    private ModuleResult(String name, Status status, String goal, Throwable error, String longMessage,
            List<File> testReportDirectories) {
        this.name = name;
        this.status = status;
        this.goal = goal;
        this.error = error;
        this.longMessage = longMessage;
        this.testReportDirectories = Collections.unmodifiableList(new ArrayList<>(testReportDirectories));
    }

    public static ModuleResult succeeded(String name) {
        return new ModuleResult(name, Status.SUCCEEDED, null, null, null, Collections.<File>emptyList());
    }

    public static ModuleResult skipped(String name) {
        return new ModuleResult(name, Status.SKIPPED, null, null, null, Collections.<File>emptyList());
    }

    /**
     * @param goal the goal that failed, such as {@code maven-compiler-plugin:compile}, or {@code null}
     * @param error the module's exception as Maven recorded it (wrappers included), or {@code null}
     * @param longMessage the mojo exception's long message, where Maven has one, or {@code null}
     * @param testReportDirectories where the module's Surefire/Failsafe XML reports are written
     */
    public static ModuleResult failed(String name, String goal, Throwable error, String longMessage,
            List<File> testReportDirectories) {
        return new ModuleResult(name, Status.FAILED, goal, error, longMessage, testReportDirectories);
    }

    /** This result with the lines its failed goal printed ({@code null}: unknown). */
    public ModuleResult withGoalLines(GoalLines lines) {
        ModuleResult copy = new ModuleResult(name, status, goal, error, longMessage, testReportDirectories);
        copy.goalLines = lines;
        return copy;
    }

    /** What the failed goal's execution printed at ERROR and WARNING, or {@code null} when unknown. */
    public GoalLines goalLines() {
        return goalLines;
    }

    public String name() {
        return name;
    }

    public Status status() {
        return status;
    }

    public String goal() {
        return goal;
    }

    public Throwable error() {
        return error;
    }

    public String longMessage() {
        return longMessage;
    }

    public List<File> testReportDirectories() {
        return testReportDirectories;
    }

    /** Says that Surefire or Failsafe reran failing tests here: its reports then name flaky tests. */
    public ModuleResult withTestReruns(boolean reruns) {
        ModuleResult copy = new ModuleResult(name, status, goal, error, longMessage, testReportDirectories);
        copy.testReruns = reruns;
        return copy;
    }

    public boolean testReruns() {
        return testReruns;
    }
}
