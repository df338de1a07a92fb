package io.github.codepipeline.maven.config;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The proxies a report may go through, for the protocol of its endpoint, in order of preference. The first of
 * these places that configures any proxy decides, as each tool's users expect:
 * <ol>
 *   <li>the active {@code <proxy>} entries of Maven's {@code settings.xml}, chosen as Maven chooses them: for an
 *       https endpoint the first {@code https} proxy that does not exclude the host in {@code <nonProxyHosts>},
 *       else the first such {@code http} proxy; for an http endpoint the first such {@code http} proxy;</li>
 *   <li>the JVM's {@code https.proxyHost}/{@code https.proxyPort} (or {@code http.*} for an http endpoint) with
 *       {@code http.nonProxyHosts}, as the JDK reads them (including its default of not proxying localhost), and
 *       {@code https.proxyUser}/{@code https.proxyPassword} as the AWS SDK for Java reads them;</li>
 *   <li>the {@code HTTPS_PROXY} (or {@code HTTP_PROXY}) environment variable, in upper or lower case, with
 *       {@code NO_PROXY}, as curl and the AWS CLI read them.</li>
 * </ol>
 */
public final class ProxySettings {
    /** The JDK's default for {@code http.nonProxyHosts}. */
    private static final String JDK_NON_PROXY_HOSTS = "localhost|127.*|[::1]|0.0.0.0|[::0]";
    private static final String[] NO_PROXY = {"NO_PROXY", "no_proxy"};

    private final List<ProxyServer> candidates;

    private ProxySettings(List<ProxyServer> candidates) {
        this.candidates = Collections.unmodifiableList(candidates);
    }

    public static ProxySettings none() {
        return new ProxySettings(Collections.<ProxyServer>emptyList());
    }

    /**
     * @param targetProtocol the endpoint's scheme, {@code https} or {@code http}
     * @throws InvalidSettingException when the proxy setting that would be used cannot be
     */
    static ProxySettings resolve(SettingSources sources, String targetProtocol) throws InvalidSettingException {
        String protocol = targetProtocol.toLowerCase(Locale.ROOT);
        if (!sources.mavenProxies().isEmpty()) {
            List<ProxyServer> candidates = new ArrayList<>();
            addWithProtocol(candidates, sources.mavenProxies(), protocol);
            if (protocol.equals("https")) {
                addWithProtocol(candidates, sources.mavenProxies(), "http");
            }
            return new ProxySettings(candidates);
        }
        SettingSources.Value host = sources.jvmProperty(protocol + ".proxyHost");
        if (host != null) {
            String nonProxyHosts = jvmProperty(sources, "http.nonProxyHosts");
            return new ProxySettings(Collections.singletonList(ProxyServer.fromJvm(protocol, host.value(),
                    jvmPort(sources, protocol), jvmProperty(sources, protocol + ".proxyUser"),
                    jvmProperty(sources, protocol + ".proxyPassword"),
                    nonProxyHosts == null ? JDK_NON_PROXY_HOSTS : nonProxyHosts, host.source())));
        }
        for (String variable : environmentVariables(protocol)) {
            String url = sources.environment(variable);
            if (url != null) {
                return new ProxySettings(Collections.singletonList(fromUrl(variable, url, protocol, noProxy(sources))));
            }
        }
        return none();
    }

    private static String jvmProperty(SettingSources sources, String name) {
        SettingSources.Value value = sources.jvmProperty(name);
        return value == null ? null : value.value();
    }

    private static void addWithProtocol(List<ProxyServer> candidates, List<ProxyServer> proxies, String protocol) {
        for (ProxyServer proxy : proxies) {
            if (proxy.protocol().equals(protocol)) {
                candidates.add(proxy);
            }
        }
    }

    private static String[] environmentVariables(String protocol) {
        String upper = protocol.toUpperCase(Locale.ROOT) + "_PROXY";
        return new String[] {upper, upper.toLowerCase(Locale.ROOT)};
    }

    private static String noProxy(SettingSources sources) {
        for (String variable : NO_PROXY) {
            String value = sources.environment(variable);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static int jvmPort(SettingSources sources, String protocol) throws InvalidSettingException {
        String property = protocol + ".proxyPort";
        SettingSources.Value port = sources.jvmProperty(property);
        if (port == null) {
            return protocol.equals("https") ? 443 : 80;
        }
        int parsed = parsePort(port.value());
        if (parsed < 0) {
            throw new InvalidSettingException("Invalid " + property + " (from " + port.source() + "): is '" + port.value()
                    + "'. Use the proxy's port, a number from 1 to 65535, or remove it to use port "
                    + (protocol.equals("https") ? 443 : 80) + ".");
        }
        return parsed;
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            return port >= 1 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code http://user:password@proxy.example.com:3128}; the scheme may be left out. Never echoes the value. */
    private static ProxyServer fromUrl(String variable, String value, String protocol, String noProxy)
            throws InvalidSettingException {
        String fix = " Set it to the proxy's URL, such as http://proxy.example.com:3128 (or http://user:password@host:port),"
                + " or unset it to connect directly.";
        String text = value.trim();
        URI uri;
        try {
            uri = new URI(text.contains("://") ? text : "http://" + text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("The environment variable " + variable + " is not a valid URL ("
                    + e.getReason() + ")." + fix);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new InvalidSettingException("The environment variable " + variable + " names a " + scheme
                    + ":// proxy; only proxies spoken to in plain HTTP are supported (they still carry https requests"
                    + " encrypted end to end)." + fix);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidSettingException("The environment variable " + variable + " names no proxy host." + fix);
        }
        String[] credentials = credentials(uri);
        return ProxyServer.fromEnvironment(protocol, uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(),
                credentials[0], credentials[1], noProxy, "the environment variable " + variable);
    }

    /** User name and password from a URL's user information, percent-decoded; either may be {@code null}. */
    private static String[] credentials(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return new String[2];
        }
        int colon = userInfo.indexOf(':');
        return colon < 0 ? new String[] {decode(userInfo), null}
                : new String[] {decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1))};
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            return text;
        }
    }

    /**
     * Every proxy password in the sources, as written and decoded, for {@link Secrets}. The variables are read
     * leniently, so that even a value {@link #resolve} rejects has its password masked.
     */
    static List<String> passwords(SettingSources sources) {
        List<String> passwords = new ArrayList<>();
        for (ProxyServer proxy : sources.mavenProxies()) {
            passwords.add(proxy.password());
        }
        for (String protocol : new String[] {"https", "http"}) {
            passwords.add(jvmProperty(sources, protocol + ".proxyPassword"));
            for (String variable : environmentVariables(protocol)) {
                String url = sources.environment(variable);
                int at = url == null ? -1 : url.lastIndexOf('@');
                if (at > 0) {
                    String userInfo = url.substring(url.indexOf("://") < 0 ? 0 : url.indexOf("://") + 3, at);
                    int colon = userInfo.indexOf(':');
                    if (colon >= 0) {
                        passwords.add(userInfo.substring(colon + 1));
                        passwords.add(decode(userInfo.substring(colon + 1)));
                    }
                }
            }
        }
        return passwords;
    }

    /** The proxy to use for {@code targetHost}, or {@code null} to connect directly. */
    public ProxyServer select(String targetHost) {
        for (ProxyServer proxy : candidates) {
            if (!proxy.bypasses(targetHost)) {
                return proxy;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return candidates.isEmpty() ? "none" : candidates.toString();
    }
}
