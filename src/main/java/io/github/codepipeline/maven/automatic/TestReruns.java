package io.github.codepipeline.maven.automatic;

import java.util.Properties;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Whether Surefire or Failsafe rerun failing tests ({@code rerunFailingTestsCount}, set in the POM or as
 * {@code -Dsurefire.rerunFailingTestsCount=2}): then their reports' roots count the last rerun alone, and the
 * reports are read for the tests that passed on a rerun.
 */
final class TestReruns {
    private static final String[] PROPERTIES = {"surefire.rerunFailingTestsCount", "failsafe.rerunFailingTestsCount"};
    private static final String[] PLUGINS = {"org.apache.maven.plugins:maven-surefire-plugin",
        "org.apache.maven.plugins:maven-failsafe-plugin"};

    private TestReruns() {}

    static boolean inSession(Properties user, Properties system) {
        for (String property : PROPERTIES) {
            if (on(user == null ? null : user.getProperty(property))
                    || on(system == null ? null : system.getProperty(property))) {
                return true;
            }
        }
        return false;
    }

    static boolean configured(MavenProject project) {
        for (String property : PROPERTIES) {
            if (on(project.getProperties().getProperty(property))) {
                return true;
            }
        }
        for (String key : PLUGINS) {
            Plugin plugin = project.getPlugin(key);
            if (plugin == null) {
                continue;
            }
            if (configured(plugin.getConfiguration())) {
                return true;
            }
            for (PluginExecution execution : plugin.getExecutions()) {
                if (configured(execution.getConfiguration())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean configured(Object configuration) {
        if (!(configuration instanceof Xpp3Dom)) {
            return false;
        }
        Xpp3Dom child = ((Xpp3Dom) configuration).getChild("rerunFailingTestsCount");
        return child != null && on(child.getValue());
    }

    /** A count other than 0, or an expression not resolved here (reading the reports whole is then only slower). */
    private static boolean on(String value) {
        if (value == null || value.trim().isEmpty()) {
            return false;
        }
        try {
            return Integer.parseInt(value.trim()) > 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
