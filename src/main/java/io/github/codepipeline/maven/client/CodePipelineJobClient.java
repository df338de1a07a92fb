package io.github.codepipeline.maven.client;

import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClientBuilder;
import software.amazon.awssdk.services.codepipeline.model.FailureType;
import software.amazon.awssdk.services.codepipeline.model.InvalidClientTokenException;
import software.amazon.awssdk.services.codepipeline.model.InvalidJobStateException;
import software.amazon.awssdk.services.codepipeline.model.JobNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.ValidationException;

/**
 * The CodePipeline client, configured from {@link ReportSettings}: the SDK's own standard retry strategy
 * (exponential backoff with jitter on throttling, 5xx and I/O errors), an overall time limit, connect and read
 * timeouts, the small {@code UrlConnectionHttpClient}, and explicit credentials and region where they are
 * known, so that the SDK never probes the EC2 instance metadata service for something that was given.
 *
 * <p>Every SDK exception is turned into a {@link ReportException} with one clear, secret-free line.
 * This is the only class of the plugin that refers to the AWS SDK, so that a build that reports nothing never
 * loads it.
 */
public final class CodePipelineJobClient implements AutoCloseable {
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> REJECTED_CREDENTIALS = new HashSet<>(Arrays.asList(
            "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "InvalidClientTokenId",
            "ExpiredTokenException", "ExpiredToken", "IncompleteSignature", "MissingAuthenticationToken"));
    private static final Set<String> ACCESS_DENIED = new HashSet<>(Arrays.asList(
            "AccessDeniedException", "AccessDenied", "NotAuthorized"));

    private final CodePipelineClient client;
    private final ReportSettings settings;
    private final Secrets secrets;
    private final String where;

    private CodePipelineJobClient(CodePipelineClient client, ReportSettings settings, Secrets secrets) {
        this.client = client;
        this.settings = settings;
        this.secrets = secrets;
        this.where = settings.endpoint() != null ? settings.endpoint().toString()
                : "the CodePipeline endpoint of " + (settings.region() != null ? settings.region() : "the default region");
    }

