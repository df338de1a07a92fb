package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SecretPropertiesTest {
    private static final Map<String, String> CONFIGURATION = new TreeMap<>(Map.of("ProjectName", "shop", "ApiKey", "k-1",
            "Undeclared", "u-1"));

    @Test
    void onlySecretAndUndeclaredValuesAreMasked() {
        assertThat(SecretProperties.of(Map.of("ProjectName", false, "ApiKey", true)).values(CONFIGURATION))
                .containsExactlyInAnyOrder("k-1", "u-1");
    }

    @Test
    void withoutListActionTypesEveryValueIsMasked() {
        assertThat(SecretProperties.all().values(CONFIGURATION)).containsExactlyInAnyOrder("shop", "k-1", "u-1");
    }

    @Test
    void aJobsSecretsAreItsTokenAndTheMaskedValues() {
        Job job = new Job("job-1", ActionType.THIRD_PARTY, "client-1");
        job.clientToken = "tok";
        job.configuration.putAll(CONFIGURATION);
        assertThat(job.secrets(SecretProperties.of(Map.of("ProjectName", false, "ApiKey", false, "Undeclared", false))))
                .containsExactly("tok");
        assertThat(job.secrets()).contains("tok", "shop");
    }
}
