package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin loaded as a core extension from {@code .mvn/extensions.xml}. */
class CoreExtensionIT extends EndpointSupport {
    @Test
    void failureBeforeTheLifecycleIsReportedAsConfigurationError() {
        // Offline, so that the missing parent fails at once instead of being looked up in remote repositories.
        MavenBuild.Result result = build("core-extension-missing-parent", "missingParent").args("-o", "validate").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains("no-such-parent").doesNotContain(TOKEN);
        assertThat(result.lines("CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0).get("failureDetails").toString()).contains("type=ConfigurationError");
        assertThat(FailureReportIT.message(bodies.get(0)))
                .startsWith("Maven build failed: ")
                .contains("Non-resolvable parent POM", "it.example.missing:no-such-parent:pom:9.9.9");
    }

    @Test
    void aPomProblemNamesTheModuleAndThePomFileWithTheLineOnce() {
        MavenBuild.Result result = build("core-extension-pom-problem", "pomProblem").args("-o", "validate").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0).get("failureDetails").toString()).contains("type=ConfigurationError");
        assertThat(FailureReportIT.message(bodies.get(0))).matches("Maven build failed: A POM has a problem:\n"
                + "  - shop-api \\(shop-api/pom\\.xml:11\\): 'dependencies\\.dependency\\.version' for"
                + " org\\.junit\\.jupiter:junit-jupiter:jar is missing\\.\n"
                + "Maven \\d[^,\n]*, Java \\d[^\n]*");
    }

    @Test
    void declaredAsCoreAndAsPomExtensionTheFailureIsReportedOnce() {
        MavenBuild.Result result = build("core-extension-compile-failure", "bothWays").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).hasSize(1);
        assertThat(FailureReportIT.message(bodies.get(0))).contains("shop-api (maven-compiler-plugin:compile)");
    }
}
