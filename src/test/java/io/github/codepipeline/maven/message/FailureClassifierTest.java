package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.FailureType;
import java.io.File;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.lifecycle.LifecyclePhaseNotFoundException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginConfigurationException;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.ProjectBuildingException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
    private static final RemoteRepository REPOSITORY =
            new RemoteRepository.Builder("private", "default", "https://repo.example.com/maven").build();
    private static final DefaultArtifact ARTIFACT = new DefaultArtifact("com.example:secret-lib:1.0");

    /** What Maven records when a module's dependencies cannot be downloaded. */
    private static Throwable dependencyFailure(Throwable transferCause, String transferMessage) {
        ArtifactTransferException transfer = new ArtifactTransferException(ARTIFACT, REPOSITORY, transferMessage, transferCause);
        ArtifactResolutionException resolution = new ArtifactResolutionException(
                Collections.<ArtifactResult>emptyList(), "Could not resolve com.example:secret-lib:1.0", transfer);
        return new LifecycleExecutionException("Failed to execute goal on project app: Could not resolve dependencies",
                new DependencyResolutionException(null, "Could not resolve dependencies for project app", resolution));
    }

    private static FailureType classify(Throwable... errors) {
        return FailureClassifier.classify(List.of(errors));
    }

    @Test
    void buildDefinitionErrorsAreConfigurationErrors() {
        assertThat(classify(new ProjectBuildingException("app", "Non-parseable POM", new File("pom.xml"))))
                .isEqualTo(FailureType.ConfigurationError);
        assertThat(classify(new LifecyclePhaseNotFoundException("Unknown lifecycle phase \"verifyy\"", "verifyy")))
                .isEqualTo(FailureType.ConfigurationError);
        assertThat(classify(new LifecycleExecutionException("Failed to execute goal",
                new PluginConfigurationException(null, "Cannot convert 'abc' to int"))))
                .isEqualTo(FailureType.ConfigurationError);
    }

    @Test
    void aRepositoryThatRefusesUsIsAPermissionError() {
        assertThat(classify(dependencyFailure(null,
                "Could not transfer artifact com.example:secret-lib:jar:1.0 from/to private: status code: 401, reason phrase: Unauthorized (401)")))
                .isEqualTo(FailureType.PermissionError);
        assertThat(classify(dependencyFailure(new AuthorizationException("Access denied to: https://repo.example.com"),
                "Could not transfer artifact")))
                .isEqualTo(FailureType.PermissionError);
        // The permission problem wins over a configuration problem elsewhere in the build.
        assertThat(classify(new ProjectBuildingException("other", "bad", (File) null),
                dependencyFailure(null, "Could not transfer artifact: 403 Forbidden")))
                .isEqualTo(FailureType.PermissionError);
    }

    @Test
    void anUnreachableRepositoryIsSystemUnavailable() {
        assertThat(classify(dependencyFailure(new UnknownHostException("repo.example.com"), "Could not transfer artifact")))
                .isEqualTo(FailureType.SystemUnavailable);
        assertThat(classify(dependencyFailure(new ConnectException("Connection refused"), "Could not transfer artifact")))
                .isEqualTo(FailureType.SystemUnavailable);
    }

    @Test
    void everythingElseIsJobFailed() {
        assertThat(classify(new LifecycleExecutionException("Failed to execute goal",
                new MojoFailureException("There are test failures.")))).isEqualTo(FailureType.JobFailed);
        assertThat(classify(new LifecycleExecutionException("Failed", new MojoExecutionException("Compilation failure"))))
                .isEqualTo(FailureType.JobFailed);
        // A missing artifact is the build's problem, not the repository's.
        assertThat(classify(new DependencyResolutionException(null, "Could not resolve dependencies",
                new ArtifactResolutionException(Collections.<ArtifactResult>emptyList(), "not found",
                        new ArtifactNotFoundException(ARTIFACT, REPOSITORY)))))
                .isEqualTo(FailureType.JobFailed);
        assertThat(classify()).isEqualTo(FailureType.JobFailed);
    }

    @Test
    void aTestThatTalksAboutPermissionsOrHostsIsStillJobFailed() {
        assertThat(classify(new LifecycleExecutionException("Failed", new MojoFailureException(
                "There are test failures: expected status code: 401 but was 200; access denied", new UnknownHostException("x")))))
                .isEqualTo(FailureType.JobFailed);
    }

    @Test
    void survivesCyclicCauseChains() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertThat(classify(a, new CyclicException())).isEqualTo(FailureType.JobFailed);
    }

    /** Named like Wagon's, which is matched by its simple name. */
    private static final class AuthorizationException extends Exception {
        AuthorizationException(String message) {
            super(message);
        }
    }

    /** A cause chain that points back at itself forever, whatever initCause allows. */
    static final class CyclicException extends RuntimeException {
        private final CyclicException other;

        CyclicException() {
            this.other = new CyclicException(this);
        }

        private CyclicException(CyclicException other) {
            this.other = other;
        }

        @Override
        public synchronized Throwable getCause() {
            return other;
        }
    }
}
