package io.github.codepipeline.maven.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An HTTP proxy, with the hosts it must not be used for. It comes from Maven's {@code settings.xml}, the JVM's
 * {@code https.proxyHost} / {@code http.proxyHost} properties or the {@code HTTPS_PROXY} / {@code HTTP_PROXY}
 * environment variables; {@link #source()} says which, for messages.
 *
 * <p>{@link #toString()} never includes the password.
 */
public final class ProxyServer {
    private final String protocol;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final List<Pattern> nonProxyHosts;
    private final String source;

    private ProxyServer(String protocol, String host, int port, String username, String password,
            List<Pattern> nonProxyHosts, String source) {
        this.protocol = protocol.toLowerCase(Locale.ROOT);
        this.host = host;
        this.port = port;
        this.username = emptyToNull(username);
        this.password = emptyToNull(password);
        this.nonProxyHosts = Collections.unmodifiableList(nonProxyHosts);
        this.source = source;
    }

    /**
     * A {@code <proxy>} of Maven's {@code settings.xml}.
     *
     * @param protocol the protocol of the addresses it serves ({@code http} or {@code https}), as Maven uses it
     * @param nonProxyHosts Maven's {@code <nonProxyHosts>}: host patterns separated by {@code |} (or {@code ,}), where
     *     {@code *} stands for any characters
     */
    public static ProxyServer fromMavenSettings(String id, String protocol, String host, int port, String username,
            String password, String nonProxyHosts) {
        return new ProxyServer(protocol == null ? "http" : protocol, host, port, username, password,
                globs(nonProxyHosts, "[|,]"), "the proxy" + (id == null ? "" : " '" + id + "'") + " in settings.xml");
    }

    /** The JVM's standard properties; {@code nonProxyHosts} as in {@code http.nonProxyHosts}. */
    static ProxyServer fromJvm(String protocol, String host, int port, String username, String password,
            String nonProxyHosts, String source) {
        return new ProxyServer(protocol, host, port, username, password, globs(nonProxyHosts, "\\|"), source);
    }

    /** {@code HTTPS_PROXY} and friends; {@code noProxy} as in {@code NO_PROXY}. */
    static ProxyServer fromEnvironment(String protocol, String host, int port, String username, String password,
            String noProxy, String source) {
        return new ProxyServer(protocol, host, port, username, password, noProxyPatterns(noProxy), source);
    }

    /** Glob patterns: {@code *.example.com}, {@code 10.*}, matched whole and ignoring case. */
    private static List<Pattern> globs(String list, String separator) {
        List<Pattern> patterns = new ArrayList<>();
        if (list != null) {
            for (String glob : list.split(separator)) {
                String trimmed = glob.trim();
                if (!trimmed.isEmpty()) {
                    String[] literals = trimmed.split("\\*", -1);
                    StringBuilder regex = new StringBuilder();
                    for (int i = 0; i < literals.length; i++) {
                        regex.append(i == 0 ? "" : ".*").append(literals[i].isEmpty() ? "" : Pattern.quote(literals[i]));
                    }
                    patterns.add(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
                }
            }
        }
        return patterns;
    }

    /**
     * {@code NO_PROXY} as curl reads it: comma-separated names, each matching itself and its subdomains
     * ({@code example.com} and {@code .example.com} both match {@code api.example.com}); {@code *} matches all.
     */
    private static List<Pattern> noProxyPatterns(String list) {
        List<Pattern> patterns = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(",")) {
                String name = entry.trim();
                if (name.equals("*")) {
                    patterns.add(Pattern.compile(".*"));
                } else {
                    while (name.startsWith("*") || name.startsWith(".")) {
                        name = name.substring(1);
                    }
                    if (!name.isEmpty()) {
                        patterns.add(Pattern.compile("(.*\\.)?" + Pattern.quote(name), Pattern.CASE_INSENSITIVE));
                    }
                }
            }
        }
        return patterns;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Whether requests to {@code targetHost} go around this proxy. */
    public boolean bypasses(String targetHost) {
        String hostName = targetHost.startsWith("[") && targetHost.endsWith("]")
                ? targetHost.substring(1, targetHost.length() - 1) : targetHost;
        for (Pattern pattern : nonProxyHosts) {
            if (pattern.matcher(hostName).matches() || pattern.matcher(targetHost).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The protocol of the addresses this proxy serves: {@code http} or {@code https} (the proxy itself speaks HTTP). */
    public String protocol() {
        return protocol;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The user name for the proxy, or {@code null}. */
    public String username() {
        return username;
    }

    /** The secret password for the proxy, or {@code null}. Never log it. */
    public String password() {
        return password;
    }

    public boolean hasCredentials() {
        return username != null && password != null;
    }

    /** Where it was configured, for messages: "the proxy 'corp' in settings.xml", "-Dhttps.proxyHost", ... */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return host + ":" + port + (hasCredentials() ? " with credentials" : "") + " (" + source + ")";
    }
}
