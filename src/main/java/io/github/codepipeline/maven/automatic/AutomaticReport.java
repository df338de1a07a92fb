package io.github.codepipeline.maven.automatic;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.client.JobFile;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.OutputVariables;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.message.Causes;
import io.github.codepipeline.maven.message.FailureClassifier;
import io.github.codepipeline.maven.message.FailureMessageComposer;
import io.github.codepipeline.maven.message.Text;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ResultRecord;
import io.github.codepipeline.maven.report.RedactingLog;
import io.github.codepipeline.maven.report.ReportLog;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.maven.MavenExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic reports, shared by the lifecycle participant, the core extension's event spy and the shutdown
 * hook: resolve settings, compose the message, report, and never let a problem escape (unless
 * {@code codepipeline.failOnReportError} asks for it) — {@link OutOfMemoryError} and {@link StackOverflowError}
 * included: whatever happens here, Maven prints the build's own error as it would without the plugin.
 */
final class AutomaticReport {
    private static final Logger LOGGER = LoggerFactory.getLogger(AutomaticReport.class);

    /** What to report, worked out only when there is a job to report it to. */
    interface Failure {
        /** @param log where to say that details were left out */
        String message(ReportSettings settings, Secrets secrets, ReportLog log);

        FailureType derivedType();
    }

    private AutomaticReport() {}

    /**
     * The failure of a build that ended: its modules' results, composed into the message. Should composing the
     * details fail, even for want of memory or stack, the message keeps what Maven's own exceptions say (the
     * summary and each failed module's line), and one line of the log says what was left out and why.
     */
    static Failure of(long buildStartMillis, Supplier<MavenBuildResults> results) {
        return new Failure() {
            private MavenBuildResults result;

            @Override
            public String message(ReportSettings settings, Secrets secrets, ReportLog log) {
                Consumer<Throwable> leftOut = e -> log.warn(JobCalls.PREFIX + "the failure message's details (test"
                        + " reports, compiler errors) were left out: composing them failed (" + describe(e, secrets)
                        + "). What Maven's own exceptions say is reported.");
                try {
                    result = results.get();
                } catch (RuntimeException | Error e) {
                    leftOut.accept(e);
                    return FailureMessageComposer.FALLBACK;
                }
                return new FailureMessageComposer(secrets, settings.externalExecutionId(), buildStartMillis)
                        .withVersions(result.mavenVersion(), System.getProperty("java.version"))
                        .withRerun(result.goals())
                        .composeOrHeadlines(result.modules(), result.otherErrors(), leftOut);
            }

            @Override
            public FailureType derivedType() {
                try {
                    if (result == null) {
                        result = results.get();
                    }
                    return FailureClassifier.classify(result.allErrors());
                } catch (RuntimeException | Error e) {
                    return FailureType.JobFailed;
                }
            }
        };
    }

    /**
     * Reports a failure.
     *
     * @param sources the settings of this build
     * @param failure what to report
     * @param maxSeconds a tighter bound on the report's time than {@code codepipeline.timeout}, or 0
     */
    static void run(SettingSources sources, Failure failure, int maxSeconds)
            throws MavenExecutionException {
        call(sources, "failure", (settings, secrets, reporter, log) -> {
            if (maxSeconds > 0 && settings.timeoutSeconds() > maxSeconds) {
                settings = settings.withTimeLimit(maxSeconds, Math.min(settings.maxAttempts(), 2));
            }
            String message = failure.message(settings, secrets, log);
            FailureType type = settings.failureType() != null ? settings.failureType() : failure.derivedType();
            reporter.report(settings, type, message);
        });
    }

    /**
     * Reports the success of a build when {@code codepipeline.reportSuccess} is true; does nothing otherwise.
     *
     * @param summary the default summary ({@code codepipeline.summary} overrides), made only when reporting
     * @param projectVersion the version of the build's top-level project, for a custom action's default output variables
     */
    static void runSuccess(SettingSources sources, Supplier<String> summary, String projectVersion)
            throws MavenExecutionException {
        if (!"true".equalsIgnoreCase(sources.get(Setting.REPORT_SUCCESS))) {
            return;
        }
        call(sources, "success", (settings, secrets, reporter, log) ->
                reporter.reportSuccess(settings, SuccessDetails.resolve(sources, summary.get(), settings.actionOwner(),
                        OutputVariables.defaults(projectVersion, sources))));
    }

    private interface Call {
        void run(ReportSettings settings, Secrets secrets, JobCalls reporter, ReportLog log)
                throws InvalidSettingException, ReportException;
    }

    /** Resolves the settings, makes the call, and keeps every problem from escaping (unless failOnReportError). */
    private static void call(SettingSources sources, String what, Call call)
            throws MavenExecutionException {
        ReportLog log = MavenReportLogs.of(LOGGER);
        if (ReportSettings.isSkipped(sources)) {
            log.debug(JobCalls.PREFIX + "codepipeline.skip is true: the " + what + " is not reported.");
            return;
        }
        Secrets secrets = Secrets.from(sources);
        log = new RedactingLog(log, secrets);
        boolean failOnReportError = "true".equalsIgnoreCase(sources.get(Setting.FAIL_ON_REPORT_ERROR));
        try {
            ReportSettings settings = ReportSettings.resolve(sources);
            if (!settings.hasJob()) {
                log.info(JobCalls.PREFIX + "no job ID (CODEPIPELINE_JOB_ID or -Dcodepipeline.jobId), so this " + what
                        + " is not reported to CodePipeline.");
                return;
            }
            call.run(settings, secrets, new JobCalls(log, secrets, MavenSettingSources.accessKeys(sources.environment()))
                    .underWorker(ResultRecord.file(sources), JobFile.file(sources)), log);
        } catch (InvalidSettingException e) {
            fail(log, e.getMessage() + " The " + what + " was not reported to CodePipeline.", failOnReportError);
        } catch (ReportException e) {
            if (e.isWarning()) {
                log.warn(JobCalls.PREFIX + e.getMessage());
            } else {
                fail(log, e.getMessage(), failOnReportError);
            }
        } catch (RuntimeException | Error e) {
            // A bug of ours, a broken class path, no memory or stack left: say so, keep the build's own error in charge.
            String why = describe(e, secrets);
            if (!(e instanceof VirtualMachineError)) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                log.debug(trace.toString());
            }
            fail(log, "reporting failed unexpectedly (" + why + "); run with -X for details.", failOnReportError);
        }
    }

    /** The error's type and the first line of its message, redacted and short: it goes into a log line. */
    static String describe(Throwable e, Secrets secrets) {
        String message = Causes.message(e);
        if (message == null || message.trim().isEmpty()) {
            return e.getClass().getName();
        }
        return e.getClass().getName() + ": " + Text.truncate(Text.firstLine(secrets.redact(
                message.length() > 10_000 ? message.substring(0, 10_000) : message)), 300);
    }

    private static void fail(ReportLog log, String message, boolean failOnReportError) throws MavenExecutionException {
        if (failOnReportError) {
            throw new MavenExecutionException(JobCalls.PREFIX + message, (File) null);
        }
        log.error(JobCalls.PREFIX + message + " The build's own result is unchanged.");
    }
}
