package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.ActionOwner;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.ReportLog;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings the worker hands the shared calls for a job ({@link Worker#sources(Job)}): the job's owner decides the
 * family whatever the worker was started with, and a custom job carries no client token at all.
 */
class JobSettingsTest {
    private static final String JOB = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    /** A worker started with a stray actionOwner and client token, as -D and in its environment. */
    private static Worker worker() throws Exception {
        Map<String, String> user = new HashMap<>();
        user.put("codepipeline.actionType", "Build/Custom/MavenBuild/1");
        user.put("codepipeline.actionOwner", "ThirdParty");
        user.put("codepipeline.clientToken", "worker-token-from-D");
        Map<String, String> env = new HashMap<>();
        env.put("CODEPIPELINE_CLIENT_TOKEN", "worker-token-from-env");
        env.put("CODEPIPELINE_ACTION_OWNER", "ThirdParty");
        Worker.Sources sources = (properties, environment) -> {
            Map<String, String> u = new HashMap<>(user);
            u.putAll(properties);
            Map<String, String> e = new HashMap<>(env);
            e.putAll(environment);
            return new SettingSources(null, u, null, e);
        };
        WorkerSettings settings = WorkerSettings.resolve(sources.with(new HashMap<>(), new HashMap<>()), Paths.get("/base"));
        ReportLog log = new ReportLog() {
            public void debug(String message) { }
            public void info(String message) { }
            public void warn(String message) { }
            public void error(String message) { }
        };
        return new Worker(settings, sources, log, Secrets.none(), new String[3], env, null);
    }

    @Test
    void aCustomJobMakesTheCustomCallsWithNoTokenAndNoWarning() throws Exception {
        ReportSettings settings = ReportSettings.resolve(worker().sources(new Job(JOB, ActionType.CUSTOM, null)));

        assertThat(settings.actionOwner()).isEqualTo(ActionOwner.Custom);
        assertThat(settings.jobId()).isEqualTo(JOB);
        assertThat(settings.clientToken()).isNull();
        assertThat(settings.warnings()).isEmpty();
    }

    @Test
    void aPartnerJobMakesThePartnerCallsWithItsOwnToken() throws Exception {
        Job job = new Job(JOB, ActionType.THIRD_PARTY, "client-1");
        job.clientToken = "the-jobs-token";
        ReportSettings settings = ReportSettings.resolve(worker().sources(job));

        assertThat(settings.actionOwner()).isEqualTo(ActionOwner.ThirdParty);
        assertThat(settings.clientToken()).isEqualTo("the-jobs-token");
        assertThat(settings.warnings()).isEmpty();
    }
}
