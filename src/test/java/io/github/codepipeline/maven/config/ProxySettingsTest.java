package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which proxy a report goes through: settings.xml as Maven reads it, else the JVM's properties, else HTTPS_PROXY. */
class ProxySettingsTest {
    private static final String AWS = "codepipeline.us-east-1.amazonaws.com";

    private final Map<String, String> userProperties = new HashMap<>();
    private final Map<String, String> systemProperties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final List<ProxyServer> mavenProxies = new ArrayList<>();

    private ProxySettings resolve(String protocol) throws InvalidSettingException {
        return ProxySettings.resolve(sources(), protocol);
    }

    private SettingSources sources() {
        return new SettingSources(null, userProperties, null, environment).withNetwork(systemProperties, mavenProxies);
    }

    private static ProxyServer maven(String id, String protocol, String nonProxyHosts) {
        return ProxyServer.fromMavenSettings(id, protocol, id + ".proxy", 8080, null, null, nonProxyHosts);
    }

    @Test
    void noProxyAnywhereMeansDirect() throws Exception {
        assertThat(resolve("https").select(AWS)).isNull();
    }

    @Test
    void mavenPrefersAnHttpsProxyForHttpsAndFallsBackToAnHttpOne() throws Exception {
        mavenProxies.add(maven("plain", "http", null));
        mavenProxies.add(maven("secure", "https", null));

        assertThat(resolve("https").select(AWS).host()).isEqualTo("secure.proxy");
        assertThat(resolve("http").select("127.0.0.1").host()).isEqualTo("plain.proxy");

        mavenProxies.remove(1);
        assertThat(resolve("https").select(AWS).host()).isEqualTo("plain.proxy");
    }

    @Test
    void anHttpsOnlyProxyDoesNotServeHttp() throws Exception {
        mavenProxies.add(maven("secure", "https", null));

        assertThat(resolve("http").select("127.0.0.1")).isNull();
    }

    @Test
    void mavenNonProxyHostsAreGlobsSeparatedByBars() throws Exception {
        mavenProxies.add(maven("first", "https", "*.amazonaws.com|localhost"));
        mavenProxies.add(maven("second", "https", "127.*,*.internal"));

        ProxySettings proxies = resolve("https");

        assertThat(proxies.select(AWS).host()).isEqualTo("second.proxy");
        assertThat(proxies.select("CODEPIPELINE.US-EAST-1.AMAZONAWS.COM").host()).isEqualTo("second.proxy");
        assertThat(proxies.select("localhost").host()).isEqualTo("second.proxy");
        assertThat(proxies.select("127.0.0.1").host()).isEqualTo("first.proxy");
        assertThat(proxies.select("amazonaws.com.evil.example").host()).isEqualTo("first.proxy");
    }

    @Test
    void whenEveryMavenProxyExcludesTheHostTheConnectionIsDirectEvenWithHttpsProxySet() throws Exception {
        mavenProxies.add(maven("corp", "https", "*.amazonaws.com"));
        environment.put("HTTPS_PROXY", "http://env.proxy:3128");

        assertThat(resolve("https").select(AWS)).isNull();
    }

    @Test
    void jvmPropertiesComeNextWithTheJdksDefaults() throws Exception {
        systemProperties.put("https.proxyHost", "jvm.proxy");
        environment.put("HTTPS_PROXY", "http://env.proxy:3128");

        ProxyServer proxy = resolve("https").select(AWS);

        assertThat(proxy.host()).isEqualTo("jvm.proxy");
        assertThat(proxy.port()).isEqualTo(443);
        assertThat(proxy.source()).isEqualTo("the JVM system property https.proxyHost");
        // The JDK's default http.nonProxyHosts keeps local addresses direct.
        assertThat(resolve("https").select("localhost")).isNull();
        assertThat(resolve("https").select("127.0.0.1")).isNull();
    }

    @Test
    void jvmPropertiesFromTheCommandLineWinAndUseHttpNonProxyHosts() throws Exception {
        systemProperties.put("https.proxyHost", "jvm.proxy");
        userProperties.put("https.proxyHost", "cli.proxy");
        userProperties.put("https.proxyPort", "3128");
        userProperties.put("http.nonProxyHosts", "*.amazonaws.com");
        systemProperties.put("https.proxyUser", "builder");
        systemProperties.put("https.proxyPassword", "jvm-proxy-pw");

        assertThat(resolve("https").select("example.com"))
                .hasToString("cli.proxy:3128 with credentials (-Dhttps.proxyHost)");
        assertThat(resolve("https").select("example.com").password()).isEqualTo("jvm-proxy-pw");
        assertThat(resolve("https").select(AWS)).isNull();
        assertThat(resolve("https").select("localhost")).isNotNull();
    }

