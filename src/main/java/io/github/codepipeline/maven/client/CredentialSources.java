package io.github.codepipeline.maven.client;

import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import java.io.File;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;

/**
 * Says which credential source failed and what to do about it, when the SDK's providers could not produce credentials.
 *
 * <p>The SDK's default chain tries, in this order: the {@code aws.accessKeyId} system properties, the
 * {@code AWS_ACCESS_KEY_ID} environment variables, web identity ({@code AWS_WEB_IDENTITY_TOKEN_FILE} with
 * {@code AWS_ROLE_ARN}), the profile ({@code AWS_PROFILE} or {@code default}: keys, {@code role_arn},
 * {@code sso_session}/{@code sso_start_url}, {@code credential_process}), container credentials
 * ({@code AWS_CONTAINER_CREDENTIALS_*}) and EC2 instance credentials. When all of them fail, its message lists every
 * provider's reason, most of them "not configured". This class names the first source that <em>is</em> configured,
 * the way the SDK sees it (its own settings, read from the JVM's environment and system properties), and quotes that
 * provider's reason only.
 */
final class CredentialSources {
    private static final String CHAIN_FAILURE = "Unable to load credentials from any of the providers in the chain";

    private CredentialSources() {}

    /**
     * @param profileName the profile the plugin was told to use, or {@code null} when the SDK's default chain was used
     * @return one line naming the configured source that failed and what to do, or {@code null} when no source is
     *     configured (or the failure is not about one)
     */
    static String describeFailure(RuntimeException e, String profileName, Secrets secrets) {
        String message = String.valueOf(e.getMessage());
        boolean chain = profileName == null && message.startsWith(CHAIN_FAILURE);
        if (profileName == null && !chain) {
            return null;
        }
        if (chain) {
            Optional<String> tokenFile = SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue();
            if (tokenFile.isPresent()) {
                return webIdentity(tokenFile.get(), SdkSystemSetting.AWS_ROLE_ARN.getStringValue().orElse(null),
                        clean(segment(message, "WebIdentityTokenCredentialsProvider("), secrets));
            }
        }
        String name = profileName != null ? profileName : ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
        Profile profile = profile(name);
        if (profile != null && (profileName != null || usable(profile))) {
            return profile(name, profile, profileName != null ? cause(e, secrets)
                    : clean(segment(message, "ProfileCredentialsProvider("), secrets));
        }
        if (chain) {
            Optional<String> full = SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.getStringValue();
            Optional<String> relative = SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.getStringValue();
            if (full.isPresent() || relative.isPresent()) {
                return "Could not get container credentials from "
                        + (relative.isPresent() ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI " + relative.get()
                                : "AWS_CONTAINER_CREDENTIALS_FULL_URI " + full.get())
                        + ": " + clean(segment(message, "ContainerCredentialsProvider("), secrets)
                        + " Check that the build runs in the container (task, pod) those variables came from.";
            }
        }
        return null;
    }

    private static String webIdentity(String tokenFile, String roleArn, String cause) {
        if (roleArn == null) {
            return "AWS_WEB_IDENTITY_TOKEN_FILE is set (" + tokenFile + ") but AWS_ROLE_ARN is not: set it to the role"
                    + " the web identity token may assume.";
        }
        if (!new File(tokenFile).isFile()) {
            return "The web identity token file " + tokenFile + " (AWS_WEB_IDENTITY_TOKEN_FILE) does not exist, so the role "
                    + roleArn + " (AWS_ROLE_ARN) cannot be assumed: check that the token is mounted there (on EKS, the"
                    + " pod's service account needs the eks.amazonaws.com/role-arn annotation), or unset both variables.";
        }
        if (cause.contains("Service: Sts")) {
            return "STS refused to let the web identity token in " + tokenFile + " (AWS_WEB_IDENTITY_TOKEN_FILE) assume the"
                    + " role " + roleArn + " (AWS_ROLE_ARN): " + cause + " Check the role's trust policy (identity"
                    + " provider, audience, subject).";
        }
        return "Could not assume the role " + roleArn + " (AWS_ROLE_ARN) with the web identity token in " + tokenFile
                + " (AWS_WEB_IDENTITY_TOKEN_FILE): " + cause;
    }

