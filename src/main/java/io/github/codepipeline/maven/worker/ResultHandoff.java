package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.OutputVariables;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.message.Text;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ReportLog;
import io.github.codepipeline.maven.report.ResultRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a build handed to the worker in its result file ({@link ResultRecord}), checked against this job: the one result
 * the worker reports for it. The first {@code success} or {@code failure} of this job's ID is the build's result, with
 * the {@code variable} lines before it; a record of another job ID (a nested run) and every result after the first are
 * ignored, each with one WARNING; so is a record that is not one. What the API would refuse is caught by the worker's
 * own settings' checks when it reports ({@link #properties()} are those settings).
 */
final class ResultHandoff {
    static final int MAX_MESSAGE = 5000;
    /** Lines of a hostile file are not each worth a WARNING: after this many, one more says how many were left. */
    private static final int MAX_WARNINGS = 10;

    enum Kind { SUCCESS, FAILURE, NOTHING }

    /** The one result to report, or {@link Kind#NOTHING}; the uploaded output artifacts in any case. */
    static final class Result {
        final Kind kind;
        final FailureType failureType;
        /** The failure's message as the build wrote it (the worker masks, cleans and cuts it). */
        final String message;
        final String externalExecutionId;
        final String summary;
        final String percentComplete;
        final String continuationToken;
        final Map<String, String> variables;
        final List<String> outputs;
        /** A problem with what was handed over that turns a claimed result into the worker's failure, or {@code null}. */
        final String problem;

        private Result(Kind kind, FailureType failureType, String message, String externalExecutionId, String summary,
                String percentComplete, String continuationToken, Map<String, String> variables, List<String> outputs,
                String problem) {
            this.kind = kind;
            this.failureType = failureType;
            this.message = message;
            this.externalExecutionId = externalExecutionId;
            this.summary = summary;
            this.percentComplete = percentComplete;
            this.continuationToken = continuationToken;
            this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
            this.outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
            this.problem = problem;
        }

        /**
         * The result as the worker's settings for its report ({@code codepipeline.*} properties): the failure type, the
         * execution details, the continuation token and the output variables (exactly these: {@code none} when the
         * build handed over none).
         */
        Map<String, String> properties() {
            Map<String, String> p = new LinkedHashMap<>();
            put(p, Setting.EXTERNAL_EXECUTION_ID, externalExecutionId);
            if (kind == Kind.FAILURE) {
                put(p, Setting.FAILURE_TYPE, failureType.name());
            } else if (kind == Kind.SUCCESS) {
                put(p, Setting.SUMMARY, summary);
                put(p, Setting.PERCENT_COMPLETE, percentComplete);
                put(p, Setting.CONTINUATION_TOKEN, continuationToken);
                p.put(Setting.OUTPUT_VARIABLES.property(), variables.isEmpty() ? OutputVariables.NONE
                        : OutputVariables.encode(variables));
            }
            return p;
        }

        private static void put(Map<String, String> p, Setting setting, String value) {
            if (value != null) {
                p.put(setting.property(), value);
            }
        }
    }

    private ResultHandoff() {}

