package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code codepipeline.buildUser}: a worker running as root runs a hostile build (it dumps its environment and reads
 * the worker's client token file, reversed so that masking cannot hide it) as a throw-away user, created here
 * ({@code useradd}, once). The build runs as that user, in a workspace of its own, and reads nothing of the worker's.
 * CI runs as root; elsewhere the test is skipped.
 */
class WorkerBuildUserIT {
    static final String USER = "cp-build-it";
    @RegisterExtension
    final WorkerSupport support = new WorkerSupport();

    @BeforeAll
    static void user() throws IOException, InterruptedException {
        assumeTrue(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes().length > 0
                && new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim().equals("0"),
                "codepipeline.buildUser needs a worker running as root (CI runs as root); this user is not");
        if (new ProcessBuilder("id", "-u", USER).start().waitFor() != 0) {
            Process add = new ProcessBuilder("useradd", "--create-home", "--shell", "/bin/sh", USER).inheritIO().start();
            assertThat(add.waitFor()).as("useradd " + USER).isZero();
        }
    }

    @Test
    void aHostileBuildRunsAsTheBuildUserAndReadsNeitherTheTokenFileNorTheWorkersHome() throws Exception {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild worker = support.worker("build-user", "-Dcodepipeline.maxJobsTotal=1", "-Dcodepipeline.keepWorkspaces=true",
                "-Dcodepipeline.buildUser=" + USER);
        Path tokens = worker.directory().resolve("tokens").toAbsolutePath();
        worker.args("-Dcodepipeline.command=sh -c 'echo \"user=$(id -un) home=$HOME\"; env | sort;"
                + " rev " + tokens + " || echo token-file-refused; ls /root || echo home-refused;"
                + " ls .. ; cat ../build.log || echo log-refused; echo \"modes $(stat -c %a ..) $(stat -c %U ..)\"'");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(result.log).contains("] user=" + USER + " home=/home/" + USER).contains("] token-file-refused")
                .contains("] home-refused").contains("] log-refused").contains("] modes 700 " + USER)
                .contains("Permission denied");
        WorkerSupport.assertNoSecrets(result.log);
        Path workspace;
        try (java.util.stream.Stream<Path> files = Files.list(worker.directory().resolve("codepipeline-work"))) {
            workspace = files.findFirst().orElseThrow();
        }
        // the build's while it ran ("modes 700 cp-build-it" above); a kept workspace is root's again, out of later builds' reach
        assertThat(Files.getOwner(workspace, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
        assertThat(Files.getOwner(workspace.resolve("source"), LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
        assertThat(Files.getOwner(workspace.resolve("build.log"), LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
        assertThat(Files.getPosixFilePermissions(workspace)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(workspace.resolve("build.log")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(workspace.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx--x--x"));
    }

    @Test
    void aDaemonThatEscapesAtOnceFromTheSessionTheEnvironmentAndItsParentIsStoppedAsTheBuildUsersProcess() throws Exception {
        String escaped = "sleep " + (600 + (int) (System.nanoTime() % 50)); // a command line no other test runs
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild.Result result = support.worker("build-user-daemon", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.buildUser=" + USER, "-Dcodepipeline.command=sh -c '(setsid env -i " + escaped
                        + " > /dev/null 2>&1 &); echo daemon-started'").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(WorkerSupport.running(escaped)).as(escaped + " (double fork, setsid, env -i) outlived its job").isFalse();
        int stopped = result.log.indexOf("the build ended but left 1 process running");
        assertThat(stopped).as(result.toString()).isPositive();
        assertThat(result.log.indexOf("reported the success of job " + job.id)).isGreaterThan(stopped);
    }

    @Test
    void withoutBuildUserTheBuildIsTheWorkersUserAndItsWorkspaceIsStill700() throws Exception {
        JobQueue.QueuedJob job = support.job(WorkerSupport.CONFIG_VALUE);
        MavenBuild.Result result = support.worker("build-user-none", "-Dcodepipeline.maxJobsTotal=1",
                "-Dcodepipeline.command=sh -c 'echo \"user=$(id -un) modes $(stat -c %a ..) $(stat -c %a ../build.log)\"'")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(support.queue.results(job)).containsExactly("success");
        assertThat(result.log).contains("] user=root modes 700 600");
    }

    @Test
    void aBuildUserThatDoesNotExistIsRefusedWithOneLine() throws Exception {
        MavenBuild.Result result = support.worker("build-user-missing", "-Dcodepipeline.buildUser=no-such-user-4711",
                "-Dcodepipeline.idleTimeout=2").run();

        assertThat(result.exitCode).isOne();
        assertThat(result.log).contains("Invalid codepipeline.buildUser: there is no user no-such-user-4711 on this machine:"
                + " create it (useradd --system no-such-user-4711) or set -Dcodepipeline.buildUser to an existing user.");
        assertThat(support.endpoint.requests("PollForThirdPartyJobs")).isEmpty();
    }
}
