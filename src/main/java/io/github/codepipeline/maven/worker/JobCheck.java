package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the worker checks of a polled job before it acknowledges it: whether the job can be reported at all (else it is
 * left alone, not acknowledged: another worker or CodePipeline's time-out deals with it), and whether it can be built
 * (else it is acknowledged and failed at once with one reason, not built).
 */
final class JobCheck {
    /** The service model's {@code ArtifactName}. */
    private static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** Why a job cannot be built: the failure to report for it. */
    static final class Problem {
        final FailureType type;
        final String message;

        Problem(FailureType type, String message) {
            this.type = type;
            this.message = message;
        }
    }

    private JobCheck() {}

    /** Why the job's result could not be reported (its ID, its token), one line, escaped; {@code null} when it can. */
    static String unreportable(Worker worker, Job job) {
        try {
            ReportSettings.resolve(worker.sources(job));
            return null;
        } catch (InvalidSettingException | RuntimeException e) {
            return Shown.of(String.valueOf(e.getMessage()), 1000);
        }
    }

    /** Why the job cannot be built, or {@code null}. Names what is wrong, never a configuration value. */
    static Problem unbuildable(Job job) {
        for (Map.Entry<String, String> each : job.configuration.entrySet()) {
            String name = each.getKey();
            if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
                return new Problem(FailureType.ConfigurationError, "The action configuration has a property with "
                        + (name == null || name.isEmpty() ? "no name" : "a NUL character in its name (" + Shown.of(name) + ")")
                        + ", which the job worker cannot hand to the build: fix the action's configuration.");
            }
            if (each.getValue() != null && each.getValue().indexOf('\0') >= 0) {
                return new Problem(FailureType.ConfigurationError, "The action configuration's property " + Shown.of(name)
                        + " holds a NUL character, which no process environment can hold, so the job worker cannot hand it"
                        + " to the build: remove it from the value in the action's configuration.");
            }
        }
        Problem problem = artifacts("input", job.inputs);
        return problem != null ? problem : artifacts("output", job.outputs);
    }

    private static Problem artifacts(String kind, List<String> names) {
        for (String name : names) {
            if (name == null || !ARTIFACT_NAME.matcher(name).matches()) {
                return new Problem(FailureType.JobFailed, "CodePipeline gave this job an " + kind + " artifact "
                        + (name == null ? "without a name" : "named '" + Shown.of(name) + "', which is not an artifact name"
                                + " (1 to 100 letters, digits, _ and -)")
                        + ", so the job worker cannot " + (kind.equals("input") ? "unpack" : "hand on") + " it: check the"
                        + " action's " + kind + " artifacts in the pipeline.");
            }
        }
        return null;
    }
}
