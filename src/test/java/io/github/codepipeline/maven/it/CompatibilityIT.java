package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compatibility matrix: the compile-failure and test-failure projects, each built by every supported Maven
 * (3.6.3, 3.9.16 and 4.0.0-rc-6, unpacked by the build into {@code target/mavens/}) on the JDK that runs the tests
 * (17 in CI) and on JDK 25. Every build must fail with exit code 1 and be reported exactly once, naming
 * the failed module.
 *
 * <p>JDK 25 is looked up in {@code -Dit.jdk25.home}, {@code $JDK25_HOME} or {@code /usr/lib/jvm/temurin-25-jdk-amd64};
 * its cases are skipped (not failed) on a machine without it.
 */
class CompatibilityIT extends EndpointSupport {
    static final String JOB_ID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    static final String TOKEN = "tok-compat-2b9e7d41";
    static final String[] MAVENS = {"3.6.3", "3.9.16", "4.0.0-rc-6"};

    static Stream<Arguments> matrix() {
        String jdk = System.getProperty("java.home");
        String jdkVersion = String.valueOf(Runtime.version().feature());
        List<Arguments> cases = new ArrayList<>();
        for (String project : new String[] {"compile-failure", "test-failure"}) {
            for (String maven : MAVENS) {
                cases.add(Arguments.of(maven, required("it.maven." + maven), jdkVersion, jdk, project));
                cases.add(Arguments.of(maven, required("it.maven." + maven), "25", jdk25(), project));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "Maven {0} on JDK {2}: {4}")
    @MethodSource("matrix")
    void failedBuildIsReportedOnce(String maven, String mavenHome, String jdkVersion, String javaHome, String project) {
        assumeTrue(javaHome != null, "no JDK " + jdkVersion + " here (set -Dit.jdk25.home or JDK25_HOME)");
        assertThat(Paths.get(mavenHome, "bin", "mvn")).as("Maven %s, unpacked by the build", maven).isExecutable();
        String module = project.equals("compile-failure") ? "shop-api" : "shop-core";

        MavenBuild.Result result = MavenBuild.of(project, "compat-" + maven + "-jdk" + jdkVersion)
                .mavenHome(mavenHome)
                .javaHome(javaHome)
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-V", "-Dcodepipeline.endpoint=" + endpoint.url(), "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).as("the Maven that ran").contains("Apache Maven " + maven + " ");
        assertThat(result.lines("Java version: ")).as("the JDK that ran").anyMatch(line -> line.contains(": " + jdkVersion));
        assertThat(result.log).contains("BUILD FAILURE");
        assertThat(result.lines("CodePipeline: reported the failure of job " + JOB_ID)).as(result.toString()).hasSize(1);
        assertThat(result.log).doesNotContain(TOKEN);

        List<Map<String, Object>> bodies = endpoint.bodies(FAILURE);
        assertThat(bodies).as(result.toString()).hasSize(1);
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(bodies.get(0)).containsEntry("jobId", JOB_ID).containsEntry("clientToken", TOKEN);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) bodies.get(0).get("failureDetails");
        assertThat((String) details.get("message")).startsWith("Maven build failed in module " + module);
    }

    /** The JDK 25 home, or {@code null} when this machine has none. */
    static String jdk25() {
        for (String candidate : new String[] {System.getProperty("it.jdk25.home"), System.getenv("JDK25_HOME"),
                "/usr/lib/jvm/temurin-25-jdk-amd64"}) {
            if (candidate != null && !candidate.isEmpty()) {
                Path java = Paths.get(candidate, "bin", "java");
                if (Files.isExecutable(java)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the ITs with mvn verify");
        }
        return value;
    }
}
