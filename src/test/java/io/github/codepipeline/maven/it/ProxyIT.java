package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report goes through the proxy a Maven user configured: settings.xml first, else the standard variables. The
 * builds run offline ({@code -o}): a settings.xml with a proxy would otherwise send Maven's own downloads through it.
 */
class ProxyIT {
    private static final String PROXY_USER = "builder";
    private static final String PROXY_PASSWORD = "proxy-SECRET-pass-3128";
    /** {@link #PROXY_PASSWORD} encrypted with {@code mvn --encrypt-password}, under the master password below. */
    private static final String ENCRYPTED_PROXY_PASSWORD = "{PRlUWVRcojEHaTR8zjtiePwsowZ0WWvk66/kj1t2iGciT8U47HYKYBsFZO87e1qt}";
    private static final String SETTINGS_SECURITY =
            "<settingsSecurity><master>{kKnAbsAA+FkHnRDODkgv9JsV6cHz55t8zTCa+wPbtSc=}</master></settingsSecurity>\n";

    private CodePipelineEndpoint endpoint;
    private ForwardProxy proxy;

    @BeforeEach
    void start() {
        endpoint = new CodePipelineEndpoint().acceptAll();
        proxy = new ForwardProxy(PROXY_USER, PROXY_PASSWORD);
    }

    @AfterEach
    void stop() {
        proxy.close();
        endpoint.close();
    }

    private MavenBuild withJob(MavenBuild build) {
        return build.quickJvm()
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-o", "-Dcodepipeline.endpoint=" + endpoint.url());
    }

    private MavenBuild goal(String test) {
        return withJob(MavenBuild.emptyFolder(test)).args("-Dcodepipeline.message=Deployment failed");
    }

    /** A settings.xml with just this proxy, next to the project; its path for {@code -s}. */
    private String settingsWithProxy(MavenBuild build, String nonProxyHosts) {
        return settingsWithProxy(build, nonProxyHosts, PROXY_PASSWORD);
    }

    private String settingsWithProxy(MavenBuild build, String nonProxyHosts, String password) {
        String settings = "<settings>\n  <proxies>\n"
                + "    <proxy>\n      <id>inactive</id>\n      <active>false</active>\n      <protocol>http</protocol>\n"
                + "      <host>127.0.0.1</host>\n      <port>9</port>\n    </proxy>\n"
                + "    <proxy>\n      <id>corp</id>\n      <active>true</active>\n      <protocol>http</protocol>\n"
                + "      <host>127.0.0.1</host>\n      <port>" + proxy.port() + "</port>\n"
                + "      <username>" + PROXY_USER + "</username>\n      <password>" + password + "</password>\n"
                + "      <nonProxyHosts>" + nonProxyHosts + "</nonProxyHosts>\n    </proxy>\n"
                + "  </proxies>\n</settings>\n";
        return write(build.directory().resolve("proxy-settings.xml"), settings);
    }

    private static String write(Path file, String content) {
        try {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    @Test
    void theReportOfAFailedBuildGoesThroughTheActiveProxyOfSettingsXmlWithItsCredentials() {
        MavenBuild build = withJob(MavenBuild.of("compile-failure", "proxySettings"));
        String settings = settingsWithProxy(build, "*.example.com|localhost");

        MavenBuild.Result result = build.args("-X", "-s", settings, "verify").run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[INFO] CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
        assertThat(proxy.requestLines()).containsExactly("POST " + endpoint.url() + "/ HTTP/1.1");
        assertThat(proxy.authorizations()).hasSize(1).allSatisfy(header -> assertThat(header).startsWith("Basic "));
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        // -X shows the proxies in play (the inactive one is not), never the password.
        assertThat(result.log).contains("proxies=[127.0.0.1:" + proxy.port() + " with credentials"
                + " (the proxy 'corp' in settings.xml)]").doesNotContain(PROXY_PASSWORD);
    }

    @Test
    void anEncryptedProxyPasswordIsDecryptedAsMavenDecryptsIt() {
        MavenBuild build = goal("proxyEncryptedPassword");
        String settings = settingsWithProxy(build, "", ENCRYPTED_PROXY_PASSWORD);
        String security = write(build.directory().resolve("settings-security.xml"), SETTINGS_SECURITY);

        MavenBuild.Result result = build.args("-s", settings, "-Dsettings.security=" + security,
                MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(proxy.requestLines()).containsExactly("POST " + endpoint.url() + "/ HTTP/1.1");
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
    }

    @Test
    void aHostInNonProxyHostsIsReachedDirectly() {
        MavenBuild build = goal("proxyBypassed");
        String settings = settingsWithProxy(build, "localhost|127.*");

        MavenBuild.Result result = build.args("-s", settings, MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(proxy.requestLines()).isEmpty();
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
    }

    @Test
    void withoutAProxyInSettingsXmlTheStandardVariableIsUsed() {
        MavenBuild.Result result = goal("proxyFromEnvironment")
                .env("HTTP_PROXY", "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.port())
                .args(MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(proxy.requestLines()).containsExactly("POST " + endpoint.url() + "/ HTTP/1.1");
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
    }

    @Test
    void aProxyThatRefusesTheCredentialsIsOneClearLine() {
        MavenBuild.Result result = goal("proxyRefuses")
                .env("HTTP_PROXY", "http://" + PROXY_USER + ":wrong-password@127.0.0.1:" + proxy.port())
                .args(MavenBuild.goal("report-failure")).run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[ERROR] Failed to execute goal")).singleElement().asString()
                .contains(": The proxy refused the request for lack of valid credentials (HTTP 407 Proxy Authentication"
                        + " Required) on the way to " + endpoint.url() + " through the proxy 127.0.0.1:" + proxy.port()
                        + " with credentials (the environment variable HTTP_PROXY)")
                .doesNotContain("wrong-password");
        assertThat(endpoint.requests()).isEmpty();
    }
}