    /**
     * Reads and checks the result file of job {@code jobId}.
     *
     * @param log where each record ignored is one WARNING (nothing of the record's content but its kind and job ID,
     *     escaped and cut)
     */
    static Result read(Path file, String jobId, ReportLog log, String prefix) {
        ResultRecord.Contents contents = ResultRecord.read(file);
        int warnings = 0;
        for (String problem : contents.problems) {
            log.warn(JobCalls.PREFIX + prefix + problem + ".");
        }
        List<String> outputs = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        ResultRecord.Entry result = null;
        Map<String, String> resultVariables = null;
        int ignored = 0;
        for (ResultRecord.Entry entry : contents.entries) {
            String ignore = null;
            switch (entry.kind) {
                case ResultRecord.OUTPUT:
                    if (entry.field(1) != null) {
                        outputs.add(entry.field(1));
                    }
                    break;
                case ResultRecord.VARIABLE:
                    if (result == null && entry.field(1) != null) {
                        variables.put(entry.field(1), entry.field(2) == null ? "" : entry.field(2));
                    }
                    break;
                case ResultRecord.SUCCESS:
                case ResultRecord.FAILURE:
                    if (!jobId.equals(entry.field(1))) {
                        ignore = "a " + entry.kind + " of another job (" + shown(entry.field(1)) + ", a nested run of the"
                                + " plugin?), not of this job " + jobId;
                        if (result == null) {
                            variables.clear(); // they belonged to that other job's result
                        }
                    } else if (result != null) {
                        ignore = "a second result (" + entry.kind + ") after the build's " + result.kind + ": the first one"
                                + " counts";
                    } else {
                        result = entry;
                        resultVariables = new LinkedHashMap<>(variables);
                    }
                    break;
                default:
                    ignore = "a line that is no record (" + shown(entry.kind) + ")";
            }
            if (ignore != null && warnings++ < MAX_WARNINGS) {
                log.warn(JobCalls.PREFIX + prefix + "the build's result file holds " + ignore + ": ignored.");
            } else if (ignore != null) {
                ignored++;
            }
        }
        if (ignored > 0) {
            log.warn(JobCalls.PREFIX + prefix + ignored + " more lines of the build's result file were ignored.");
        }
        if (result == null) {
            return new Result(Kind.NOTHING, null, null, null, null, null, null, variables, outputs, null);
        }
        if (result.kind.equals(ResultRecord.FAILURE)) {
            FailureType type = result.field(2) == null ? FailureType.JobFailed : FailureType.parse(result.field(2));
            String problem = type == null ? "the build handed over the failure type '" + shown(result.field(2))
                    + "', which is none of " + FailureType.allNames() : null;
            return new Result(Kind.FAILURE, type == null ? FailureType.JobFailed : type, result.field(3),
                    executionId(result.field(4), log, prefix), null, null, null, Collections.<String, String>emptyMap(),
                    outputs, problem);
        }
        return new Result(Kind.SUCCESS, null, null, executionId(result.field(3), log, prefix), result.field(2),
                result.field(4), result.field(5), resultVariables, outputs, null);
    }

    /**
     * Reports what the build handed over: its failure (type, message, execution ID) or its success (execution details,
     * output variables, continuation token), checked by the same settings as the goals'; a success CodePipeline would
     * refuse becomes the job's failure, saying why.
     *
     * @param handed what {@link #read} returned, not {@link Kind#NOTHING}
     * @param exit how the build's process ended, for the "job ended" line
     * @param sources the job's settings with {@link Result#properties()} on top
     * @param own the job's settings alone, for the worker's own failure report
     * @return how the job ended
     */
    static String report(Result handed, String exit, SettingSources sources, SettingSources own, WorkerReports reports) {
        if (handed.kind == Kind.FAILURE || handed.problem != null) {
            String message = handed.problem != null ? "The build handed over a failure that cannot be reported as it is: "
                    + handed.problem + ". " + (handed.message == null ? "" : handed.message)
                    : handed.message == null || handed.message.trim().isEmpty()
                    ? "The build handed over a failure without a message (" + exit + ")." : handed.message;
            return reports.reportFailure(handed.failureType, message, sources, "failed, handed over by the build (" + exit
                    + "), reported by the worker");
        }
        ReportSettings settings;
        SuccessDetails details;
        try {
            settings = ReportSettings.resolve(sources);
            details = SuccessDetails.resolve(sources, null, settings.actionOwner(), null);
        } catch (InvalidSettingException e) {
            return reports.reportFailure(FailureType.JobFailed, "The build handed over a success that CodePipeline would"
                    + " refuse: " + e.getMessage(), own, "failed: the success the build handed over cannot be reported ("
                    + exit + ")");
        }
        return reports.reportSuccess(settings, details, "succeeded, handed over by the build (" + exit
                + "), reported by the worker");
    }

    /** An external execution ID past the API's limit is left out (one WARNING) rather than failing the report. */
    private static String executionId(String id, ReportLog log, String prefix) {
        if (id != null && id.length() > ReportSettings.MAX_EXTERNAL_EXECUTION_ID) {
            log.warn(JobCalls.PREFIX + prefix + "the build handed over an external execution ID of " + id.length()
                    + " characters; CodePipeline takes at most " + ReportSettings.MAX_EXTERNAL_EXECUTION_ID
                    + ": reported without it.");
            return null;
        }
        return id;
    }

    /** A value from the file for a log line: control characters escaped, at most 80 characters. */
    static String shown(String value) {
        if (value == null) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 100; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return Text.truncate(out.toString(), 80);
    }
}
