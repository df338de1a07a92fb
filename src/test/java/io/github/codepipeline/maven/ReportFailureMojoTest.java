package io.github.codepipeline.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** Parameter wiring of {@code report-failure}, with the plugin testing harness: no endpoint is ever called. */
@MojoTest
class ReportFailureMojoTest {
    private static final String POM = "src/test/resources/unit/report-failure/pom.xml";

    @Test
    @InjectMojo(goal = "report-failure", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "failureType", value = "not-a-type")
    void skipWinsOverInvalidSettings(ReportFailureMojo mojo) throws Exception {
        mojo.execute(); // validated nothing, threw nothing
    }

    @Test
    @InjectMojo(goal = "report-failure", pom = POM)
    @MojoParameter(name = "jobId", value = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b")
    @MojoParameter(name = "failureType", value = "Broken")
    @MojoParameter(name = "message", value = "boom")
    @MojoParameter(name = "dryRun", value = "true")
    void invalidFailureTypeIsOneClearLine(ReportFailureMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("Invalid codepipeline.failureType (from <failureType> in the plugin configuration): is 'Broken'.")
                .hasMessageContaining("JobFailed, ConfigurationError, PermissionError, RevisionOutOfSync, RevisionUnavailable, SystemUnavailable")
                .hasNoCause();
    }

    @Test
    @InjectMojo(goal = "report-failure", pom = POM)
    @MojoParameter(name = "message", value = "boom")
    void missingJobIdFailsWithHowToSetIt(ReportFailureMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("No CodePipeline job ID")
                .hasMessageContaining("-Dcodepipeline.jobId or CODEPIPELINE_JOB_ID");
    }

    @Test
    @InjectMojo(goal = "report-failure", pom = POM)
    @MojoParameter(name = "jobId", value = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b")
    @MojoParameter(name = "dryRun", value = "true")
    void missingMessageFailsBeforeAnyCall(ReportFailureMojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("No failure message: set -Dcodepipeline.message=");
    }

    @Test
    @InjectMojo(goal = "report-failure", pom = POM)
    void defaultsComeFromTheDescriptor(ReportFailureMojo mojo) throws Exception {
        assertThat(mojo).extracting("failureType", "timeout", "maxAttempts", "dryRun", "skip")
                .containsExactly("JobFailed", "60", "5", "false", "false");
    }
}
