package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.report.RecordingLog;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildEnvironmentTest {
    private final RecordingLog log = new RecordingLog();

    private static Map<String, String> worker() {
        Map<String, String> env = new HashMap<>();
        for (String name : new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
            "CODEPIPELINE_CLIENT_TOKEN", "CODEPIPELINE_JOB_ID", "MAVEN_CMD_LINE_ARGS"}) {
            env.put(name, "worker-" + name);
        }
        env.put("AWS_REGION", "eu-west-1");
        env.put("PATH", "/usr/bin");
        return env;
    }

    private Map<String, String> of(Job job, boolean pass) {
        Map<String, String> connection = new HashMap<>();
        connection.put("AWS_PROFILE", "from-d");
        connection.put("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:1");
        return BuildEnvironment.of(worker(), connection, job, Paths.get("/w/result"), Paths.get("/w/job.properties"), pass, log,
                "[job x] ");
    }

    @Test
    void aBuildGetsNoCredentialNoTokenNoCommandLineOfTheWorker() {
        Job job = new Job("job-1", ActionType.THIRD_PARTY, "client-1");
        job.clientToken = "tok-SECRET";
        Map<String, String> env = of(job, false);
        assertThat(env.keySet()).noneMatch(BuildEnvironment::isAwsCredential).doesNotContain("MAVEN_CMD_LINE_ARGS",
                "CODEPIPELINE_CLIENT_TOKEN");
        assertThat(env.values()).noneMatch(v -> v.startsWith("worker-") || v.equals("tok-SECRET") || v.equals("from-d"));
        assertThat(env).containsEntry("AWS_REGION", "eu-west-1").containsEntry("PATH", "/usr/bin")
                .containsEntry("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:1").containsEntry("AWS_EC2_METADATA_DISABLED", "true")
                .containsEntry("CODEPIPELINE_JOB_ID", "job-1").containsEntry("CODEPIPELINE_ACTION_OWNER", "ThirdParty")
                .containsEntry("CODEPIPELINE_RESULT_FILE", "/w/result").containsEntry("CODEPIPELINE_JOB_FILE", "/w/job.properties");
    }

    @Test
    void theOptInPassesTheAwsCredentialsOnlyNeverTheTokenOrCommandLine() {
        Job job = new Job("job-1", ActionType.THIRD_PARTY, "client-1");
        job.clientToken = "tok-SECRET";
        Map<String, String> env = of(job, true);
        assertThat(env).containsEntry("AWS_ACCESS_KEY_ID", "worker-AWS_ACCESS_KEY_ID")
                .containsEntry("AWS_CONTAINER_CREDENTIALS_FULL_URI", "worker-AWS_CONTAINER_CREDENTIALS_FULL_URI")
                .containsEntry("AWS_PROFILE", "from-d").doesNotContainKeys("MAVEN_CMD_LINE_ARGS", "CODEPIPELINE_CLIENT_TOKEN",
                        "AWS_EC2_METADATA_DISABLED");
        assertThat(env.values()).doesNotContain("tok-SECRET");
    }

    @Test
    void collidingConfigurationNamesWarnOnceAndThePlainNameWins() {
        Job job = new Job("job-1", ActionType.CUSTOM, null);
        job.configuration.put("A=B", "from A=B");
        job.configuration.put("a-b", "from a-b");
        job.configuration.put("a_b", "from a_b");
        job.configuration.put("x-y", "from x-y");
        job.configuration.put("X.Y", "from X.Y");
        job.configuration.put("Goal", "verify");
        Map<String, String> env = of(job, false);
        assertThat(env).containsEntry("CODEPIPELINE_CONFIG_A_B", "from a_b").containsEntry("CODEPIPELINE_CONFIG_X_Y", "from X.Y")
                .containsEntry("CODEPIPELINE_CONFIG_GOAL", "verify");
        assertThat(log.warnings()).hasSize(2);
        assertThat(log.warnings().get(0)).isEqualTo("CodePipeline: [job x] the action's configuration names 'A=B', 'a-b', 'a_b' all map"
                + " to CODEPIPELINE_CONFIG_A_B: the build gets the value of 'a_b' (a name of letters, digits and _ wins, else"
                + " the first in code-point order); rename the others.");
        assertThat(String.join("\n", log.warnings())).doesNotContain("from ");
    }
}
