package io.github.codepipeline.maven;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.OutputVariables;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.report.JobCalls;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reports the success of a CodePipeline job now ({@code PutThirdPartyJobSuccessResult}, or {@code PutJobSuccessResult}
 * with {@code actionOwner=Custom}), with execution details, and optionally the current revision and a continuation token
 * for an action that runs in several steps, and a custom action's output variables.
 * Needs no project, for example
 * {@code mvn io.github.codepipeline.maven:codepipeline-maven-plugin:VERSION:report-success -Dcodepipeline.revision=1.4.0 -Dcodepipeline.changeIdentifier=9fceb02}.
 * Fails the Maven run when the report cannot be made; a job that already has a result is only a warning.
 *
 * @since 0.1.0
 */
@Mojo(name = "report-success", requiresProject = false, threadSafe = true)
public class ReportSuccessMojo extends AbstractJobMojo {
    /**
     * The execution summary shown in CodePipeline, 1-2048 characters, such as {@code Deployed 1.4.0 to staging}.
     * Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.summary")
    private String summary;

    /**
     * How much of the action is done, 0-100, such as {@code 50} for an action half-way through its steps. Default:
     * none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.percentComplete")
    private String percentComplete;

    /**
     * The revision the action produced or worked on, 1-1500 characters, such as {@code 1.4.0}. Set together with
     * {@code changeIdentifier}. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.revision")
    private String revision;

    /**
     * The change that made the revision, 1-100 characters, such as the commit {@code 9fceb02}. Set together with
     * {@code revision}. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.changeIdentifier")
    private String changeIdentifier;

    /**
     * A summary of the revision, 1-2048 characters, such as {@code Release 1.4.0}. Only with a {@code revision}.
     * Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.revisionSummary")
    private String revisionSummary;

    /**
     * When the revision was made: ISO-8601 such as {@code 2026-11-25T10:15:30Z}, or milliseconds since the epoch
     * such as {@code 1795601730000}. Only with a {@code revision}. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.revisionCreated")
    private String revisionCreated;

    /**
     * For an action that runs in several steps: CodePipeline runs the action again and hands it this token,
     * 1-2048 characters, such as {@code step-2}. Default: none (the action is done).
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.continuationToken")
    private String continuationToken;

    /**
     * A custom action's output variables, which later actions read as {@code #{Namespace.NAME}}: one element per
     * variable, such as {@code <IMAGE_TAG>1.4.0</IMAGE_TAG>}; names of letters, digits and {@code @ - _}; at most
     * 122880 bytes in all; not with a {@code continuationToken}. From the command line:
     * {@code -Dcodepipeline.outputVariables=IMAGE_TAG=1.4.0,COMMIT=9fceb02} (comma-separated, {@code \,} for a comma
     * in a value), which this element overrides. Default: {@code PROJECT_VERSION} (the project's version, with a pom)
     * and {@code INPUT_REVISION} (the {@code codepipeline.job.inputRevision} property, which {@code download-input}
     * sets, else the job worker's {@code CODEPIPELINE_INPUT_REVISION}); {@code -Dcodepipeline.outputVariables=none}
     * sends none. A partner action's success has no output
     * variables: set ones are not sent, with a warning.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> outputVariables;

    @Override
    protected void addParameters(Map<String, String> parameters) {
        parameters.put(Setting.SUMMARY.element(), summary);
        parameters.put(Setting.PERCENT_COMPLETE.element(), percentComplete);
        parameters.put(Setting.REVISION.element(), revision);
        parameters.put(Setting.CHANGE_IDENTIFIER.element(), changeIdentifier);
        parameters.put(Setting.REVISION_SUMMARY.element(), revisionSummary);
        parameters.put(Setting.REVISION_CREATED.element(), revisionCreated);
        parameters.put(Setting.CONTINUATION_TOKEN.element(), continuationToken);
        parameters.put(Setting.OUTPUT_VARIABLES.element(), OutputVariables.encode(outputVariables));
    }

    @Override
    protected void execute(ReportSettings settings, SettingSources sources, Secrets secrets, JobCalls reporter)
            throws InvalidSettingException, ReportException {
        reporter.reportSuccess(settings, SuccessDetails.resolve(sources, null, settings.actionOwner(),
                OutputVariables.defaults(project != null && project.getFile() != null ? project.getVersion() : null, sources)));
    }
}
