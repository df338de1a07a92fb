package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mvn -X} prints every mojo parameter and every logger's debug output: the client token and the AWS
 * credentials still never appear, whether given with {@code -D} or in the environment, with temporary (session)
 * credentials too.
 */
class SecretsIT extends EndpointSupport {
    private static final String TOKEN_PROPERTY = "tok-FROM-THE-COMMAND-LINE-5b2d";
    private static final String TOKEN_ENVIRONMENT = "tok-FROM-THE-ENVIRONMENT-9c1e";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE-SESSION-TOKEN-7a6b";
    private static final List<String> SECRETS = List.of(TOKEN_PROPERTY, TOKEN_ENVIRONMENT, SESSION_TOKEN,
            MavenBuild.SECRET_KEY, MavenBuild.ACCESS_KEY);
    /** One line of maven-resources-plugin's property dump: {@code [DEBUG] env.AWS_SESSION_TOKEN: ...}. */
    private static final Pattern DUMPED_PROPERTY = Pattern.compile("\\[DEBUG\\] [^\\s:]+: .*");

    private MavenBuild withSecrets(MavenBuild build) {
        endpoint.acceptKeys(MavenBuild.ACCESS_KEY, MavenBuild.SECRET_KEY, SESSION_TOKEN); // temporary credentials
        return build.quickJvm()
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN_ENVIRONMENT)
                .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
                .args("-X", "-Dcodepipeline.clientToken=" + TOKEN_PROPERTY, "-Dcodepipeline.endpoint=" + endpoint.url());
    }

    /** The default Maven, the oldest supported, and Maven 4 (whose logging is configured differently). */
    @ParameterizedTest
    @ValueSource(strings = {"", "it.maven.3.6.3", "it.maven.4.0.0-rc-6"})
    void aFailingBuildWithDebugOutputShowsNoSecret(String maven) {
        MavenBuild build = withSecrets(MavenBuild.of("compile-failure", "secrets-" + maven));
        if (!maven.isEmpty()) {
            build.mavenHome(System.getProperty(maven));
        }

        MavenBuild.Result result = build.args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[DEBUG] CodePipeline: reporting the failure of job " + JOB_ID)).hasSize(1);
        assertThat(result.lines("[INFO] CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
        // The report was signed with the session token, and sent with the token from -D (which beats the environment).
        LoggedRequest request = endpoint.requests(FAILURE).get(0);
        assertThat(request.getHeader("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
        assertThat(request.getBodyAsString()).contains(TOKEN_PROPERTY);
        // The secrets were there for -X to print: maven-resources-plugin does, in its own dump of -D and env.*.
        assertThat(result.log).contains(TOKEN_PROPERTY, TOKEN_ENVIRONMENT, SESSION_TOKEN);

        String outsideTheDumps = withoutOtherDumps(result.log);
        assertThat(outsideTheDumps).doesNotContain(SECRETS).doesNotContain("AWS4 Canonical Request");
    }

    @Test
    void theGoalWithDebugOutputShowsNoSecret() {
        MavenBuild.Result result = withSecrets(MavenBuild.emptyFolder("secretsGoal"))
                .args("-Dcodepipeline.message=Deployment failed", MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("-- end configuration --", "CodePipeline: reported the failure of job " + JOB_ID);
        assertThat(endpoint.requests(FAILURE).get(0).getHeader("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
        assertThat(withoutOtherDumps(result.log)).doesNotContain(SECRETS);
    }

    /**
     * A user who turns the bundled SDK's debug output back on is warned, with the logger's relocated name (the one
     * that works: the plugin's SDK lives under {@code io.github.codepipeline.maven.shaded}).
     */
    @Test
    void sdkDebugOutputTurnedOnByTheUserIsWarnedAbout() {
        String logger = "io.github.codepipeline.maven.shaded.awssdk";
        MavenBuild.Result result = build("compile-failure", "secretsSdkDebug")
                .args("-Dorg.slf4j.simpleLogger.log." + logger + "=debug", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[WARNING] CodePipeline: the AWS SDK's debug output is on (logger " + logger + ")"))
                .as(result.toString()).hasSize(1);
        assertThat(result.lines("[INFO] CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
    }

    /**
     * The log without what others print of {@code -D} and {@code env.*} values, which is not ours to fix:
     * maven-resources-plugin's {@code [DEBUG] properties used} dump (the header line and the property lines after it),
     * and Maven 4's own {@code Command line:} line at {@code -X}, which repeats the {@code -D} arguments (not the
     * environment: hence the advice to pass the token in {@code CODEPIPELINE_CLIENT_TOKEN}).
     */
    static String withoutOtherDumps(String log) {
        List<String> kept = new ArrayList<>();
        boolean maven4 = log.startsWith("Apache Maven 4.");
        String mojo = "";
        boolean inDump = false;
        for (String line : log.split("\n", -1)) {
            if (line.startsWith("[INFO] --- ")) {
                mojo = line;
            }
            if (line.startsWith("[DEBUG] properties used")) {
                // "--- maven-resources-plugin:3.3.1:resources" (Maven 3) or "--- resources:3.3.1:resources" (Maven 4)
                assertThat(mojo).as("the mojo that prints " + line).containsPattern("--- (maven-)?resources(-plugin)?:");
                inDump = line.endsWith(":");
                continue;
            }
            if (inDump && (line.isEmpty() || DUMPED_PROPERTY.matcher(line).matches())) {
                continue; // an empty line is the value of line.separator
            }
            inDump = false;
            if (maven4 && line.startsWith("Command line: ") && kept.size() < 10) {
                assertThat(line).doesNotContain(TOKEN_ENVIRONMENT, SESSION_TOKEN, MavenBuild.SECRET_KEY);
                continue;
            }
            kept.add(line);
        }
        return String.join("\n", kept);
    }
}
