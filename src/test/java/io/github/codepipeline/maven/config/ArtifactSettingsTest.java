package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactSettingsTest {
    private static SettingSources sources(Map<String, String> user, Map<String, String> env) {
        return new SettingSources(null, user, null, env);
    }

    @Test
    void defaults() throws Exception {
        ArtifactSettings settings = ArtifactSettings.resolve(sources(null, null));
        assertThat(settings.s3Endpoint()).isNull();
        assertThat(settings.overwrite()).isFalse();
        assertThat(settings.maxInputBytes()).isEqualTo(4096L * 1024 * 1024);
        assertThat(settings.outputArtifact()).isNull();
        assertThat(settings.followLinks()).isFalse();
        assertThat(ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.followLinks", "true"), null))
                .followLinks()).isTrue();
        assertThat(settings.uploadConcurrency()).isEqualTo(4);
        assertThat(ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.uploadConcurrency", "8"), null))
                .uploadConcurrency()).isEqualTo(8);
    }

    @Test
    void outputFormatIsZipTarOrTgzAndAnythingElseIsOneLine() throws Exception {
        assertThat(ArtifactSettings.resolve(sources(null, null)).outputFormat()).isEqualTo(ArtifactSettings.OutputFormat.ZIP);
        assertThat(ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.outputFormat", "tar"), null))
                .outputFormat()).isEqualTo(ArtifactSettings.OutputFormat.TAR);
        assertThat(ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.outputFormat", " TGZ"), null))
                .outputFormat().contentType()).isEqualTo("application/gzip");
        assertThat(ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.outputFormat", "tar.gz"), null))
                .outputFormat()).isEqualTo(ArtifactSettings.OutputFormat.TGZ);
        assertThatThrownBy(() -> ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.outputFormat",
                "rar\nINJECTED"), null))).isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid codepipeline.outputFormat (from -Dcodepipeline.outputFormat): is 'rar'. Use zip (the"
                        + " default), tar or tgz (set it with -Dcodepipeline.outputFormat).");
    }

    @Test
    void s3EndpointFromTheS3VariableBeforeTheGeneralOne() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", "http://general:1");
        env.put("AWS_ENDPOINT_URL_S3", "http://s3:2");
        assertThat(ArtifactSettings.resolve(sources(null, env)).s3Endpoint().toString()).isEqualTo("http://s3:2");
        assertThat(ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.s3Endpoint", "http://prop:3"), env))
                .s3Endpoint().toString()).isEqualTo("http://prop:3");
    }

    @Test
    void badValuesAreOneLineNamingTheSetting() {
        assertThatThrownBy(() -> ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.s3Endpoint", "ftp://x"), null)))
                .hasMessageStartingWith("Invalid codepipeline.s3Endpoint (from -Dcodepipeline.s3Endpoint)");
        assertThatThrownBy(() -> ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.maxInputSize", "0"), null)))
                .hasMessageContaining("Use a whole number from 1 to 1048576");
        assertThatThrownBy(() -> ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.overwrite", "yes"), null)))
                .hasMessageContaining("Use true or false");
        assertThatThrownBy(() -> ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.followLinks", "1"), null)))
                .hasMessageStartingWith("Invalid codepipeline.followLinks");
        assertThatThrownBy(() -> ArtifactSettings.resolve(sources(Collections.singletonMap("codepipeline.uploadConcurrency", "33"), null)))
                .hasMessageStartingWith("Invalid codepipeline.uploadConcurrency").hasMessageContaining("from 1 to 32");
    }
}
