package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.FailureType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Derives the CodePipeline failure type from a build's exceptions (classes are matched by simple name, so this
 * stays free of Maven types and works across Maven versions):
 * <ol>
 *   <li>{@code PermissionError}: resolving or transferring an artifact failed because a repository refused us (HTTP 401/403, "Unauthorized",
 *       "Forbidden", an authentication/authorization exception);</li>
 *   <li>{@code SystemUnavailable}: an artifact could not be transferred because a host was unreachable
 *       (unknown host, connection refused, timed out);</li>
 *   <li>{@code ConfigurationError}: the build's own definition is wrong: a POM or project-building error, a
 *       plugin's configuration or parameters, an unknown lifecycle phase, goal or plugin prefix, a reactor
 *       cycle or duplicate project;</li>
 *   <li>{@code JobFailed}: everything else (compilation, tests, enforcer rules, ...).</li>
 * </ol>
 */
public final class FailureClassifier {
    private static final Set<String> CONFIGURATION = new HashSet<>(Arrays.asList(
            "ProjectBuildingException", "ModelBuildingException", "InvalidProjectModelException",
            "PluginConfigurationException", "PluginParameterException", "InvalidPluginDescriptorException",
            "PluginDescriptorParsingException", "MojoNotFoundException", "LifecyclePhaseNotFoundException",
            "NoPluginFoundForPrefixException", "ProjectCycleException", "DuplicateProjectException",
            "MissingProjectException", "CycleDetectedException", "ComponentConfigurationException"));
    private static final Set<String> PERMISSION = new HashSet<>(Arrays.asList(
            "AuthorizationException", "AuthenticationException", "AccessDeniedException"));
    private static final Set<String> UNREACHABLE = new HashSet<>(Arrays.asList(
            "UnknownHostException", "ConnectException", "NoRouteToHostException", "SocketTimeoutException",
            "ConnectTimeoutException", "HttpHostConnectException"));
    private static final Set<String> TRANSFER = new HashSet<>(Arrays.asList(
            "ArtifactTransferException", "MetadataTransferException", "ArtifactResolutionException",
            "DependencyResolutionException", "PluginResolutionException", "TransferFailedException"));
    private static final String[] PERMISSION_TEXT = {
        "status code: 401", "status code: 403", "401 unauthorized", "403 forbidden", "status: 401", "status: 403",
        "not authorized", "authorization failed", "authentication failed", "access denied"
    };

    private FailureClassifier() {}

    public static FailureType classify(List<Throwable> errors) {
        boolean configuration = false;
        boolean unreachable = false;
        for (Throwable error : errors) {
            List<Throwable> chain = Causes.chain(error);
            boolean transfer = false;
            for (Throwable t : chain) {
                transfer |= TRANSFER.contains(t.getClass().getSimpleName());
                for (String configName : CONFIGURATION) {
                    configuration |= Causes.isNamed(t, configName);
                }
            }
            if (!transfer) {
                continue; // 401 in a failing test's text is the test's business, not a repository's refusal
            }
            for (Throwable t : chain) {
                String name = t.getClass().getSimpleName();
                if (PERMISSION.contains(name) || mentionsPermission(Causes.message(t))) {
                    return FailureType.PermissionError;
                }
                unreachable |= UNREACHABLE.contains(name);
            }
        }
        if (unreachable) {
            return FailureType.SystemUnavailable;
        }
        return configuration ? FailureType.ConfigurationError : FailureType.JobFailed;
    }

    private static boolean mentionsPermission(String message) {
        if (message == null) {
            return false;
        }
        // The words that matter come first; a message of megabytes is not copied whole.
        String lower = (message.length() > 10_000 ? message.substring(0, 10_000) : message).toLowerCase(Locale.ROOT);
        for (String text : PERMISSION_TEXT) {
            if (lower.contains(text)) {
                return true;
            }
        }
        return false;
    }
}
