package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuccessDetailsTest {
    private static SettingSources userProperties(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return new SettingSources(null, map, null, Collections.<String, String>emptyMap());
    }

    private static String repeat(char c, int n) {
        char[] chars = new char[n];
        java.util.Arrays.fill(chars, c);
        return new String(chars);
    }

    @Test
    void everythingSetIsCarried() throws Exception {
        SuccessDetails details = SuccessDetails.resolve(userProperties("codepipeline.summary", "done",
                "codepipeline.percentComplete", "100", "codepipeline.revision", "1.4.0", "codepipeline.changeIdentifier", "9fceb02",
                "codepipeline.revisionSummary", "Release", "codepipeline.revisionCreated", "1764065730000",
                "codepipeline.continuationToken", "step-2"), "default");
        assertThat(details.summary()).isEqualTo("done");
        assertThat(details.percentComplete()).isEqualTo(100);
        assertThat(details.hasRevision()).isTrue();
        assertThat(details.revisionCreated()).isEqualTo(Instant.ofEpochMilli(1764065730000L));
        assertThat(details.continuationToken()).isEqualTo("step-2");
    }

    @Test
    void defaultSummaryIsUsedAndCutToTheLimit() throws Exception {
        assertThat(SuccessDetails.resolve(userProperties(), "Maven build succeeded").summary()).isEqualTo("Maven build succeeded");
        assertThat(SuccessDetails.resolve(userProperties(), repeat('x', 3000)).summary()).hasSize(2048);
        assertThat(SuccessDetails.resolve(userProperties(), null).summary()).isNull();
    }

    @Test
    void eachLimitIsCheckedWithOneClearLine() {
        assertThatThrownBy(() -> SuccessDetails.resolve(userProperties("codepipeline.summary", repeat('s', 2049)), null))
                .hasMessageStartingWith("Invalid codepipeline.summary (from -Dcodepipeline.summary): has 2049 characters");
        assertThatThrownBy(() -> SuccessDetails.resolve(userProperties("codepipeline.percentComplete", "101"), null))
                .hasMessageContaining("Use a whole number from 0 to 100");
        assertThatThrownBy(() -> SuccessDetails.resolve(userProperties("codepipeline.percentComplete", "half"), null))
                .hasMessageContaining("is 'half'");
        assertThatThrownBy(() -> SuccessDetails.resolve(userProperties("codepipeline.revision", "1",
                "codepipeline.changeIdentifier", repeat('c', 101)), null))
                .hasMessageContaining("codepipeline.changeIdentifier").hasMessageContaining("at most 100");
        assertThatThrownBy(() -> SuccessDetails.resolve(userProperties("codepipeline.continuationToken", repeat('t', 2049)), null))
                .hasMessageContaining("at most 2048");
        assertThatThrownBy(() -> SuccessDetails.resolve(userProperties("codepipeline.revision", "1",
                "codepipeline.changeIdentifier", "c", "codepipeline.revisionCreated", "yesterday"), null))
                .hasMessageContaining("neither an ISO-8601 instant");
    }

    @Test
    void revisionPartsGoTogether() {
        assertThatThrownBy(() -> SuccessDetails.resolve(userProperties("codepipeline.changeIdentifier", "c"), null))
                .hasMessageStartingWith("A current revision needs both codepipeline.revision and codepipeline.changeIdentifier");
        assertThatThrownBy(() -> SuccessDetails.resolve(userProperties("codepipeline.revisionSummary", "s"), null))
                .hasMessageContaining("describe a current revision");
    }
}
