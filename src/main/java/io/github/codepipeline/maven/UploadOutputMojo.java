package io.github.codepipeline.maven;

import io.github.codepipeline.maven.automatic.MavenReportLogs;
import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.artifact.FileSet;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.ArtifactSettings;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.ArtifactCalls;
import io.github.codepipeline.maven.report.JobCalls;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Zips the build's output and uploads it to the job's output artifact in the pipeline's artifact store, where the
 * pipeline's next actions read it. Reads the artifact's bucket and key and the artifact credentials with
 * {@code GetThirdPartyJobDetails} ({@code GetJobDetails} with {@code actionOwner=Custom}), uploads with those credentials (never the build's own), encrypted with
 * {@code aws:kms} (the pipeline's key, or S3's default KMS key). Bound to {@code verify}, so only a tested build
 * publishes; with {@code codepipeline.reportSuccess=true} the success report follows after the build, so after the
 * upload, and a failed upload fails the build.
 *
 * <p>What goes in: by default the module's main artifact (a {@code jar} module publishes its jar, at the zip's root);
 * or the files {@code outputFiles} selects under {@code outputDirectory}; or, for a job with several output artifacts,
 * each entry of {@code outputs}. The zip is the same for the same files (sorted entries, fixed times) and keeps
 * execute permissions.
 *
 * @since 0.1.0
 */
