package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A custom action's output variables: parsed, checked by the service's rules before any call, defaults. */
class OutputVariablesTest {
    private final Map<String, String> configuration = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private OutputVariables resolve(ActionOwner owner, String continuationToken, Map<String, String> defaults)
            throws InvalidSettingException {
        return OutputVariables.resolve(new SettingSources(configuration, properties, null, new HashMap<>()), owner,
                continuationToken, defaults, warnings);
    }

    private OutputVariables custom(String text) throws InvalidSettingException {
        properties.put("codepipeline.outputVariables", text);
        return resolve(ActionOwner.Custom, null, null);
    }

    private String error(String text) {
        try {
            custom(text);
        } catch (InvalidSettingException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void pairsAreReadInOrder() throws Exception {
        assertThat(custom("IMAGE_TAG=1.4.0, COMMIT = 9fceb02 ,URL=https://x.example/?a=b&c=d,EMPTY=,a@b-c_d=1").asMap())
                .containsExactly(entry("IMAGE_TAG", "1.4.0"), entry("COMMIT", "9fceb02"),
                        entry("URL", "https://x.example/?a=b&c=d"), entry("EMPTY", ""), entry("a@b-c_d", "1"));
    }

    @Test
    void aBackslashEscapesACommaOrABackslash() throws Exception {
        assertThat(custom("LIST=a\\,b\\,c,PATH=C:\\\\x,").asMap()).containsExactly(entry("LIST", "a,b,c"), entry("PATH", "C:\\x"));
    }

    @Test
    void theMapFormReadsBackAsItIs() throws Exception {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("LIST", "a,b=c\\d");
        map.put("TAG", "1.4.0");
        configuration.put("outputVariables", OutputVariables.encode(map));
        assertThat(resolve(ActionOwner.Custom, null, null).asMap()).isEqualTo(map);
        assertThat(OutputVariables.encode(new HashMap<>())).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMAGE TAG=1", "TAG.X=1", "#{ns.X}=1", "=1", "TÄG=1"})
    void aNameTheServiceRefusesIsOneLine(String text) {
        assertThat(error(text)).startsWith("Invalid codepipeline.outputVariables (from -Dcodepipeline.outputVariables): has the"
                + " variable name '").contains("letters, digits and @ - _");
    }

    @Test
    void aPairWithoutEqualsIsOneLine() {
        assertThat(error("TAG=1,oops")).contains("has 'oops', which is not NAME=value");
    }

    @Test
    void aNameSetTwiceIsOneLine() {
        assertThat(error("TAG=1,TAG=2")).contains("sets the variable TAG twice");
    }

    @Test
    void variablesWithAContinuationTokenAreRefused() {
        properties.put("codepipeline.outputVariables", "TAG=1");
        assertThatThrownBy(() -> resolve(ActionOwner.Custom, "step-2", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("cannot go with a continuation token")
                .hasMessageContaining("-Dcodepipeline.continuationToken");
    }

    @Test
    void theSizeLimitCountsNamesAndValuesInUtf8() throws Exception {
        String value = "\u00e9".repeat((OutputVariables.MAX_BYTES - 1) / 2); // 2 bytes each
        assertThat(custom("AB=" + value).asMap()).hasSize(1); // 2 + 122,878 bytes: the limit itself
        assertThat(error("ABC=" + value)).contains("1 variables of 122881 bytes", "at most 122880");
    }

    @Test
    void aPartnerActionSendsNoneWithAWarning() throws Exception {
        properties.put("codepipeline.outputVariables", "TAG=1");
        assertThat(resolve(ActionOwner.ThirdParty, null, null).isEmpty()).isTrue();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("not sent", "PutThirdPartyJobSuccessResult", "codepipeline.actionOwner=Custom");
    }

    @Test
    void defaultsAreSentOnlyForACustomActionThatIsDone() throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(OutputVariables.PROJECT_VERSION, "1.4.0");
        defaults.put(OutputVariables.INPUT_REVISION, null);
        assertThat(resolve(ActionOwner.Custom, null, defaults).asMap()).containsExactly(entry("PROJECT_VERSION", "1.4.0"));
        assertThat(resolve(ActionOwner.Custom, "step-2", defaults).isEmpty()).isTrue();
        assertThat(resolve(ActionOwner.ThirdParty, null, defaults).isEmpty()).isTrue();
        assertThat(warnings).isEmpty();
        properties.put("codepipeline.outputVariables", "NONE");
        assertThat(resolve(ActionOwner.Custom, null, defaults).isEmpty()).isTrue();
        properties.put("codepipeline.outputVariables", "TAG=2");
        assertThat(resolve(ActionOwner.Custom, null, defaults).asMap()).containsExactly(entry("TAG", "2"));
    }

    @Test
    void theDefaultsComeFromTheVersionAndTheInputRevisionProperty() {
        properties.put("codepipeline.job.inputRevision", "abc123");
        assertThat(OutputVariables.defaults("1.4.0", new SettingSources(null, properties, null, new HashMap<>())))
                .containsExactly(entry("PROJECT_VERSION", "1.4.0"), entry("INPUT_REVISION", "abc123"));
    }

    @Test
    void theJobWorkersInputRevisionVariableIsTheDefaultWhenThePropertyIsNotSet() {
        Map<String, String> environment = new HashMap<>();
        environment.put("CODEPIPELINE_INPUT_REVISION", "from-the-worker");
        assertThat(OutputVariables.defaults("1.4.0", new SettingSources(null, properties, null, environment)))
                .containsEntry("INPUT_REVISION", "from-the-worker");
        properties.put("codepipeline.job.inputRevision", "abc123");
        assertThat(OutputVariables.defaults("1.4.0", new SettingSources(null, properties, null, environment)))
                .containsEntry("INPUT_REVISION", "abc123");
        assertThat(OutputVariables.defaults(null, new SettingSources(null, new HashMap<>(), null, new HashMap<>())))
                .containsEntry("INPUT_REVISION", null);
    }
}
