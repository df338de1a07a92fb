package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void masksTheTokenFromEveryPlaceAndTheAwsCredentials() {
        Map<String, String> properties = new HashMap<>();
        properties.put("codepipeline.clientToken", "token-from-the-command-line");
        properties.put("aws.sessionToken", "session-from-a-property");
        Map<String, String> environment = new HashMap<>();
        environment.put("CODEPIPELINE_CLIENT_TOKEN", "token-from-the-environment");
        environment.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLEKEY000001");
        environment.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-K7MDENG");
        environment.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEJr");
        environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-authorization-token");

        Secrets secrets = Secrets.from(new SettingSources(null, properties, null, environment));

        assertThat(secrets.redact("a token-from-the-command-line b token-from-the-environment c AKIDEXAMPLEKEY000001"
                + " d wJalrXUtnFEMI-K7MDENG e IQoJb3JpZ2luX2VjEJr f session-from-a-property g container-authorization-token"))
                .isEqualTo("a **** b **** c **** d **** e **** f **** g ****");
    }

    @Test
    void masksEveryActionConfigurationValueTheWorkerOrJobDetailsGaveTheBuild() {
        Map<String, String> environment = new HashMap<>();
        environment.put("CODEPIPELINE_CONFIG_DB_PASSWORD", "s3cr3t-from-the-worker");
        environment.put("CODEPIPELINE_CONFIG_API_KEY", "  api-key-with-spaces-around  ");
        environment.put("CODEPIPELINE_JOB_ID", "11111111-2222-3333-4444-555555555555");
        Map<String, String> userProperties = new HashMap<>();
        userProperties.put("codepipeline.job.config.Token", "token-from-job-details");
        Map<String, String> projectProperties = new HashMap<>();
        projectProperties.put("codepipeline.job.config.Environment", "production-eu-1");
        projectProperties.put("codepipeline.job.pipelineName", "shop-pipeline");

        Secrets secrets = Secrets.from(new SettingSources(null, userProperties, projectProperties, environment));

        assertThat(secrets.redact("pw=s3cr3t-from-the-worker key=api-key-with-spaces-around t=token-from-job-details"
                + " env=production-eu-1 job 11111111-2222-3333-4444-555555555555 of shop-pipeline"))
                .isEqualTo("pw=**** key=**** t=**** env=**** job 11111111-2222-3333-4444-555555555555 of shop-pipeline");
    }

    @Test
    void aSecretThatContainsAnotherIsMaskedWhole() {
        assertThat(Secrets.of("abcd", "xxabcdxx").redact("xxabcdxx and abcd")).isEqualTo("**** and ****");
    }

    @Test
    void valuesTooShortToMeanAnythingAreLeftAlone() {
        assertThat(Secrets.of("abc", null, "  ").redact("abc")).isEqualTo("abc");
        assertThat(Secrets.none().redact(null)).isNull();
    }
}