    /**
     * @param accessKeys the AWS access key ID, secret key and session token from the session's environment
     *     (any may be {@code null}); when the first two are set they are used as they are
     */
    public static CodePipelineJobClient create(ReportSettings settings, Secrets secrets, String[] accessKeys)
            throws ReportException {
        Duration total = Duration.ofSeconds(settings.timeoutSeconds());
        Duration attempt = min(total, MAX_ATTEMPT_TIMEOUT);
        CodePipelineClientBuilder builder = CodePipelineClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(min(total, MAX_CONNECT_TIMEOUT))
                        .socketTimeout(attempt))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(total)
                        .apiCallAttemptTimeout(attempt)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .build())
                        .build())
                .credentialsProvider(credentials(settings, accessKeys));
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        } else if (settings.profile() != null) {
            Region region = new AwsProfileRegionProvider(null, settings.profile()).getRegion();
            builder.region(region);
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        try {
            return new CodePipelineJobClient(builder.build(), settings, secrets);
        } catch (RuntimeException e) {
            throw new ReportException(describeClientProblem(e, "the CodePipeline endpoint", settings, secrets), false);
        }
    }

    private static AwsCredentialsProvider credentials(ReportSettings settings, String[] accessKeys) {
        if (settings.profile() != null) {
            return ProfileCredentialsProvider.create(settings.profile());
        }
        if (accessKeys != null && accessKeys[0] != null && accessKeys[1] != null) {
            return StaticCredentialsProvider.create(accessKeys[2] != null
                    ? AwsSessionCredentials.create(accessKeys[0], accessKeys[1], accessKeys[2])
                    : AwsBasicCredentials.create(accessKeys[0], accessKeys[1]));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code PutThirdPartyJobFailureResult}. */
    public void putFailure(io.github.codepipeline.maven.config.FailureType type, String message, String externalExecutionId)
            throws ReportException {
        call("PutThirdPartyJobFailureResult", () -> client.putThirdPartyJobFailureResult(r -> r
                .jobId(settings.jobId())
                .clientToken(settings.clientToken())
                .failureDetails(f -> f
                        .type(FailureType.fromValue(type.name()))
                        .message(message)
                        .externalExecutionId(externalExecutionId))));
    }

    private <T> T call(String operation, Supplier<T> request) throws ReportException {
        try {
            return request.get();
        } catch (InvalidJobStateException e) {
            throw new ReportException("Job " + settings.jobId() + " already has a result, so CodePipeline did not take this one"
                    + " (InvalidJobStateException" + requestId(e) + ").", true);
        } catch (JobNotFoundException e) {
            throw new ReportException("CodePipeline has no job " + settings.jobId() + " in " + regionText()
                    + " (JobNotFoundException" + requestId(e) + "): check the job ID (" + Setting.JOB_ID.howToSet()
                    + ") and the region (" + Setting.REGION.howToSet() + ").", false);
        } catch (InvalidClientTokenException e) {
            throw new ReportException("CodePipeline rejected the client token for job " + settings.jobId()
                    + " (InvalidClientTokenException" + requestId(e) + "): set " + Setting.CLIENT_TOKEN.environment().get(0)
                    + " to the clientToken the job worker received with this job.", false);
        } catch (ValidationException e) {
            throw new ReportException("CodePipeline rejected " + operation + " as invalid (ValidationException"
                    + requestId(e) + "): " + serviceMessage(e), false);
        } catch (AwsServiceException e) {
            throw new ReportException(describeServiceProblem(e, operation), false);
        } catch (RuntimeException e) {
            throw new ReportException(describeClientProblem(e, where, settings, secrets), false);
        }
    }

    private String describeServiceProblem(AwsServiceException e, String operation) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code != null && REJECTED_CREDENTIALS.contains(code)) {
            return "AWS rejected the credentials (" + code + requestId(e) + "): " + serviceMessage(e)
                    + " Check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN or the profile ("
                    + Setting.PROFILE.howToSet() + ").";
        }
        if (code != null && ACCESS_DENIED.contains(code)) {
            return "AWS denied " + operation + " (" + code + requestId(e) + "): the credentials need the IAM permission codepipeline:"
                    + operation + ". " + serviceMessage(e);
        }
        if (e.isThrottlingException()) {
            return "CodePipeline kept throttling " + operation + " (" + code + requestId(e) + ") through "
                    + settings.maxAttempts() + " attempts; raise " + Setting.MAX_ATTEMPTS.property() + " or report again later.";
        }
        return "CodePipeline answered " + operation + " with HTTP " + e.statusCode() + (code == null ? "" : " " + code)
                + requestId(e) + " from " + where + ": " + serviceMessage(e);
    }

    private static String describeClientProblem(RuntimeException e, String where, ReportSettings settings, Secrets secrets) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return "No answer from " + where + " within " + settings.timeoutSeconds() + " s (" + Setting.TIMEOUT.property()
                    + "); the report was not made.";
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("Unable to load credentials") || text.contains("credentials")
                && e instanceof SdkClientException && e.getCause() == null && text.contains("provider")) {
            return "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile with "
                    + Setting.PROFILE.howToSet() + ", or run where the default credential chain finds some.";
        }
        if (text.contains("Unable to load region") || text.contains("region")
                && text.contains("providers in the chain")) {
            return "No AWS region: set " + Setting.REGION.howToSet() + " to the pipeline's region (for example us-east-1).";
        }
        if (text.contains("Profile file contained no") || text.contains("profile") && text.contains("not found")) {
            return "The AWS profile '" + settings.profile() + "' could not be used: " + firstLine(secrets.redact(text));
        }
        Throwable io = e;
        while (io != null && !(io instanceof IOException)) {
            io = io.getCause() == io ? null : io.getCause();
        }
        if (io != null) {
            return "Could not reach " + where + " (" + io.getClass().getSimpleName() + ": "
                    + firstLine(secrets.redact(String.valueOf(io.getMessage()))) + ") after " + settings.maxAttempts()
                    + " attempts; check the network, proxy and " + Setting.ENDPOINT.property() + ".";
        }
        return "Reporting to " + where + " failed: " + e.getClass().getSimpleName() + ": " + firstLine(secrets.redact(text));
    }

    private String serviceMessage(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message == null ? "(no message)" : firstLine(secrets.redact(message));
    }

    private static String requestId(AwsServiceException e) {
        return e.requestId() == null || e.requestId().isEmpty() ? "" : ", request ID " + e.requestId();
    }

    private String regionText() {
        return settings.region() != null ? "region " + settings.region() : "the configured region";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    @Override
    public void close() {
        client.close();
    }
}
