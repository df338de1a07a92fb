package io.github.codepipeline.maven.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Resolved and validated settings for one report. Validation follows the CodePipeline service model
 * (job ID 1-512, client token 1-256, external execution ID 1-1500, six failure types), so that bad input is
 * caught with a clear message before any call, instead of as a {@code ValidationException} after one.
 *
 * <p>{@link #toString()} never includes the client token.
 */
public final class ReportSettings {
    public static final int MAX_JOB_ID = 512;
    public static final int MAX_CLIENT_TOKEN = 256;
    public static final int MAX_EXTERNAL_EXECUTION_ID = 1500;
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    public static final int MAX_TIMEOUT_SECONDS = 3600;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final int MAX_MAX_ATTEMPTS = 20;

    private static final Pattern UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    /** us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, us-isob-east-1, ap-southeast-7 ... */
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]{2,10}){1,3}-[0-9]{1,2}");

    private final ActionOwner actionOwner;
    private final String jobId;
    private final String clientToken;
    private final String region;
    private final URI endpoint;
    private final String profile;
    private final FailureType failureType;
    private final String externalExecutionId;
    private final boolean dryRun;
    private final int timeoutSeconds;
    private final int maxAttempts;
    private final boolean failOnReportError;
    private final ProxySettings proxies;
    private final List<String> warnings;

    private ReportSettings(Builder b) {
        this.actionOwner = b.actionOwner;
        this.jobId = b.jobId;
        this.clientToken = b.clientToken;
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.profile = b.profile;
        this.failureType = b.failureType;
        this.externalExecutionId = b.externalExecutionId;
        this.dryRun = b.dryRun;
        this.timeoutSeconds = b.timeoutSeconds;
        this.maxAttempts = b.maxAttempts;
        this.failOnReportError = b.failOnReportError;
        this.proxies = b.proxies;
        this.warnings = Collections.unmodifiableList(new ArrayList<>(b.warnings));
    }

    /** {@code codepipeline.skip}, read before anything is validated: a skipped run never fails on bad settings. */
    public static boolean isSkipped(SettingSources sources) {
        return "true".equalsIgnoreCase(sources.get(Setting.SKIP));
    }

    /**
     * Resolves and validates every setting. A missing job ID is not an error (there is nothing to report to);
     * see {@link #hasJob()}. A partner action's job ID without a client token is, except in a dry run; a custom
     * action's job ID must be a UUID, and a client token set for one is ignored (with a warning) and never sent.
     */
    public static ReportSettings resolve(SettingSources sources) throws InvalidSettingException {
        Builder b = new Builder();
        b.dryRun = parseBoolean(sources, Setting.DRY_RUN, false);
        b.failOnReportError = parseBoolean(sources, Setting.FAIL_ON_REPORT_ERROR, false);
        b.timeoutSeconds = parseInt(sources, Setting.TIMEOUT, DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS);
        b.maxAttempts = parseInt(sources, Setting.MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, MAX_MAX_ATTEMPTS);

        SettingSources.Value owner = sources.lookup(Setting.ACTION_OWNER);
        if (owner != null) {
            b.actionOwner = ActionOwner.parse(owner.value());
            if (b.actionOwner == null) {
                throw invalid(Setting.ACTION_OWNER, owner, "is '" + shown(owner.value()) + "'. Use ThirdParty (a partner"
                        + " action, the default) or Custom (a custom action, owner Custom in the pipeline)");
            }
        }
        boolean custom = b.actionOwner == ActionOwner.Custom;

        SettingSources.Value jobId = sources.lookup(Setting.JOB_ID);
        if (jobId != null) {
            String id = jobId.value();
            if (id.length() > MAX_JOB_ID) {
                throw invalid(Setting.JOB_ID, jobId, "has " + id.length() + " characters; CodePipeline job IDs have at most "
                        + MAX_JOB_ID + ". Pass the job ID the job worker received with the job");
            }
            if (WHITESPACE.matcher(id).find()) {
                throw invalid(Setting.JOB_ID, jobId, "contains whitespace. Pass the job ID exactly as the job worker received it");
            }
            if (custom && !UUID.matcher(id).matches()) {
                // The model's JobId pattern: CodePipeline would refuse it with a ValidationException.
                throw invalid(Setting.JOB_ID, jobId, "is '" + id + "', which is not a custom action's job ID: those are"
                        + " lower-case UUIDs such as 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b. Pass the job ID the job worker"
                        + " received from PollForJobs, or set " + Setting.ACTION_OWNER.property() + "=ThirdParty for a partner action");
            }
            if (!UUID.matcher(id).matches()) {
                b.warnings.add("The job ID from " + jobId.source() + " (" + id + ") does not look like a CodePipeline job ID"
                        + " (a lower-case UUID such as 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b); reporting anyway.");
            }
            b.jobId = id;
        }

        SettingSources.Value token = sources.lookup(Setting.CLIENT_TOKEN);
        if (token != null && custom) {
            // Never print the value; it stays in the Secrets to redact, but it is not kept here, so it cannot be sent.
            b.warnings.add("the client token (from " + token.source() + ") is ignored: a custom action's calls take no"
                    + " client token, so it is not sent.");
        } else if (token != null) {
            if (token.value().length() > MAX_CLIENT_TOKEN) {
                // Never print the value; its length is harmless.
                throw invalid(Setting.CLIENT_TOKEN, token, "has " + token.value().length() + " characters; CodePipeline client tokens have at most "
                        + MAX_CLIENT_TOKEN + ". Pass the clientToken the job worker received with the job");
            }
            b.clientToken = token.value();
        } else if (b.jobId != null && !b.dryRun && !custom && sources.get(Setting.RESULT_FILE) == null) {
            // Under the job worker (a result file) the build hands its result to the worker, which holds the token.
            throw new InvalidSettingException("A CodePipeline job ID is set (" + jobId.source() + ") but no client token: set the "
                    + Setting.CLIENT_TOKEN.environment().get(0) + " environment variable (or -D" + Setting.CLIENT_TOKEN.property()
                    + ") to the clientToken the job worker received with the job (or set " + Setting.ACTION_OWNER.property()
                    + "=Custom if the job belongs to a custom action, whose calls take no client token).");
        }

        SettingSources.Value region = sources.lookup(Setting.REGION);
        if (region != null) {
            String name = region.value().toLowerCase(Locale.ROOT);
            if (!REGION.matcher(name).matches()) {
                throw invalid(Setting.REGION, region, "is '" + region.value() + "', which is not an AWS region name."
                        + " Use the region of the pipeline, such as us-east-1 or eu-west-1");
            }
            b.region = name;
        }

        SettingSources.Value endpoint = sources.lookup(Setting.ENDPOINT);
        if (endpoint != null) {
            b.endpoint = parseEndpoint(Setting.ENDPOINT, endpoint,
                    ". Use an http(s) URL such as https://codepipeline.us-east-1.amazonaws.com, or unset it to use AWS's regional endpoint");
        }

        if (b.jobId != null) {
            // Only a report goes through a proxy; a build without a job is not bothered by the proxy settings.
            b.proxies = ProxySettings.resolve(sources, b.endpoint == null ? "https" : b.endpoint.getScheme());
        }

        SettingSources.Value profile = sources.lookup(Setting.PROFILE);
        b.profile = profile == null ? null : profile.value();

        SettingSources.Value type = sources.lookup(Setting.FAILURE_TYPE);
        if (type != null) {
            b.failureType = FailureType.parse(type.value());
            if (b.failureType == null) {
                throw invalid(Setting.FAILURE_TYPE, type, "is '" + type.value() + "'. Use one of: " + FailureType.allNames());
            }
        }

        SettingSources.Value externalId = sources.lookup(Setting.EXTERNAL_EXECUTION_ID);
        if (externalId != null) {
            if (externalId.value().length() > MAX_EXTERNAL_EXECUTION_ID) {
                throw invalid(Setting.EXTERNAL_EXECUTION_ID, externalId, "has " + externalId.value().length()
                        + " characters; CodePipeline accepts at most " + MAX_EXTERNAL_EXECUTION_ID
                        + ". Use a shorter identifier of the CI run, such as its URL or build number");
            }
            b.externalExecutionId = externalId.value();
        } else {
            CiRun run = CiRun.detect(sources.environment());
            b.externalExecutionId = run == null ? null : run.id();
        }
        return new ReportSettings(b);
    }

    static URI parseEndpoint(Setting setting, SettingSources.Value endpoint, String fix) throws InvalidSettingException {
        URI uri;
        try {
            uri = new URI(endpoint.value());
        } catch (URISyntaxException e) {
            throw invalid(setting, endpoint, "is not a valid URL (" + e.getReason() + ")" + fix);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(setting, endpoint, "is '" + endpoint.value() + "', which is not an http or https URL" + fix);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(setting, endpoint, "is '" + endpoint.value() + "', which names no host" + fix);
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(setting, endpoint, "contains user information, which the endpoint does not use" + fix);
        }
        return uri;
    }

    static boolean parseBoolean(SettingSources sources, Setting setting, boolean defaultValue)
            throws InvalidSettingException {
        SettingSources.Value value = sources.lookup(setting);
        if (value == null) {
            return defaultValue;
        }
        if ("true".equalsIgnoreCase(value.value())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.value())) {
            return false;
        }
        throw invalid(setting, value, "is '" + value.value() + "'. Use true or false");
    }

    static int parseInt(SettingSources sources, Setting setting, int defaultValue, int min, int max)
            throws InvalidSettingException {
        SettingSources.Value value = sources.lookup(setting);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.value());
        } catch (NumberFormatException e) {
            parsed = Integer.MIN_VALUE;
        }
        if (parsed < min || parsed > max) {
            throw invalid(setting, value, "is '" + value.value() + "'. Use a whole number from " + min + " to " + max);
        }
        return parsed;
    }

    /** A value as an error line shows it: at most 40 characters of its first line. */
    static String shown(String value) {
        String line = value.split("[\\r\\n]", 2)[0];
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }

    /** One line: which setting, where its value came from, what is wrong with it, and how to set it. */
    static InvalidSettingException invalid(Setting setting, SettingSources.Value value, String problem) {
        return new InvalidSettingException("Invalid " + setting.property() + " (from " + value.source() + "): " + problem
                + " (set it with " + setting.howToSet() + ").");
    }

    /** The same settings with a tighter time limit, for a report made while the JVM shuts down. */
    public ReportSettings withTimeLimit(int timeoutSeconds, int maxAttempts) {
        Builder b = new Builder();
        b.actionOwner = actionOwner;
        b.jobId = jobId;
        b.clientToken = clientToken;
        b.region = region;
        b.endpoint = endpoint;
        b.profile = profile;
        b.failureType = failureType;
        b.externalExecutionId = externalExecutionId;
        b.dryRun = dryRun;
        b.failOnReportError = failOnReportError;
        b.proxies = proxies;
        b.timeoutSeconds = timeoutSeconds;
        b.maxAttempts = maxAttempts;
        return new ReportSettings(b); // warnings were shown already
    }

    /** Whose action type the job belongs to, which decides the calls; {@link ActionOwner#ThirdParty} by default. */
    public ActionOwner actionOwner() {
        return actionOwner;
    }

    public boolean hasJob() {
        return jobId != null;
    }

    public String jobId() {
        return jobId;
    }

    /** The secret client token. Never log it. */
    public String clientToken() {
        return clientToken;
    }

    public String region() {
        return region;
    }

    public URI endpoint() {
        return endpoint;
    }

    public String profile() {
        return profile;
    }

    /** The configured failure type, or {@code null} to derive it from the failure. */
    public FailureType failureType() {
        return failureType;
    }

    public String externalExecutionId() {
        return externalExecutionId;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public boolean failOnReportError() {
        return failOnReportError;
    }

    /** The proxies the report may go through; {@link ProxySettings#select} picks the one for the endpoint's host. */
    public ProxySettings proxies() {
        return proxies;
    }

    /** Non-fatal remarks found while validating (for example, a job ID that is not a UUID). */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "ReportSettings{actionOwner=" + actionOwner + ", jobId=" + jobId + ", clientToken=" + (clientToken == null ? "unset" : "(hidden)")
                + ", region=" + region + ", endpoint=" + endpoint + ", profile=" + profile + ", failureType=" + failureType
                + ", externalExecutionId=" + externalExecutionId + ", dryRun=" + dryRun + ", timeoutSeconds="
                + timeoutSeconds + ", maxAttempts=" + maxAttempts + ", failOnReportError=" + failOnReportError + ", proxies=" + proxies + "}";
    }

    private static final class Builder {
        ActionOwner actionOwner = ActionOwner.ThirdParty;
        String jobId;
        String clientToken;
        String region;
        URI endpoint;
        String profile;
        FailureType failureType;
        String externalExecutionId;
        boolean dryRun;
        int timeoutSeconds;
        int maxAttempts;
        boolean failOnReportError;
        ProxySettings proxies = ProxySettings.none();
        final List<String> warnings = new ArrayList<>();
    }
}
