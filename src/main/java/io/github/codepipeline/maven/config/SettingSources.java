package io.github.codepipeline.maven.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where settings come from, highest precedence first: the plugin's {@code <configuration>}, user properties
 * ({@code -D}), the pom's {@code <properties>}, then the environment. Blank values count as unset.
 *
 * <p>Plain maps, filled by the Maven adapters from the session (never from {@code System.getProperty} or
 * {@code System.getenv}: under mvnd the JVM outlives the build and its client's environment).
 *
 * <p>For the network, they also carry the JVM's system properties as Maven recorded them and the active proxies of
 * Maven's {@code settings.xml}.
 */
public final class SettingSources {
    private final Map<String, String> configuration;
    private final Map<String, String> userProperties;
    private final Map<String, String> projectProperties;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    /** Resolved on first use only: Maven decrypts proxy passwords, which no build that reports nothing needs. */
    private final Supplier<List<ProxyServer>> mavenProxies;
    private volatile List<ProxyServer> resolvedProxies;

    public SettingSources(Map<String, String> configuration, Map<String, String> userProperties,
            Map<String, String> projectProperties, Map<String, String> environment) {
        this(configuration, userProperties, projectProperties, environment, null, null);
    }

    private SettingSources(Map<String, String> configuration, Map<String, String> userProperties,
            Map<String, String> projectProperties, Map<String, String> environment,
            Map<String, String> systemProperties, Supplier<List<ProxyServer>> mavenProxies) {
        this.configuration = copy(configuration);
        this.userProperties = copy(userProperties);
        this.projectProperties = copy(projectProperties);
        this.environment = copy(environment);
        this.systemProperties = copy(systemProperties);
        this.mavenProxies = mavenProxies == null ? Collections::<ProxyServer>emptyList : mavenProxies;
    }

    /**
     * The same sources with what decides the route to CodePipeline: the JVM's system properties (for
     * {@code https.proxyHost} and friends) and the active proxies of Maven's {@code settings.xml}, in their order.
     */
    public SettingSources withNetwork(Map<String, String> systemProperties, List<ProxyServer> mavenProxies) {
        List<ProxyServer> proxies = mavenProxies == null ? null : new ArrayList<>(mavenProxies);
        return withNetwork(systemProperties, () -> proxies);
    }

    /** As {@link #withNetwork(Map, List)}, with the proxies worked out only if and when they are asked for. */
    public SettingSources withNetwork(Map<String, String> systemProperties, Supplier<List<ProxyServer>> mavenProxies) {
        return new SettingSources(configuration, userProperties, projectProperties, environment, systemProperties,
                mavenProxies);
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Collections.<String, String>emptyMap() : new LinkedHashMap<>(map);
    }

    /** The value of a setting with where it came from, or {@code null} when it is set nowhere. */
    public Value lookup(Setting setting) {
        if (setting.element() != null) {
            String value = configuration.get(setting.element());
            if (isSet(value)) {
                return new Value(value.trim(), "<" + setting.element() + "> in the plugin configuration");
            }
        }
        String value = userProperties.get(setting.property());
        if (isSet(value)) {
            return new Value(value.trim(), "-D" + setting.property());
        }
        value = projectProperties.get(setting.property());
        if (isSet(value)) {
            return new Value(value.trim(), "the pom property " + setting.property());
        }
        for (String variable : setting.environment()) {
            value = environment.get(variable);
            if (isSet(value)) {
                return new Value(value.trim(), "the environment variable " + variable);
            }
        }
        return null;
    }

    public String get(Setting setting) {
        Value value = lookup(setting);
        return value == null ? null : value.value();
    }

    /** The whole environment, read-only (for recognising the CI system the build runs on). */
    public Map<String, String> environment() {
        return Collections.unmodifiableMap(environment);
    }

    /** A raw environment variable, for the few the SDK also reads (AWS keys), or {@code null}. */
    public String environment(String variable) {
        String value = environment.get(variable);
        return isSet(value) ? value : null;
    }

    /** A raw user or pom property (user first), or {@code null}. */
    public String property(String name) {
        String value = userProperties.get(name);
        if (!isSet(value)) {
            value = projectProperties.get(name);
        }
        return isSet(value) ? value : null;
    }

    /** The values of the user and pom properties whose names start with {@code prefix} (for {@link Secrets}). */
    public List<String> propertiesStartingWith(String prefix) {
        List<String> values = new ArrayList<>();
        for (Map<String, String> properties : java.util.Arrays.asList(userProperties, projectProperties)) {
            for (Map.Entry<String, String> each : properties.entrySet()) {
                if (each.getKey().startsWith(prefix) && isSet(each.getValue())) {
                    values.add(each.getValue());
                }
            }
        }
        return values;
    }

    /** The values of the environment variables whose names start with {@code prefix} (for {@link Secrets}). */
    public List<String> environmentStartingWith(String prefix) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> each : environment.entrySet()) {
            if (each.getKey().startsWith(prefix) && isSet(each.getValue())) {
                values.add(each.getValue());
            }
        }
        return values;
    }

    /** A JVM property such as {@code https.proxyHost}: {@code -D} first, then the JVM's system properties. */
    public Value jvmProperty(String name) {
        String value = userProperties.get(name);
        if (isSet(value)) {
            return new Value(value.trim(), "-D" + name);
        }
        value = systemProperties.get(name);
        return isSet(value) ? new Value(value.trim(), "the JVM system property " + name) : null;
    }

    /** The active proxies of Maven's {@code settings.xml}, in their order there. */
    public List<ProxyServer> mavenProxies() {
        List<ProxyServer> proxies = resolvedProxies;
        if (proxies == null) {
            List<ProxyServer> supplied = mavenProxies.get();
            proxies = supplied == null
                    ? Collections.<ProxyServer>emptyList() : Collections.unmodifiableList(new ArrayList<>(supplied));
            resolvedProxies = proxies;
        }
        return proxies;
    }

    private static boolean isSet(String value) {
        return value != null && !value.trim().isEmpty();
    }

    /** A resolved value and a human description of its source, for error messages. */
    public static final class Value {
        private final String value;
        private final String source;

        Value(String value, String source) {
            this.value = value;
            this.source = source;
        }

        public String value() {
            return value;
        }

        public String source() {
            return source;
        }
    }
}
