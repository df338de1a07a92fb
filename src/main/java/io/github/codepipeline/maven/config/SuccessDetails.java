package io.github.codepipeline.maven.config;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a success report carries besides the job: {@code executionDetails} (summary, percent complete; the
 * external execution ID comes from {@link ReportSettings}), an optional {@code currentRevision} and an optional
 * {@code continuationToken}, and for a custom action its {@link OutputVariables}, each validated against the API's
 * limits before any call.
 */
public final class SuccessDetails {
    public static final int MAX_SUMMARY = 2048;
    public static final int MAX_REVISION = 1500;
    public static final int MAX_CHANGE_IDENTIFIER = 100;
    public static final int MAX_REVISION_SUMMARY = 2048;
    public static final int MAX_CONTINUATION_TOKEN = 2048;

    private final String summary;
    private final Integer percentComplete;
    private final String revision;
    private final String changeIdentifier;
    private final String revisionSummary;
    private final Instant revisionCreated;
    private final String continuationToken;
    private OutputVariables outputVariables = OutputVariables.none();
    private List<String> warnings = Collections.emptyList();

    private SuccessDetails(String summary, Integer percentComplete, String revision, String changeIdentifier,
            String revisionSummary, Instant revisionCreated, String continuationToken) {
        this.summary = summary;
        this.percentComplete = percentComplete;
        this.revision = revision;
        this.changeIdentifier = changeIdentifier;
        this.revisionSummary = revisionSummary;
        this.revisionCreated = revisionCreated;
        this.continuationToken = continuationToken;
    }

    /**
     * @param defaultSummary the summary when {@code codepipeline.summary} is not set (cut to 2048 characters), or
     *     {@code null}
     */
    public static SuccessDetails resolve(SettingSources sources, String defaultSummary) throws InvalidSettingException {
        return resolve(sources, defaultSummary, ActionOwner.ThirdParty, null);
    }

    /**
     * @param owner whose action the job is: only a custom action's success carries output variables
     * @param defaultVariables the output variables a custom action sends when none are set, or {@code null}
     */
    public static SuccessDetails resolve(SettingSources sources, String defaultSummary, ActionOwner owner,
            Map<String, String> defaultVariables) throws InvalidSettingException {
        SuccessDetails details = resolveExecution(sources, defaultSummary);
        List<String> warnings = new ArrayList<>();
        details.outputVariables = OutputVariables.resolve(sources, owner, details.continuationToken, defaultVariables, warnings);
        details.warnings = Collections.unmodifiableList(warnings);
        return details;
    }

    private static SuccessDetails resolveExecution(SettingSources sources, String defaultSummary) throws InvalidSettingException {
        String summary = limited(sources, Setting.SUMMARY, MAX_SUMMARY);
        if (summary == null && defaultSummary != null && !defaultSummary.trim().isEmpty()) {
            summary = defaultSummary.length() > MAX_SUMMARY ? defaultSummary.substring(0, MAX_SUMMARY) : defaultSummary;
        }
        Integer percent = null;
        SettingSources.Value percentValue = sources.lookup(Setting.PERCENT_COMPLETE);
        if (percentValue != null) {
            try {
                percent = Integer.valueOf(percentValue.value());
            } catch (NumberFormatException e) {
                percent = -1;
            }
            if (percent < 0 || percent > 100) {
                throw ReportSettings.invalid(Setting.PERCENT_COMPLETE, percentValue, "is '" + percentValue.value() + "'. Use a whole number from 0 to 100");
            }
        }
        String revision = limited(sources, Setting.REVISION, MAX_REVISION);
        String changeIdentifier = limited(sources, Setting.CHANGE_IDENTIFIER, MAX_CHANGE_IDENTIFIER);
        String revisionSummary = limited(sources, Setting.REVISION_SUMMARY, MAX_REVISION_SUMMARY);
        Instant created = null;
        SettingSources.Value createdValue = sources.lookup(Setting.REVISION_CREATED);
        if (createdValue != null) {
            created = parseInstant(createdValue);
        }
        if ((revision == null) != (changeIdentifier == null)) {
            Setting missing = revision == null ? Setting.REVISION : Setting.CHANGE_IDENTIFIER;
            throw new InvalidSettingException("A current revision needs both " + Setting.REVISION.property() + " and "
                    + Setting.CHANGE_IDENTIFIER.property() + ": set " + missing.howToSet() + " too, or neither.");
        }
        if (revision == null && (revisionSummary != null || created != null)) {
            throw new InvalidSettingException(Setting.REVISION_SUMMARY.property() + " and " + Setting.REVISION_CREATED.property()
                    + " describe a current revision: set " + Setting.REVISION.howToSet() + " and "
                    + Setting.CHANGE_IDENTIFIER.howToSet() + " as well.");
        }
        String continuationToken = limited(sources, Setting.CONTINUATION_TOKEN, MAX_CONTINUATION_TOKEN);
        return new SuccessDetails(summary, percent, revision, changeIdentifier, revisionSummary, created, continuationToken);
    }

    private static String limited(SettingSources sources, Setting setting, int max) throws InvalidSettingException {
        SettingSources.Value value = sources.lookup(setting);
        if (value == null) {
            return null;
        }
        if (value.value().length() > max) {
            throw ReportSettings.invalid(setting, value, "has " + value.value().length() + " characters; CodePipeline accepts at most " + max
                    + ". Shorten it");
        }
        return value.value();
    }

    private static Instant parseInstant(SettingSources.Value value) throws InvalidSettingException {
        String text = value.value();
        try {
            return text.matches("[0-9]{1,15}") ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ReportSettings.invalid(Setting.REVISION_CREATED, value, "is '" + text + "', which is neither an ISO-8601 instant"
                    + " (2026-11-25T10:15:30Z) nor milliseconds since the epoch");
        }
    }

    public String summary() {
        return summary;
    }

    public Integer percentComplete() {
        return percentComplete;
    }

    public boolean hasRevision() {
        return revision != null;
    }

    public String revision() {
        return revision;
    }

    public String changeIdentifier() {
        return changeIdentifier;
    }

    public String revisionSummary() {
        return revisionSummary;
    }

    public Instant revisionCreated() {
        return revisionCreated;
    }

    public String continuationToken() {
        return continuationToken;
    }

    /** A custom action's output variables; empty for a partner action. */
    public OutputVariables outputVariables() {
        return outputVariables;
    }

    /** Remarks that do not stop the report (output variables set for a partner action). */
    public List<String> warnings() {
        return warnings;
    }
}
