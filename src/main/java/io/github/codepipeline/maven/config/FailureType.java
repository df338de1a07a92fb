package io.github.codepipeline.maven.config;

import java.util.Locale;

/** The six failure types of {@code PutThirdPartyJobFailureResult}, spelled as the API spells them. */
public enum FailureType {
    JobFailed,
    ConfigurationError,
    PermissionError,
    RevisionOutOfSync,
    RevisionUnavailable,
    SystemUnavailable;

    /** Parses the API spelling; case and {@code _}/{@code -} are forgiven. Returns {@code null} if unknown. */
    public static FailureType parse(String text) {
        if (text == null) {
            return null;
        }
        String wanted = text.trim().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (FailureType type : values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return type;
            }
        }
        return null;
    }

    public static String allNames() {
        StringBuilder sb = new StringBuilder();
        for (FailureType type : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(type.name());
        }
        return sb.toString();
    }
}
