package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A secret of several lines is masked whole and line by line (output prints it a line at a time). */
class SecretsLinesTest {
    @Test
    void eachLineOfAMultiLineValueIsMaskedOnItsOwn() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\r\nMIIEpAIBAAKCAQEA0secretline1\n  abc\nZ2VoZWltsecretline2  \n"
                + "-----END RSA PRIVATE KEY-----\n";
        Secrets secrets = Secrets.of(pem);

        assertThat(secrets.redact("key: " + pem.trim())).isEqualTo("key: ****");
        assertThat(secrets.redact("[job 1] MIIEpAIBAAKCAQEA0secretline1")).isEqualTo("[job 1] ****");
        assertThat(secrets.redact("  Z2VoZWltsecretline2")).isEqualTo("  ****");
        assertThat(secrets.redact("abc stays: short lines are not masked")).startsWith("abc stays");
        assertThat(Secrets.none().and(pem).redact("x MIIEpAIBAAKCAQEA0secretline1 y")).isEqualTo("x **** y");
    }
}