@Mojo(name = "upload-output", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class UploadOutputMojo extends AbstractJobMojo {
    /**
     * The name of the job's output artifact to upload to. Default: the job's only output artifact (a job with several
     * needs it, or {@code <outputs>}). Example: {@code -Dcodepipeline.outputArtifact=BuildOutput}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.outputArtifact")
    private String outputArtifact;

    /**
     * The directory whose files go into the artifact, with their paths relative to it. Default: the module's base
     * directory (when {@code outputFiles} is set; with neither set, the module's main artifact is uploaded). Example:
     * {@code -Dcodepipeline.outputDirectory=target}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.outputDirectory")
    private String outputDirectory;

    /**
     * Comma-separated Ant-style patterns of the files to upload, relative to {@code outputDirectory}; a pattern that
     * matches nothing fails the goal. Default: every file under {@code outputDirectory} when that is set, else the
     * module's main artifact. Example: {@code -Dcodepipeline.outputFiles=target/*.jar,appspec.yml,scripts/**}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.outputFiles")
    private String outputFiles;

    /**
     * Upload the files that symbolic links under the output directory point to also when they lie outside the
     * module's base directory (and the output directory). Default: {@code false}: such a link fails the goal, naming
     * it; a link to a file inside is uploaded as that file; links to directories are never followed. Example:
     * {@code -Dcodepipeline.followLinks=true}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.followLinks")
    private String followLinks;

    /**
     * For a job with several output artifacts: one {@code <output>} per artifact, with {@code <artifact>} (its name),
     * {@code <directory>} (default: the module's base directory), {@code <includes>} and {@code <excludes>} (Ant-style
     * patterns). When set, {@code outputArtifact}, {@code outputDirectory} and {@code outputFiles} are not used.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<Output> outputs;

    /**
     * Another S3 endpoint (an S3-compatible store, a test server), addressed path-style. Default:
     * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, then AWS's S3 in the pipeline's region. Example:
     * {@code -Dcodepipeline.s3Endpoint=http://127.0.0.1:9000}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.s3Endpoint")
    private String s3Endpoint;

    /**
     * How many parts of an output (8 MiB each) are sent to S3 at a time, while the zip is still being written; 1 to 32.
     * Default: {@code 4}. Example: {@code -Dcodepipeline.uploadConcurrency=8}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.uploadConcurrency")
    private String uploadConcurrency;

    /**
     * What the output artifact is: {@code zip}, {@code tar} or {@code tgz} (a gzipped tar). Each is the same for the
     * same files. CodeBuild, CodeDeploy (set the bundle type), Lambda, S3 deploy (extract) and CloudFormation actions
     * read zips; use tar or tgz for a consumer that wants one (CodeDeploy's tar and tgz bundles, a job worker).
     * Default: {@code zip}. Example: {@code -Dcodepipeline.outputFormat=tgz}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.outputFormat")
    private String outputFormat;

    /** Bound in the pom, it also runs in builds outside CodePipeline: there it does nothing, loads nothing. */
    @Override
    protected String withoutJob() {
        return "nothing is uploaded.";
    }

    @Override
    protected void addParameters(Map<String, String> parameters) {
        parameters.put(Setting.OUTPUT_ARTIFACT.element(), outputArtifact);
        parameters.put(Setting.OUTPUT_DIRECTORY.element(), outputDirectory);
        parameters.put(Setting.OUTPUT_FILES.element(), outputFiles);
        parameters.put(Setting.FOLLOW_LINKS.element(), followLinks);
        parameters.put(Setting.S3_ENDPOINT.element(), s3Endpoint);
        parameters.put(Setting.UPLOAD_CONCURRENCY.element(), uploadConcurrency);
        parameters.put(Setting.OUTPUT_FORMAT.element(), outputFormat);
    }

    @Override
    protected void execute(ReportSettings settings, SettingSources sources, Secrets secrets, JobCalls reporter)
            throws InvalidSettingException, ReportException, MojoExecutionException {
        ArtifactSettings artifacts = ArtifactSettings.resolve(sources);
        try {
            new ArtifactCalls(reporter, MavenReportLogs.of(getLog()), secrets).upload(settings, artifacts,
                    outputs(sources, artifacts), Paths.get(project.getBuild().getDirectory()));
        } catch (ArtifactException e) {
            throw new MojoExecutionException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("upload-output failed: " + e, e);
        }
    }

    private List<ArtifactCalls.Output> outputs(SettingSources sources, ArtifactSettings artifacts) throws MojoExecutionException {
        Path base = project.getBasedir().toPath();
        List<ArtifactCalls.Output> list = new ArrayList<>();
        if (outputs != null && !outputs.isEmpty()) {
            for (Output output : outputs) {
                if (output.getArtifact() == null || output.getArtifact().trim().isEmpty()) {
                    throw new MojoExecutionException("Every <output> of <outputs> needs an <artifact>: the name of one of"
                            + " the job's output artifacts.");
                }
                Path directory = output.getDirectory() == null ? base : base.resolve(output.getDirectory().toPath());
                list.add(new ArtifactCalls.Output(output.getArtifact().trim(),
                        new FileSet(directory, output.getIncludes(), output.getExcludes())
                        .links(base, artifacts.followLinks())));
            }
            return list;
        }
        String directory = sources.get(Setting.OUTPUT_DIRECTORY);
        String files = sources.get(Setting.OUTPUT_FILES);
        if (directory != null || files != null) {
            list.add(new ArtifactCalls.Output(artifacts.outputArtifact(), new FileSet(
                    directory == null ? base : base.resolve(directory), FileSet.split(files), null)
                    .links(base, artifacts.followLinks())));
            return list;
        }
        File main = project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (main == null || !main.isFile()) {
            throw new MojoExecutionException("upload-output has nothing to upload: the module " + project.getArtifactId()
                    + " (packaging " + project.getPackaging() + ") has no main artifact file"
                    + (main == null ? "" : " (" + main + " is not a file)") + ". Run it after package (it binds to verify),"
                    + " or choose the files with " + Setting.OUTPUT_FILES.howToSet() + " and " + Setting.OUTPUT_DIRECTORY.howToSet() + ".");
        }
        list.add(new ArtifactCalls.Output(artifacts.outputArtifact(), new FileSet(main.getParentFile().toPath(),
                Collections.singletonList(main.getName()), null).links(base, artifacts.followLinks())));
        return list;
    }
}
