package io.github.codepipeline.maven.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The values that must never be printed or reported: the client token, the AWS credentials (and the container credential
 * endpoint's authorization token), proxy passwords in play, and the action's configuration values (an action type
 * may declare a configuration property secret: the job worker hands each build its values as
 * {@code CODEPIPELINE_CONFIG_*} variables, and {@code job-details} sets them as {@code codepipeline.job.config.*}
 * properties). Secrets the SDK reads from files (web identity and SSO
 * tokens, a source profile's keys) never reach the plugin's messages: those quote the SDK's error text, which names the
 * file, not its content.
 * {@link #redact} replaces each with {@code ****}; every line the plugin logs or sends passes through it.
 */
public final class Secrets {
    public static final String MASK = "****";
    /** Shorter values are not masked: replacing every "a" in a message would destroy it and protect nothing. */
    private static final int MIN_LENGTH = 4;

    private final List<String> values;

    private Secrets(List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        // Longest first, so a secret that contains another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.values = Collections.unmodifiableList(sorted);
    }

    public static Secrets none() {
        return new Secrets(Collections.<String>emptyList());
    }

    public static Secrets of(String... values) {
        List<String> list = new ArrayList<>();
        for (String value : values) {
            add(list, value);
        }
        return new Secrets(list);
    }

    /** A job worker's build gets each action configuration value in a variable of this name prefix. */
    public static final String CONFIG_VARIABLE_PREFIX = "CODEPIPELINE_CONFIG_";
    /** {@code job-details} sets each action configuration value as a property of this name prefix. */
    public static final String CONFIG_PROPERTY_PREFIX = "codepipeline.job.config.";

    /**
     * The client token, any AWS credentials, any proxy password and every action configuration value visible in the
     * settings' sources.
     */
    public static Secrets from(SettingSources sources) {
        List<String> list = new ArrayList<>();
        add(list, sources.get(Setting.CLIENT_TOKEN));
        for (String variable : new String[] {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID",
                "CODEPIPELINE_CLIENT_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN"}) {
            add(list, sources.environment(variable));
        }
        for (String property : new String[] {"aws.secretAccessKey", "aws.sessionToken", "aws.accessKeyId",
                Setting.CLIENT_TOKEN.property()}) {
            add(list, sources.property(property));
        }
        for (String password : ProxySettings.passwords(sources)) {
            add(list, password);
        }
        for (String value : sources.environmentStartingWith(CONFIG_VARIABLE_PREFIX)) {
            add(list, value);
        }
        for (String value : sources.propertiesStartingWith(CONFIG_PROPERTY_PREFIX)) {
            add(list, value);
        }
        return new Secrets(list);
    }

    /**
     * Adds the value; of a value of several lines (a PEM key in an action configuration value) also each line of at
     * least {@link #MIN_LENGTH} characters, trimmed: output prints such a value line by line, where the whole never
     * matches.
     */
    private static void add(List<String> list, String value) {
        if (value != null) {
            String trimmed = value.trim();
            if (trimmed.length() >= MIN_LENGTH && !list.contains(trimmed)) {
                list.add(trimmed);
            }
            if (trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\r') >= 0) {
                for (String line : trimmed.split("[\r\n]+")) {
                    String part = line.trim();
                    if (part.length() >= MIN_LENGTH && !list.contains(part)) {
                        list.add(part);
                    }
                }
            }
        }
    }

    /** These secrets and {@code more} (for example, a job's artifact credentials). */
    public Secrets and(String... more) {
        List<String> list = new ArrayList<>(values);
        for (String value : more) {
            add(list, value);
        }
        return new Secrets(list);
    }

    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : values) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    /**
     * As {@link #redact}, for the start of a longer text, cut before it was masked: a secret's beginning at the very
     * end (the cut fell inside the secret) is masked too. Masking after a cut that kept a margin past the part
     * shown is not enough: when the secret came often, the masked text is shorter than that part, nothing cuts it
     * again, and the start of the secret at the first cut would be shown.
     */
    public String redactStart(String text) {
        String result = redact(text);
        if (result == null) {
            return null;
        }
        int cut = result.length();
        for (String secret : values) {
            for (int at = Math.max(0, result.length() - secret.length() + 1); at < cut; at++) {
                if (result.charAt(at) == secret.charAt(0) && result.regionMatches(at, secret, 0, result.length() - at)) {
                    cut = at;
                    break;
                }
            }
        }
        return cut == result.length() ? result : result.substring(0, cut) + MASK;
    }
}
