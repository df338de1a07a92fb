package io.github.codepipeline.maven.automatic;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.ReportLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.MavenExecutionException;
import org.junit.jupiter.api.Test;

class AutomaticReportTest {
    /** A failure whose message cannot be composed at all: the JVM is at its limits. */
    private static AutomaticReport.Failure failing(Error error) {
        return new AutomaticReport.Failure() {
            @Override
            public String message(ReportSettings settings, Secrets secrets, ReportLog log) {
                throw error;
            }

            @Override
            public FailureType derivedType() {
                throw error;
            }
        };
    }

    private static SettingSources dryRun(boolean failOnReportError) {
        Map<String, String> properties = new HashMap<>();
        properties.put("codepipeline.jobId", "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b");
        properties.put("codepipeline.clientToken", "token-0123456789");
        properties.put("codepipeline.region", "us-east-1");
        properties.put("codepipeline.dryRun", "true");
        properties.put("codepipeline.failOnReportError", String.valueOf(failOnReportError));
        return new SettingSources(null, properties, null, new HashMap<>());
    }

    @Test
    void noErrorOfTheJvmEscapesToMaven() {
        for (Error error : List.of(new OutOfMemoryError("Java heap space"), new StackOverflowError(),
                new NoClassDefFoundError("software/amazon/awssdk/core/SdkBytes"))) {
            assertThatCode(() -> AutomaticReport.run(dryRun(false), failing(error), 0)).doesNotThrowAnyException();
        }
    }

    @Test
    void failOnReportErrorStillTurnsThemIntoMavensOwnException() {
        assertThatThrownBy(() -> AutomaticReport.run(dryRun(true), failing(new OutOfMemoryError("Java heap space")), 0))
                .isInstanceOf(MavenExecutionException.class)
                .hasMessageContaining("reporting failed unexpectedly (java.lang.OutOfMemoryError: Java heap space)");
    }
}
