package io.github.codepipeline.maven.automatic;

import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

/**
 * Exactly one result call per build, whichever path gets there first: the lifecycle participant of a
 * pom-declared extension, the same participant loaded again as a core extension, or the core extension's
 * event spy. The mark lives in the build's repository session data, the one object all of them share even
 * when they were loaded by different class realms (so its key and value are JDK types).
 */
final class ReportGuard {
    private static final String KEY = "io.github.codepipeline.maven.reported";

    private ReportGuard() {}

    /** {@code true} for the first caller of a session, {@code false} for every later one. */
    static boolean claim(MavenSession session) {
        if (session == null || session.getRepositorySession() == null) {
            return true; // nothing to share: no other path can have run
        }
        SessionData data = session.getRepositorySession().getData();
        return data.set(KEY, null, Boolean.TRUE);
    }
}