    @Test
    void anHttpEndpointUsesTheHttpProperties() throws Exception {
        systemProperties.put("https.proxyHost", "secure.proxy");
        systemProperties.put("http.proxyHost", "plain.proxy");
        systemProperties.put("http.nonProxyHosts", "");

        assertThat(resolve("http").select("example.com").host()).isEqualTo("plain.proxy");
        assertThat(resolve("http").select("example.com").port()).isEqualTo(80);
    }

    @Test
    void invalidJvmPortNamesTheProperty() {
        userProperties.put("https.proxyHost", "jvm.proxy");
        userProperties.put("https.proxyPort", "proxy");

        assertThatThrownBy(() -> resolve("https")).hasMessage("Invalid https.proxyPort (from -Dhttps.proxyPort): is 'proxy'."
                + " Use the proxy's port, a number from 1 to 65535, or remove it to use port 443.");
    }

    @Test
    void environmentComesLastWithCredentialsAndNoProxy() throws Exception {
        environment.put("https_proxy", "http://build%40corp:p%3Ass+word@env.proxy:3128/");
        environment.put("NO_PROXY", "localhost, .internal,example.org");

        ProxySettings proxies = resolve("https");
        ProxyServer proxy = proxies.select(AWS);

        assertThat(proxy.host()).isEqualTo("env.proxy");
        assertThat(proxy.port()).isEqualTo(3128);
        assertThat(proxy.username()).isEqualTo("build@corp");
        assertThat(proxy.password()).isEqualTo("p:ss+word");
        assertThat(proxy).hasToString("env.proxy:3128 with credentials (the environment variable https_proxy)");
        assertThat(proxies.select("localhost")).isNull();
        assertThat(proxies.select("api.internal")).isNull();
        assertThat(proxies.select("example.org")).isNull();
        assertThat(proxies.select("www.example.org")).isNull();
        assertThat(proxies.select("notexample.org")).isNotNull();
    }

    @Test
    void upperCaseWinsAndAnHttpEndpointUsesHttpProxy() throws Exception {
        environment.put("HTTPS_PROXY", "upper.proxy:1");
        environment.put("https_proxy", "lower.proxy:2");
        environment.put("HTTP_PROXY", "plain.proxy");

        assertThat(resolve("https").select(AWS).host()).isEqualTo("upper.proxy");
        assertThat(resolve("http").select("127.0.0.1")).hasToString("plain.proxy:80 (the environment variable HTTP_PROXY)");
    }

    @Test
    void noProxyStarMeansNeverAProxy() throws Exception {
        environment.put("HTTPS_PROXY", "http://env.proxy:3128");
        environment.put("no_proxy", "*");

        assertThat(resolve("https").select(AWS)).isNull();
    }

    @Test
    void invalidEnvironmentProxiesAreClearAndNeverEchoTheValue() {
        environment.put("HTTPS_PROXY", "http://user:se cret@proxy");
        assertThatThrownBy(() -> resolve("https")).hasMessageStartingWith("The environment variable HTTPS_PROXY is not a"
                + " valid URL").hasMessageEndingWith("Set it to the proxy's URL, such as http://proxy.example.com:3128"
                + " (or http://user:password@host:port), or unset it to connect directly.")
                .hasMessageNotContaining("se cret");

        environment.put("HTTPS_PROXY", "https://proxy.example.com:443");
        assertThatThrownBy(() -> resolve("https")).hasMessageStartingWith("The environment variable HTTPS_PROXY names a"
                + " https:// proxy; only proxies spoken to in plain HTTP are supported");

        environment.put("HTTPS_PROXY", "http://:3128");
        assertThatThrownBy(() -> resolve("https")).hasMessageStartingWith("The environment variable HTTPS_PROXY names no"
                + " proxy host.");
    }

    @Test
    void proxySettingsAreOnlyCheckedWhenThereIsAJob() throws Exception {
        environment.put("HTTPS_PROXY", "https://proxy.example.com:443");
        assertThat(ReportSettings.resolve(sources()).hasJob()).isFalse();

        environment.put("CODEPIPELINE_JOB_ID", "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b");
        environment.put("CODEPIPELINE_CLIENT_TOKEN", "token");
        assertThatThrownBy(() -> ReportSettings.resolve(sources())).isInstanceOf(InvalidSettingException.class);

        userProperties.put("codepipeline.endpoint", "http://127.0.0.1:9000");
        assertThat(ReportSettings.resolve(sources()).proxies().select("127.0.0.1")).isNull();
    }

    @Test
    void everyProxyPasswordIsASecret() {
        mavenProxies.add(ProxyServer.fromMavenSettings("corp", "https", "proxy", 8080, "me", "maven-proxy-pw", null));
        userProperties.put("https.proxyPassword", "jvm-proxy-pw");
        environment.put("HTTP_PROXY", "http://me:env%2Dproxy%2Dpw@proxy:3128");

        Secrets secrets = Secrets.from(sources());

        assertThat(secrets.redact("maven-proxy-pw jvm-proxy-pw env%2Dproxy%2Dpw env-proxy-pw"))
                .isEqualTo("**** **** **** ****");
    }
}
