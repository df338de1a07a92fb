package io.github.codepipeline.maven.automatic;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.Test;

class CodePipelineLifecycleParticipantTest {
    /** A session whose result throws {@code error} when asked whether the build failed: the JVM at its limits. */
    @SuppressWarnings("deprecation")
    private static MavenSession sessionThrowing(Error error) {
        DefaultMavenExecutionResult result = new DefaultMavenExecutionResult() {
            @Override
            public boolean hasExceptions() {
                throw error;
            }
        };
        return new MavenSession(null, null, new DefaultMavenExecutionRequest(), result);
    }

    /**
     * Break guarded: the participant's last guard narrowed to {@code RuntimeException} (issue 24). An {@code Error}
     * thrown around the report (here from the session itself, before {@link AutomaticReport} keeps its own problems in)
     * would then reach Maven and replace the build's own error in what Maven prints.
     */
    @Test
    void noErrorAroundTheReportEscapesTheLastGuard() {
        for (Error error : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError(),
                new NoClassDefFoundError("io/github/codepipeline/maven/MavenBuildResults"), new AssertionError("x"))) {
            assertThatCode(() -> new CodePipelineLifecycleParticipant().afterSessionEnd(sessionThrowing(error)))
                    .as(error.toString()).doesNotThrowAnyException();
        }
    }
}
