package io.github.codepipeline.maven.client;

import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import java.io.File;
import java.util.Optional;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;

/**
 * Says which credential source signs the reports ({@link #describeSource}), and which one failed and what to do about
 * it, when the SDK's providers could not produce credentials.
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

    /**
     * Names where {@code credentials} came from, for one DEBUG line: the environment's variables, a profile (and how it
     * gets its credentials), a web identity role, the container or the EC2 instance. Never a key, secret or token:
     * names of variables, the profile's name, a role's ARN and a token file's path only.
     *
     * <p>The SDK tags resolved credentials with the codes of its user-agent business metrics
     * ({@code BusinessMetricFeatureId.CREDENTIALS_*}: f system properties, g environment, h/k web identity from the
     * environment, i/n-w profiles with keys, roles, web identity, SSO or a process, z container, 0 EC2 metadata).
     *
     * @param profileName the profile the plugin was told to use, or {@code null}
     * @param given whether the credentials are the keys Maven's environment handed the plugin (no chain)
     */
    static String describeSource(AwsCredentials credentials, String profileName, boolean given) {
        boolean session = credentials instanceof AwsSessionCredentials;
        if (given) {
            return "the build's environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"
                    + (session ? " and AWS_SESSION_TOKEN" : "");
        }
        Set<String> codes = new HashSet<>(Arrays.asList(credentials.providerName().orElse("").split(",")));
        if (profileName != null) {
            return describeProfile(profileName);
        }
        if (codes.contains("f")) {
            return "the Java system properties aws.accessKeyId, aws.secretAccessKey" + (session ? " and aws.sessionToken" : "");
        }
        if (codes.contains("g")) {
            return "the environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY" + (session ? " and AWS_SESSION_TOKEN" : "");
        }
        if ((codes.contains("h") || codes.contains("k")) && !codes.contains("q")) {
            return "web identity: the role " + SdkSystemSetting.AWS_ROLE_ARN.getStringValue().orElse("(AWS_ROLE_ARN)")
                    + " (AWS_ROLE_ARN) assumed with the token in "
                    + SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue().orElse("(AWS_WEB_IDENTITY_TOKEN_FILE)")
                    + " (AWS_WEB_IDENTITY_TOKEN_FILE)";
        }
        for (String code : new String[] {"i", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w"}) {
            if (codes.contains(code)) {
                return describeProfile(ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default"));
            }
        }
        if (codes.contains("z")) {
            return "container credentials (" + (SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.getStringValue()
                    .isPresent() ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" : "AWS_CONTAINER_CREDENTIALS_FULL_URI") + ")";
        }
        if (codes.contains("0")) {
            return "the EC2 instance's role (instance metadata)";
        }
        return "the AWS SDK's default credential chain";
    }

    private static String describeProfile(String name) {
        String quoted = "the AWS profile '" + name + "'";
        Profile profile = profile(name);
        if (profile == null) {
            return quoted;
        }
        Optional<String> roleArn = profile.property("role_arn");
        if (roleArn.isPresent()) {
            return quoted + ", assuming the role " + roleArn.get()
                    + (profile.property("web_identity_token_file").isPresent() ? " with its web identity token" : "");
        }
        if (profile.property("sso_session").isPresent() || profile.property("sso_start_url").isPresent()) {
            return quoted + ", signed in with IAM Identity Center (SSO)";
        }
        if (profile.property("credential_process").isPresent()) {
            return quoted + ", from its credential_process";
        }
        return quoted + ", its access keys";
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
