package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.SettingSources;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
    private static WorkerSettings settings(String... properties) throws InvalidSettingException {
        Map<String, String> user = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            user.put(properties[i], properties[i + 1]);
        }
        return WorkerSettings.resolve(new SettingSources(null, user, null, null), Paths.get("/base"));
    }

    @Test
    void defaults() throws Exception {
        WorkerSettings settings = settings("codepipeline.actionType", "Build/Custom/MavenBuild/1");

        assertThat(settings.maxJobs).isEqualTo(1);
        assertThat(settings.maxJobsTotal).isZero();
        assertThat(settings.jobTimeoutSeconds).isEqualTo(3600);
        assertThat(settings.shutdownTimeoutSeconds).isEqualTo(20);
        assertThat(settings.idleTimeoutSeconds).isZero();
        assertThat(settings.pollIntervalSeconds).isEqualTo(10);
        assertThat(settings.workDirectory).isEqualTo(Paths.get("/base/codepipeline-work"));
        assertThat(settings.command).isNull();
        assertThat(settings.keepWorkspaces).isFalse();
    }

    @Test
    void durationsTakeSecondsMinutesOrHours() throws Exception {
        WorkerSettings settings = settings("codepipeline.actionType", "Build/Custom/MavenBuild/1", "codepipeline.jobTimeout",
                "90m", "codepipeline.shutdownTimeout", "45", "codepipeline.idleTimeout", "2h", "codepipeline.pollInterval", "5s");

        assertThat(settings.jobTimeoutSeconds).isEqualTo(5400);
        assertThat(settings.shutdownTimeoutSeconds).isEqualTo(45);
        assertThat(settings.idleTimeoutSeconds).isEqualTo(7200);
        assertThat(settings.pollIntervalSeconds).isEqualTo(5);
        assertThatThrownBy(() -> settings("codepipeline.actionType", "Build/Custom/MavenBuild/1", "codepipeline.jobTimeout", "soon"))
                .hasMessage("Invalid codepipeline.jobTimeout: 'soon'. Use a duration from 1 s to 604800 s, such as 90 (seconds),"
                        + " 15m or 2h (set it with -Dcodepipeline.jobTimeout).");
        assertThatThrownBy(() -> settings("codepipeline.actionType", "Build/Custom/MavenBuild/1", "codepipeline.pollInterval", "0"))
                .hasMessageContaining("codepipeline.pollInterval");
        assertThatThrownBy(() -> settings("codepipeline.actionType", "Build/Custom/MavenBuild/1", "codepipeline.maxJobs", "65"))
                .hasMessage("Invalid codepipeline.maxJobs: '65'. Use a whole number from 1 to 64 (set it with -Dcodepipeline.maxJobs).");
    }

    @Test
    void aPartnerActionNeedsATokenFileExceptInADryRun() throws Exception {
        assertThatThrownBy(() -> settings("codepipeline.actionType", "Build/ThirdParty/PartnerCI/1"))
                .hasMessageStartingWith("No client token file: a worker for the partner action type Build/ThirdParty/PartnerCI/1");
        assertThat(settings("codepipeline.actionType", "Build/ThirdParty/PartnerCI/1", "codepipeline.dryRun", "true").clientTokens)
                .isNull();
        assertThat(settings("codepipeline.actionType", "Build/ThirdParty/PartnerCI/1", "codepipeline.clientTokens", "t").clientTokens)
                .isEqualTo(Paths.get("/base/t"));
    }

    @Test
    void theCommandIsSplitIntoWordsWithQuotesAndNoShell() throws Exception {
        assertThat(WorkerSettings.words("./mvnw -B  verify")).containsExactly("./mvnw", "-B", "verify");
        assertThat(WorkerSettings.words("sh -c 'echo a b; exit 3' \"x y\"z")).containsExactly("sh", "-c", "echo a b; exit 3", "x yz");
        assertThat(WorkerSettings.words("run ''")).containsExactly("run", "");
        assertThatThrownBy(() -> WorkerSettings.words("sh -c 'oops")).hasMessage("Invalid codepipeline.command: a ' is not closed.");
    }

    @Test
    void theActionTypeIsCheckedAgainstTheModel() throws Exception {
        assertThat(ActionType.parse("Build/ThirdParty/PartnerCI/1").isCustom()).isFalse();
        assertThat(ActionType.parse("Test/Custom/My_Tests-2/v10").toString()).isEqualTo("Test/Custom/My_Tests-2/v10");
        ActionType lower = ActionType.parse("build/thirdparty/PartnerCI/1");
        assertThat(lower.toString()).isEqualTo("Build/ThirdParty/PartnerCI/1");
        assertThat(lower.isCustom()).isFalse();
        assertThat(lower.owner()).isEqualTo(ActionType.THIRD_PARTY);
        assertThat(ActionType.parse("Build/CUSTOM/MavenBuild/1").isCustom()).isTrue();
        assertThatThrownBy(() -> ActionType.parse(null)).hasMessageStartingWith("Invalid codepipeline.actionType: it is not set.");
        assertThatThrownBy(() -> ActionType.parse("Build/ThirdParty/PartnerCI")).hasMessageContaining("four parts");
        assertThatThrownBy(() -> ActionType.parse("Compile/Custom/X/1")).hasMessageContaining("the category 'Compile'");
        assertThatThrownBy(() -> ActionType.parse("Build/AWS/CodeBuild/1")).hasMessageContaining("the owner 'AWS'");
        assertThatThrownBy(() -> ActionType.parse("Build/Custom/" + "p".repeat(36) + "/1")).hasMessageContaining("provider");
        assertThatThrownBy(() -> ActionType.parse("Build/Custom/X/1234567890")).hasMessageContaining("version");
        assertThatThrownBy(() -> ActionType.parse("Build/Custom/X y/1")).hasMessageContaining("provider");
    }
}
