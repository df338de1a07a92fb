package io.github.codepipeline.maven.automatic;

import io.github.codepipeline.maven.message.Causes;
import io.github.codepipeline.maven.message.FailedTests;
import io.github.codepipeline.maven.message.ModuleResult;
import io.github.codepipeline.maven.message.TestReports;
import io.github.codepipeline.maven.message.Text;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.execution.BuildFailure;
import org.apache.maven.execution.BuildSummary;
import org.apache.maven.execution.MavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Turns what Maven recorded of a finished session into the composer's Maven-free model. */
final class MavenBuildResults {
    /** "Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project". */
    private static final Pattern FAILED_GOAL =
            Pattern.compile("Failed to execute goal ([^:\\s]+):([^:\\s]+):[^:\\s]+:([^\\s:]+) \\(([^()\\s]*)\\)");

    private final List<ModuleResult> modules = new ArrayList<>();
    private final List<Throwable> otherErrors = new ArrayList<>();
    private final List<Throwable> allErrors = new ArrayList<>();
    /** Each module's Surefire/Failsafe report directories, in the order of {@link #modules}. */
    private final List<List<File>> reportDirectories = new ArrayList<>();

    /** Maven's version, for the message's last line, or {@code null}. */
    private String mavenVersion;
    /** The goals and phases the session ran ({@code clean verify}), for the line that says how to rerun, or {@code null}. */
    private List<String> goals;

    MavenBuildResults(MavenSession session) {
        this(session.getProjects(), session.getResult(), TestReruns.inSession(session.getUserProperties(),
                session.getSystemProperties()), GoalOutput.of(session));
        withMavenVersion(session.getSystemProperties());
        goals = session.getGoals() == null ? null : new ArrayList<>(session.getGoals());
    }

    /** Takes the goals and phases the build ran from the request ({@code null}: unknown). */
    MavenBuildResults withGoals(List<String> requestGoals) {
        goals = requestGoals == null ? null : new ArrayList<>(requestGoals);
        return this;
    }

    /** The goals and phases the session ran, or {@code null} when unknown. */
    List<String> goals() {
        return goals;
    }

    /** Takes Maven's version from the request's system properties (Maven's launcher sets {@code maven.version}). */
    MavenBuildResults withMavenVersion(java.util.Properties systemProperties) {
        mavenVersion = systemProperties == null ? null : systemProperties.getProperty("maven.version");
        return this;
    }

    /**
     * @param projects the reactor in build order, or {@code null} when Maven failed before it had one
     */
    MavenBuildResults(List<MavenProject> projects, MavenExecutionResult result) {
        this(projects, result, false, null);
    }

    /**
     * @param reruns the session's properties make Surefire or Failsafe rerun failing tests
     * @param output what the failed goals printed, or {@code null} when it was not kept
     */
    MavenBuildResults(List<MavenProject> projects, MavenExecutionResult result, boolean reruns, GoalOutput output) {
        Set<Throwable> attributed = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        if (projects == null) {
            projects = Collections.emptyList();
        }
        for (MavenProject project : projects) {
            BuildSummary summary = result.getBuildSummary(project);
            String name = project.getArtifactId();
            List<File> reports = testReportDirectories(project);
            reportDirectories.add(reports);
            if (summary == null) {
                modules.add(ModuleResult.skipped(name));
            } else if (summary instanceof BuildFailure) {
                Throwable error = ((BuildFailure) summary).getCause();
                if (error == null) {
                    error = exceptionFor(project, result);
                }
                if (error != null) {
                    attributed.add(error);
                }
                modules.add(ModuleResult.failed(name, goal(error, project), error, longMessage(error), reports)
                        .withTestReruns(reruns || TestReruns.configured(project))
                        .withGoalLines(output == null ? null : output.failedLines(project)));
            } else {
                modules.add(ModuleResult.succeeded(name).withTestReruns(reruns || TestReruns.configured(project)));
            }
        }
        for (Throwable error : result.getExceptions()) {
            allErrors.add(error);
            if (!attributed.contains(error) && !isAttributed(error, projects, result)) {
                otherErrors.add(PomProblems.of(error));
            }
        }
    }

    String mavenVersion() {
        return mavenVersion;
    }

    List<ModuleResult> modules() {
        return modules;
    }

    List<Throwable> otherErrors() {
        return otherErrors;
    }

    List<Throwable> allErrors() {
        return allErrors;
    }

