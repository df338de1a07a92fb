package io.github.codepipeline.maven.config;

import java.util.Locale;

/**
 * Who owns the action type the job belongs to, which decides the family of calls: a partner action
 * ({@code ThirdParty}: {@code GetThirdPartyJobDetails}, {@code PutThirdPartyJobSuccessResult},
 * {@code PutThirdPartyJobFailureResult}, each with the job's client token) or a custom action ({@code Custom}:
 * {@code GetJobDetails}, {@code PutJobSuccessResult}, {@code PutJobFailureResult}, no client token, job IDs that
 * are UUIDs, and output variables on success).
 */
public enum ActionOwner {
    ThirdParty("GetThirdPartyJobDetails", "PutThirdPartyJobSuccessResult", "PutThirdPartyJobFailureResult"),
    Custom("GetJobDetails", "PutJobSuccessResult", "PutJobFailureResult");

    private final String detailsCall;
    private final String successCall;
    private final String failureCall;

    ActionOwner(String detailsCall, String successCall, String failureCall) {
        this.detailsCall = detailsCall;
        this.successCall = successCall;
        this.failureCall = failureCall;
    }

    /** The owner named {@code text}, whatever its case, or {@code null} when it names none. */
    public static ActionOwner parse(String text) {
        for (ActionOwner owner : values()) {
            if (owner.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
                return owner;
            }
        }
        return null;
    }

    /** Whether the calls carry the job's client token (only a partner action's do). */
    public boolean usesClientToken() {
        return this == ThirdParty;
    }

    /** The operation that reads the job's details. */
    public String detailsCall() {
        return detailsCall;
    }

    /** The operation that reports a success. */
    public String successCall() {
        return successCall;
    }

    /** The operation that reports a failure. */
    public String failureCall() {
        return failureCall;
    }
}
