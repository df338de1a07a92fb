package io.github.codepipeline.maven.automatic;

import io.github.codepipeline.maven.config.OutputVariables;
import io.github.codepipeline.maven.config.ProxyServer;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Reads the plugin's settings from a Maven session: never from the JVM's own properties or environment. */
public final class MavenSettingSources {
    static final String PLUGIN_KEY = "io.github.codepipeline.maven:codepipeline-maven-plugin";

    private MavenSettingSources() {}

    /**
     * For the extension: the {@code <configuration>} and properties of the first project in the reactor that
     * declares the plugin (normally the root), else the top-level project's properties.
     */
    static SettingSources forSession(MavenSession session) {
        MavenProject declaring = null;
        Plugin plugin = null;
        if (session.getProjects() != null) {
            for (MavenProject project : session.getProjects()) {
                plugin = project.getPlugin(PLUGIN_KEY);
                if (plugin != null) {
                    declaring = project;
                    break;
                }
            }
        }
        if (declaring == null) {
            declaring = session.getTopLevelProject() != null ? session.getTopLevelProject() : session.getCurrentProject();
        }
        Map<String, String> configuration = new HashMap<>();
        if (plugin != null && plugin.getConfiguration() instanceof Xpp3Dom) {
            for (Xpp3Dom child : ((Xpp3Dom) plugin.getConfiguration()).getChildren()) {
                if (child.getChildCount() == 0 && child.getValue() != null) {
                    configuration.put(child.getName(), child.getValue());
                } else if (child.getName().equals(Setting.OUTPUT_VARIABLES.element())) {
                    // <outputVariables> is a map: one element per variable
                    Map<String, String> variables = new LinkedHashMap<>();
                    for (Xpp3Dom variable : child.getChildren()) {
                        variables.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
                    }
                    configuration.put(child.getName(), OutputVariables.encode(variables));
                }
            }
        }
        return new SettingSources(configuration, toMap(session.getUserProperties()),
                declaring == null ? null : toMap(declaring.getProperties()), environment(session))
                .withNetwork(toMap(session.getSystemProperties()), () -> proxies(session.getRequest(), session));
    }

    /**
     * For a goal: {@code configuration} holds the mojo's own parameters (Maven has already resolved them from
     * the pom, {@code -D} and pom properties); the rest comes from the session as for the extension.
     */
    public static SettingSources forMojo(Map<String, String> configuration, MavenSession session, MavenProject project) {
        boolean realProject = project != null && project.getFile() != null;
        Map<String, String> userProperties = toMap(session.getUserProperties());
        Map<String, String> projectProperties = realProject ? toMap(project.getProperties()) : null;
        return new SettingSources(explicitOnly(configuration, userProperties, projectProperties), userProperties,
                projectProperties, environment(session))
                .withNetwork(toMap(session.getSystemProperties()), () -> proxies(session.getRequest(), session));
    }

    /**
     * Drops the parameters whose value Maven took from the setting's property, so that a message about a bad value
     * names where it was really given ({@code -Dcodepipeline.region}, not {@code <region>}).
     */
    private static Map<String, String> explicitOnly(Map<String, String> parameters, Map<String, String> userProperties,
            Map<String, String> projectProperties) {
        Map<String, String> explicit = new HashMap<>(parameters);
        for (Setting setting : Setting.values()) {
            String value = setting.element() == null ? null : explicit.get(setting.element());
            if (value != null && (value.equals(userProperties.get(setting.property()))
                    || projectProperties != null && value.equals(projectProperties.get(setting.property())))) {
                explicit.remove(setting.element());
            }
        }
        return explicit;
    }

    /**
     * The build's environment as Maven recorded it ({@code env.*} system properties of the session), which
     * under mvnd is the client's, not the daemon's.
     */
    private static Map<String, String> environment(MavenSession session) {
        return environment(session.getSystemProperties());
    }

    /** The {@code env.*} entries of Maven's system properties (of a session or a request). */
    private static Map<String, String> environment(Properties system) {
        Map<String, String> env = new HashMap<>();
        if (system != null) {
            for (String name : system.stringPropertyNames()) {
                if (name.startsWith("env.")) {
                    env.put(name.substring(4), system.getProperty(name));
                }
            }
        }
        if (env.isEmpty()) {
            env.putAll(System.getenv()); // an embedder that did not record the environment
        }
        return env;
    }

    /**
     * For the core extension's event spy when Maven failed before it had projects: {@code -D} properties and the
     * environment only.
     */
    static SettingSources forRequest(MavenExecutionRequest request) {
        return new SettingSources(null, toMap(request.getUserProperties()), null, environment(request.getSystemProperties()))
                .withNetwork(toMap(request.getSystemProperties()), () -> proxies(request, null));
    }

    /**
     * The active proxies of {@code settings.xml}, with their passwords decrypted as Maven decrypts them for its own
     * downloads (when a session can provide Maven's decrypter; an undecryptable password stays as written, and the
     * proxy then rejects it with a clear error).
     */
    private static List<ProxyServer> proxies(MavenExecutionRequest request, MavenSession session) {
        List<Proxy> active = new ArrayList<>();
        if (request != null && request.getProxies() != null) {
            for (Proxy proxy : request.getProxies()) {
                if (proxy.isActive()) {
                    active.add(proxy);
                }
            }
        }
        if (!active.isEmpty() && session != null) {
            active = decrypt(active, session);
        }
        List<ProxyServer> proxies = new ArrayList<>();
        for (Proxy proxy : active) {
            if (proxy.getHost() != null && !proxy.getHost().trim().isEmpty()) {
                proxies.add(ProxyServer.fromMavenSettings(proxy.getId(), proxy.getProtocol(), proxy.getHost().trim(),
                        proxy.getPort(), proxy.getUsername(), proxy.getPassword(), proxy.getNonProxyHosts()));
            }
        }
        return proxies;
    }

    @SuppressWarnings("deprecation") // getContainer(): the one way to Maven's decrypter from a session on Maven 3.6-4
    private static List<Proxy> decrypt(List<Proxy> proxies, MavenSession session) {
        try {
            SettingsDecrypter decrypter = session.getContainer().lookup(SettingsDecrypter.class);
            List<Proxy> decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest().setProxies(proxies)).getProxies();
            return decrypted.size() == proxies.size() ? decrypted : proxies;
        } catch (Exception | LinkageError e) {
            return proxies;
        }
    }

    /**
     * For the job worker ({@code work}, no project): its own parameters, the session's {@code -D} properties with
     * {@code properties} on top (a job's ID and client token), and the session's environment with {@code environment} on
     * top.
     */
    public static SettingSources forWorker(Map<String, String> configuration, Map<String, String> properties,
            Map<String, String> environment, MavenSession session) {
        Map<String, String> userProperties = toMap(session.getUserProperties());
        userProperties.putAll(properties);
        Map<String, String> env = environment(session);
        env.putAll(environment);
        return new SettingSources(explicitOnly(configuration, userProperties, null), userProperties, null, env)
                .withNetwork(toMap(session.getSystemProperties()), () -> proxies(session.getRequest(), session));
    }

    /** The AWS keys from the session's environment: access key ID, secret access key, session token. */
    public static String[] accessKeys(Map<String, String> env) {
        return new String[] {env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN")};
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        if (properties != null) {
            for (String name : properties.stringPropertyNames()) {
                map.put(name, properties.getProperty(name));
            }
        }
        return map;
    }
}