    /**
     * {@code Maven build succeeded: 5 modules, 312 tests, 1 min 4 s}, and {@code ; 1 flaky (passed on a rerun):
     * CartTest.total} when tests passed on a rerun.
     */
    String successSummary(long elapsedMillis, long buildStartMillis) {
        List<File> directories = new ArrayList<>();
        boolean reruns = false;
        for (int i = 0; i < modules.size(); i++) {
            directories.addAll(reportDirectories.get(i));
            reruns |= modules.get(i).testReruns();
        }
        FailedTests run = TestReports.testRun(directories, buildStartMillis, reruns);
        int tests = run.counts().tests;
        String flaky = run.flaky().describe();
        return Text.clean("Maven build succeeded: " + modules.size() + (modules.size() == 1 ? " module, " : " modules, ")
                + tests + (tests == 1 ? " test, " : " tests, ") + InterruptionHook.duration(elapsedMillis)
                + (flaky.isEmpty() ? "" : "; " + flaky));
    }

    private static Throwable exceptionFor(MavenProject project, MavenExecutionResult result) {
        for (Throwable error : result.getExceptions()) {
            if (error instanceof LifecycleExecutionException && ((LifecycleExecutionException) error).getProject() == project) {
                return error;
            }
        }
        return null;
    }

    private static boolean isAttributed(Throwable error, List<MavenProject> projects, MavenExecutionResult result) {
        if (error instanceof LifecycleExecutionException) {
            MavenProject project = ((LifecycleExecutionException) error).getProject();
            return project != null && projects.contains(project) && result.getBuildSummary(project) instanceof BuildFailure;
        }
        return false;
    }

    /**
     * {@code maven-compiler-plugin:compile}, from Maven's "Failed to execute goal" text (coloured when Maven's
     * output is, so cleaned first; only its start, where the goal is), or {@code null}.
     */
    /**
     * The failed goal, {@code maven-checkstyle-plugin:check}; with its execution's ID when the module declares that
     * goal in more than one execution ({@code animal-sniffer-maven-plugin:check@check-android21-api}: which of its
     * checks failed), as Maven's {@code plugin:goal@id} names one execution on the command line.
     */
    static String goal(Throwable error, MavenProject project) {
        for (Throwable t : Causes.chain(error)) {
            String message = Causes.message(t);
            if (message != null && message.length() > 2000) {
                message = message.substring(0, 2000);
            }
            Matcher m = FAILED_GOAL.matcher(Text.clean(message));
            if (m.find()) {
                String goal = m.group(2) + ":" + m.group(3);
                return !m.group(4).isEmpty() && executions(project, m.group(1) + ":" + m.group(2), m.group(3)) > 1
                        ? goal + "@" + m.group(4) : goal;
            }
            if (!(t instanceof LifecycleExecutionException)) {
                break;
            }
        }
        return null;
    }

    /** How many executions of {@code goal} of the plugin {@code key} ({@code groupId:artifactId}) the module declares. */
    private static int executions(MavenProject project, String key, String goal) {
        Plugin plugin = project == null || project.getBuild() == null ? null : project.getPlugin(key);
        int count = 0;
        for (PluginExecution execution : plugin == null ? Collections.<PluginExecution>emptyList() : plugin.getExecutions()) {
            count += execution.getGoals().contains(goal) ? 1 : 0;
        }
        return count;
    }

    private static String longMessage(Throwable error) {
        for (Throwable t : Causes.chain(error)) {
            if (t instanceof AbstractMojoExecutionException) {
                return ((AbstractMojoExecutionException) t).getLongMessage();
            }
        }
        return null;
    }

    /** Surefire's and Failsafe's {@code reportsDirectory}, configured or default. */
    private static List<File> testReportDirectories(MavenProject project) {
        Set<File> directories = new LinkedHashSet<>();
        String buildDirectory = project.getBuild() == null ? null : project.getBuild().getDirectory();
        if (buildDirectory != null) {
            directories.add(new File(buildDirectory, "surefire-reports"));
            directories.add(new File(buildDirectory, "failsafe-reports"));
        }
        for (String key : new String[] {"org.apache.maven.plugins:maven-surefire-plugin",
                "org.apache.maven.plugins:maven-failsafe-plugin"}) {
            Plugin plugin = project.getPlugin(key);
            if (plugin == null) {
                continue;
            }
            addReportsDirectory(directories, project, plugin.getConfiguration());
            for (PluginExecution execution : plugin.getExecutions()) {
                addReportsDirectory(directories, project, execution.getConfiguration());
            }
        }
        return new ArrayList<>(directories);
    }

    private static void addReportsDirectory(Set<File> directories, MavenProject project, Object configuration) {
        if (!(configuration instanceof Xpp3Dom)) {
            return;
        }
        Xpp3Dom child = ((Xpp3Dom) configuration).getChild("reportsDirectory");
        if (child == null || child.getValue() == null || child.getValue().contains("${")) {
            return;
        }
        File directory = new File(child.getValue().trim());
        directories.add(directory.isAbsolute() ? directory : new File(project.getBasedir(), directory.getPath()));
    }
}
