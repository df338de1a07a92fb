package io.github.codepipeline.maven;

import io.github.codepipeline.maven.automatic.MavenReportLogs;
import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.artifact.EntryNames;
import io.github.codepipeline.maven.client.JobDetails;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.ArtifactSettings;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.ArtifactCalls;
import io.github.codepipeline.maven.report.JobCalls;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Downloads the job's input artifacts from the pipeline's artifact store and unpacks them: what a job worker runs
 * before the build, where there is no pom yet. Reads the locations and the artifact credentials with
 * {@code GetThirdPartyJobDetails} ({@code GetJobDetails} with {@code actionOwner=Custom}). Restores execute permissions
 * (less the umask); refuses entries that would land outside the directory, symbolic links, links on disk on an entry's
 * way, and archives that expand past {@code maxInputSize}, before writing anything; stops a download at
 * {@code maxInputSize}; unpacks into a hidden directory and moves only a wholly good archive into place, so that a
 * refusal leaves nothing behind; replaces
 * existing files only with {@code overwrite}. An input that is not a zip file is saved as it is, with a warning.
 * Sets {@code codepipeline.job.inputRevision} to the (first) downloaded artifact's revision.
 *
 * <pre>{@code mvn io.github.codepipeline.maven:codepipeline-maven-plugin:VERSION:download-input -Dcodepipeline.inputDirectory=src}</pre>
 * (with the plugin's version for {@code VERSION}, such as {@code 0.1.0-SNAPSHOT} for a build of this repository)
 *
 * @since 0.1.0
 */
@Mojo(name = "download-input", requiresProject = false, threadSafe = true)
public class DownloadInputMojo extends AbstractJobMojo {
    /**
     * The name of the one input artifact to download. Default: every input artifact of the job. Example:
     * {@code -Dcodepipeline.inputArtifact=SourceOutput}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.inputArtifact")
    private String inputArtifact;

    /**
     * Where to unpack: with one input artifact, into this directory; with several, each into
     * {@code <inputDirectory>/<artifact name>/}. Relative to the current directory. Default: the current directory.
     * Example: {@code -Dcodepipeline.inputDirectory=work}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.inputDirectory")
    private String inputDirectory;

    /**
     * Replace existing files. Default: {@code false} (an existing file stops the goal before anything is written, and
     * the error names it). Example: {@code -Dcodepipeline.overwrite=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.overwrite")
    private String overwrite;

    /**
     * The most an input artifact may expand to, in MB, so that a zip bomb cannot fill the disk. Default: {@code 4096}.
     * Example: {@code -Dcodepipeline.maxInputSize=16384}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.maxInputSize")
    private String maxInputSize;

    /**
     * Another S3 endpoint (an S3-compatible store, a test server), addressed path-style. Default:
     * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, then AWS's S3 in the pipeline's region. Example:
     * {@code -Dcodepipeline.s3Endpoint=http://127.0.0.1:9000}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.s3Endpoint")
    private String s3Endpoint;

    @Override
    protected void addParameters(Map<String, String> parameters) {
        parameters.put(Setting.INPUT_ARTIFACT.element(), inputArtifact);
        parameters.put(Setting.INPUT_DIRECTORY.element(), inputDirectory);
        parameters.put(Setting.OVERWRITE.element(), overwrite);
        parameters.put(Setting.MAX_INPUT_SIZE.element(), maxInputSize);
        parameters.put(Setting.S3_ENDPOINT.element(), s3Endpoint);
    }

    @Override
    protected void execute(ReportSettings settings, SettingSources sources, Secrets secrets, JobCalls reporter)
            throws InvalidSettingException, ReportException, MojoExecutionException {
        ArtifactSettings artifacts = ArtifactSettings.resolve(sources);
        Path base = Paths.get(session.getExecutionRootDirectory() != null ? session.getExecutionRootDirectory() : ".");
        String directory = sources.get(Setting.INPUT_DIRECTORY);
        Path target = (directory == null ? base : base.resolve(directory)).toAbsolutePath().normalize();
        List<ArtifactCalls.Downloaded> downloaded;
        try {
            downloaded = new ArtifactCalls(reporter, MavenReportLogs.of(getLog()), secrets).download(settings, artifacts, target);
        } catch (ArtifactException e) {
            throw new MojoExecutionException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("download-input failed, nothing of the failing artifact was kept: cannot read"
                    + " or write a file (" + e.getClass().getSimpleName() + ": "
                    + EntryNames.shown(String.valueOf(e.getMessage())) + ").", e);
        }
        String revision = null;
        for (ArtifactCalls.Downloaded each : downloaded) {
            if (revision == null && each.revision != null) {
                revision = each.revision;
            }
        }
        if (revision != null) {
            List<MavenProject> projects = new ArrayList<>();
            if (session.getProjects() != null) {
                projects.addAll(session.getProjects());
            }
            for (MavenProject each : projects) {
                each.getProperties().setProperty(JobDetails.PREFIX + "inputRevision", revision);
            }
            getLog().info(JobCalls.PREFIX + JobDetails.PREFIX + "inputRevision = " + revision);
        }
    }
}
