package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Secrets#redactStart}: the start of a text cut inside a secret shows none of it. */
class SecretsRedactStartTest {
    private static final String SECRET = "ghp_k7Q2x9LmNpR4sT6v";

    @Test
    void aSecretCutAtTheEndIsMaskedFromItsStart() {
        Secrets secrets = Secrets.of(SECRET);
        assertThat(secrets.redactStart("using " + SECRET + " and " + SECRET.substring(0, 6)))
                .isEqualTo("using **** and ****");
        assertThat(secrets.redactStart("token " + SECRET.substring(0, SECRET.length() - 1))).isEqualTo("token ****");
        assertThat(secrets.redactStart("token g")).as("even one character").isEqualTo("token ****");
    }

    @Test
    void anEndThatIsNoSecretsStartIsKept() {
        Secrets secrets = Secrets.of(SECRET);
        assertThat(secrets.redactStart("using " + SECRET + " and more")).isEqualTo("using **** and more");
        assertThat(secrets.redactStart("ghp_k8")).isEqualTo("ghp_k8");
        assertThat(secrets.redactStart("")).isEmpty();
        assertThat(secrets.redactStart(null)).isNull();
        assertThat(Secrets.none().redactStart("ghp_k7")).isEqualTo("ghp_k7");
    }

    @Test
    void theEarliestStartOfAnySecretCounts() {
        Secrets secrets = Secrets.of("abcdefgh", "cdefXYZW");
        assertThat(secrets.redactStart("x abcdef")).isEqualTo("x ****");
        assertThat(secrets.redactStart("x aaaaaaz")).isEqualTo("x aaaaaaz");
        assertThat(secrets.redactStart("x aaaaaab")).as("the last a starts ab: one more character lost, nothing shown")
                .isEqualTo("x aaaaa****");
        assertThat(Secrets.of("aaaaaaaa").redactStart("x aaaaaaa")).isEqualTo("x ****");
    }
}