    private static String profile(String name, Profile profile, String cause) {
        String quoted = "AWS profile '" + name + "'";
        Optional<String> roleArn = profile.property("role_arn");
        if (roleArn.isPresent()) {
            String source = profile.property("source_profile").map(p -> "source_profile '" + p + "'")
                    .orElse(profile.property("credential_source").map(s -> "credential_source " + s).orElse("its source"));
            if (cause.contains("Service: Sts")) {
                return "STS refused to let " + quoted + " assume the role " + roleArn.get() + ": " + cause + " Check that"
                        + " the role's trust policy lets the credentials of " + source + " assume it (sts:AssumeRole),"
                        + " and that those credentials are valid.";
            }
            return quoted + " could not assume the role " + roleArn.get() + " with the credentials of " + source + ": "
                    + cause;
        }
        if (profile.property("sso_session").isPresent() || profile.property("sso_start_url").isPresent()) {
            if (cause.contains("Unable to execute HTTP request")) {
                return "Could not reach IAM Identity Center (SSO) for " + quoted + ": " + cause;
            }
            String login = profile.property("sso_session").map(s -> " (or --sso-session " + s + ")").orElse("");
            // SDK 2.40.2 answers an expired token that has no refresh token with "clientId is null", from its attempt
            // to refresh it: that tells a user nothing.
            String reason = cause.matches("\\w+ is null\\.?") ? "" : " (" + cause.replaceFirst("\\.$", "") + ")";
            return "The IAM Identity Center (SSO) sign-in of " + quoted + " has expired or is missing" + reason
                    + ": run aws sso login --profile " + name + login + ", then build again.";
        }
        if (profile.property("credential_process").isPresent()) {
            return "The credential_process of " + quoted + " failed: " + cause + " Run that command yourself to see why.";
        }
        return "The " + quoted + " could not be used (" + Setting.PROFILE.howToSet() + "): " + cause;
    }

    /** The profile, or {@code null} when it does not exist or the files cannot be read. */
    private static Profile profile(String name) {
        try {
            return ProfileFile.defaultProfileFile().profile(name).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether the profile holds anything the SDK can make credentials from. */
    private static boolean usable(Profile profile) {
        for (String property : new String[] {"aws_access_key_id", "role_arn", "sso_session", "sso_start_url",
                "credential_process", "web_identity_token_file"}) {
            if (profile.property(property).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong, with a service's error code and request ID when it was a service's answer. */
    private static String cause(Throwable e, Secrets secrets) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException && ((AwsServiceException) t).awsErrorDetails() != null) {
                AwsServiceException service = (AwsServiceException) t;
                String text = service.awsErrorDetails().errorMessage() + " (Service: "
                        + service.awsErrorDetails().serviceName() + ", " + service.awsErrorDetails().errorCode()
                        + (service.requestId() == null ? "" : ", request ID " + service.requestId()) + ")";
                return clean(text, secrets);
            }
        }
        return clean(String.valueOf(e.getMessage()), secrets);
    }

    /**
     * The reason one provider gave, from the chain's message {@code "... : [Provider(...): reason, Next(...): reason]"}:
     * the text after the provider's description (its parentheses balanced) up to the next provider's.
     */
    static String segment(String chainMessage, String provider) {
        int list = chainMessage.indexOf(" : [");
        int start = list < 0 ? -1 : chainMessage.indexOf(provider, list);
        if (start < 0) {
            return chainMessage;
        }
        int depth = 0;
        int i = start + provider.length() - 1;
        for (; i < chainMessage.length(); i++) {
            char c = chainMessage.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        int from = Math.min(chainMessage.length(), i + 1);
        if (chainMessage.startsWith(": ", from)) {
            from += 2;
        }
        int end = chainMessage.length();
        for (String next : new String[] {", ProfileCredentialsProvider(", ", ContainerCredentialsProvider(",
                ", InstanceProfileCredentialsProvider("}) {
            int at = chainMessage.indexOf(next, from);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        if (end == chainMessage.length() && chainMessage.endsWith("]")) {
            end--;
        }
        return chainMessage.substring(from, end);
    }

    private static String clean(String text, Secrets secrets) {
        String line = secrets.redact(text).replaceAll(" \\(SDK Attempt Count: \\d+\\)", "");
        int newline = line.indexOf('\n');
        line = (newline < 0 ? line : line.substring(0, newline)).trim();
        return line.endsWith(".") || line.endsWith(")") ? line : line + ".";
    }
}
