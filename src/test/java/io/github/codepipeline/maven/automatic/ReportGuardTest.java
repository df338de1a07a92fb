package io.github.codepipeline.maven.automatic;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.Test;

/** Exactly one result call per build: the first path to claim the session reports, every later one does not. */
class ReportGuardTest {
    @SuppressWarnings("deprecation")
    private static MavenSession session(DefaultRepositorySystemSession repositorySession) {
        return new MavenSession(null, repositorySession, new DefaultMavenExecutionRequest(),
                new DefaultMavenExecutionResult());
    }

    /** Break guarded (CoreExtensionIT alone caught it before): a claim that is always true, or true again. */
    @Test
    void theFirstClaimOfASessionWinsAndEveryLaterOneLoses() {
        DefaultRepositorySystemSession shared = new DefaultRepositorySystemSession();
        MavenSession session = session(shared);

        assertThat(ReportGuard.claim(session)).isTrue();
        assertThat(ReportGuard.claim(session)).isFalse();
        assertThat(ReportGuard.claim(session)).isFalse();
        assertThat(ReportGuard.claim(session(shared))).as("another MavenSession over the same repository session")
                .isFalse();
    }

    @Test
    void eachBuildHasItsOwnClaim() {
        assertThat(ReportGuard.claim(session(new DefaultRepositorySystemSession()))).isTrue();
        assertThat(ReportGuard.claim(session(new DefaultRepositorySystemSession()))).isTrue();
    }

    @Test
    void withNothingToShareTheOnlyPathReports() {
        assertThat(ReportGuard.claim(null)).isTrue();
        assertThat(ReportGuard.claim(session(null))).isTrue();
    }

    /** The mark is a JDK type under a fixed key: paths loaded by other class realms read the same entry. */
    @Test
    void theMarkIsAJdkValueAnyRealmCanRead() {
        DefaultRepositorySystemSession shared = new DefaultRepositorySystemSession();
        ReportGuard.claim(session(shared));
        assertThat(shared.getData().get("io.github.codepipeline.maven.reported")).isEqualTo(Boolean.TRUE);
    }
}
