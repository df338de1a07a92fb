package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code actionOwner}: which family of calls, and what a custom action's job needs (a UUID, no client token). */
class ActionOwnerSettingsTest {
    static final String JOB_ID = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    static final String TOKEN = "tok-SECRET-7f3a9c1e5b2d";

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private ReportSettings resolve() throws InvalidSettingException {
        return ReportSettings.resolve(new SettingSources(null, properties, null, environment));
    }

    private String error() {
        try {
            resolve();
        } catch (InvalidSettingException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void thirdPartyIsTheDefaultAndNeedsTheToken() throws Exception {
        environment.put("CODEPIPELINE_JOB_ID", JOB_ID);
        assertThat(error()).contains("no client token", "codepipeline.actionOwner=Custom");
        environment.put("CODEPIPELINE_CLIENT_TOKEN", TOKEN);
        ReportSettings settings = resolve();
        assertThat(settings.actionOwner()).isEqualTo(ActionOwner.ThirdParty);
        assertThat(settings.clientToken()).isEqualTo(TOKEN);
        assertThat(settings.actionOwner().failureCall()).isEqualTo("PutThirdPartyJobFailureResult");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Custom", "custom", "CUSTOM", " Custom "})
    void customIsCaseInsensitiveAndNeedsNoToken(String value) throws Exception {
        environment.put("CODEPIPELINE_JOB_ID", JOB_ID);
        environment.put("CODEPIPELINE_ACTION_OWNER", value);
        ReportSettings settings = resolve();
        assertThat(settings.actionOwner()).isEqualTo(ActionOwner.Custom);
        assertThat(settings.clientToken()).isNull();
        assertThat(settings.warnings()).isEmpty();
        assertThat(settings.withTimeLimit(5, 2).actionOwner()).isEqualTo(ActionOwner.Custom);
        assertThat(settings.actionOwner().failureCall()).isEqualTo("PutJobFailureResult");
        assertThat(settings.actionOwner().successCall()).isEqualTo("PutJobSuccessResult");
        assertThat(settings.actionOwner().detailsCall()).isEqualTo("GetJobDetails");
    }

    @Test
    void thePropertyOverridesTheEnvironment() throws Exception {
        environment.put("CODEPIPELINE_ACTION_OWNER", "Custom");
        properties.put("codepipeline.actionOwner", "thirdparty");
        assertThat(resolve().actionOwner()).isEqualTo(ActionOwner.ThirdParty);
    }

    @Test
    void aTokenSetForACustomActionIsIgnoredWithOneWarningAndNeverKept() throws Exception {
        environment.put("CODEPIPELINE_JOB_ID", JOB_ID);
        environment.put("CODEPIPELINE_CLIENT_TOKEN", TOKEN);
        properties.put("codepipeline.actionOwner", "Custom");
        ReportSettings settings = resolve();
        assertThat(settings.clientToken()).isNull();
        assertThat(settings.warnings()).hasSize(1);
        assertThat(settings.warnings().get(0)).contains("client token", "CODEPIPELINE_CLIENT_TOKEN", "ignored", "not sent")
                .doesNotContain(TOKEN);
        assertThat(settings.toString()).doesNotContain(TOKEN);
    }

    @Test
    void anUnknownOwnerIsOneLineNamingBothValues() {
        properties.put("codepipeline.actionOwner", "Partner");
        assertThat(error()).startsWith("Invalid codepipeline.actionOwner (from -Dcodepipeline.actionOwner): is 'Partner'.")
                .contains("ThirdParty", "Custom", "CODEPIPELINE_ACTION_OWNER");
    }

    @Test
    void anUnknownOwnerIsAnErrorEvenWithoutAJob() {
        environment.put("CODEPIPELINE_ACTION_OWNER", "Customs");
        assertThat(error()).contains("is 'Customs'", "the environment variable CODEPIPELINE_ACTION_OWNER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-42", "0F1E2D3C-4B5A-4978-8A9B-0C1D2E3F4A5B", "0f1e2d3c4b5a49788a9b0c1d2e3f4a5b"})
    void aCustomJobIdMustBeALowerCaseUuid(String id) {
        environment.put("CODEPIPELINE_JOB_ID", id);
        properties.put("codepipeline.actionOwner", "Custom");
        assertThat(error()).startsWith("Invalid codepipeline.jobId (from the environment variable CODEPIPELINE_JOB_ID): is '"
                + id + "', which is not a custom action's job ID").contains("UUID", "PollForJobs");
    }

    @Test
    void aPartnerJobIdThatIsNoUuidIsOnlyAWarning() throws Exception {
        environment.put("CODEPIPELINE_JOB_ID", "job-42");
        environment.put("CODEPIPELINE_CLIENT_TOKEN", TOKEN);
        assertThat(resolve().warnings()).hasSize(1);
    }

    @Test
    void aDryRunOfACustomJobNeedsNothingElse() throws Exception {
        environment.put("CODEPIPELINE_JOB_ID", JOB_ID);
        properties.put("codepipeline.actionOwner", "Custom");
        properties.put("codepipeline.dryRun", "true");
        assertThat(resolve().dryRun()).isTrue();
    }
}
