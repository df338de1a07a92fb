package io.github.codepipeline.maven.client;

import io.github.codepipeline.maven.config.ActionOwner;
import io.github.codepipeline.maven.config.ProxyServer;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SuccessDetails;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
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
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClientBuilder;
import software.amazon.awssdk.services.codepipeline.endpoints.CodePipelineEndpointProvider;
import software.amazon.awssdk.services.codepipeline.model.CurrentRevision;
import software.amazon.awssdk.services.codepipeline.model.ExecutionDetails;
import software.amazon.awssdk.services.codepipeline.model.FailureDetails;
import software.amazon.awssdk.services.codepipeline.model.FailureType;
import software.amazon.awssdk.services.codepipeline.model.InvalidClientTokenException;
import software.amazon.awssdk.services.codepipeline.model.InvalidJobStateException;
import software.amazon.awssdk.services.codepipeline.model.JobNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.OutputVariablesSizeExceededException;
import software.amazon.awssdk.services.codepipeline.model.ThirdPartyJobDetails;
import software.amazon.awssdk.services.codepipeline.model.ValidationException;

/**
 * The CodePipeline client, configured from {@link ReportSettings}: the SDK's own standard retry strategy
 * (exponential backoff with jitter on throttling, 5xx and I/O errors), an overall time limit, connect and read
 * timeouts, the small {@code UrlConnectionHttpClient} on the route {@link ReportSettings#proxies()} chooses for
 * the endpoint's host, and explicit credentials and region where they are known, so that the SDK never probes the
 * EC2 instance metadata service for something that was given.
 *
 * <p>Every SDK exception is turned into a {@link ReportException} with one clear, secret-free line.
 * This class and its package are the only ones of the plugin that refer to the AWS SDK, so that a build that reports
 * nothing never loads it.
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
    private final SdkHttpClient httpClient;
    private final AwsCredentialsProvider credentials;
    private final ReportSettings settings;
    private final Secrets secrets;
    private final Region region;
    private final String where;
    private String credentialSource;

    private CodePipelineJobClient(CodePipelineClient client, SdkHttpClient httpClient, AwsCredentialsProvider credentials,
            ReportSettings settings, Secrets secrets, Region region, String where) {
        this.client = client;
        this.httpClient = httpClient;
        this.credentials = credentials;
        this.settings = settings;
        this.secrets = secrets;
        this.region = region;
        this.where = where;
    }

    /**
     * @param accessKeys the AWS access key ID, secret key and session token from the session's environment
     *     (any may be {@code null}); when the first two are set they are used as they are
     */
    public static CodePipelineJobClient create(ReportSettings settings, Secrets secrets, String[] accessKeys)
            throws ReportException {
        SdkLogging.quiet();
        Duration total = Duration.ofSeconds(settings.timeoutSeconds());
        Duration attempt = min(total, MAX_ATTEMPT_TIMEOUT);
        String where = settings.endpoint() != null ? settings.endpoint().toString() : "the CodePipeline endpoint";
        SdkHttpClient httpClient = null;
        AwsCredentialsProvider credentials = null;
        try {
            Region region = region(settings);
            URI endpoint = settings.endpoint() != null ? settings.endpoint()
                    : CodePipelineEndpointProvider.defaultProvider().resolveEndpoint(p -> p.region(region)).join().url();
            ProxyServer proxy = settings.proxies().select(endpoint.getHost());
            where = endpoint + (proxy == null ? "" : " through the proxy " + proxy);
            httpClient = UrlConnectionHttpClient.create(new ConnectionFactory(proxy, min(total, MAX_CONNECT_TIMEOUT),
                    attempt, HttpsURLConnection::getDefaultSSLSocketFactory));
            credentials = credentials(settings, accessKeys);
            String source = CredentialSources.describeSource(resolve(credentials, settings, secrets), settings.profile(),
                    settings.profile() == null && accessKeys != null && accessKeys[0] != null && accessKeys[1] != null);
            CodePipelineClientBuilder builder = builder(httpClient, region, credentials, total, attempt,
                    settings.maxAttempts());
            if (settings.endpoint() != null) {
                builder.endpointOverride(settings.endpoint());
            }
            CodePipelineJobClient client = new CodePipelineJobClient(builder.build(), httpClient, credentials, settings,
                    secrets, region, where);
            client.credentialSource = source;
            return client;
        } catch (RuntimeException | ReportException e) {
            closeQuietly(httpClient);
            closeQuietly(credentials);
            throw e instanceof ReportException ? (ReportException) e
                    : new ReportException(describeClientProblem((RuntimeException) e, where, settings, secrets), false);
        }
    }

    /** The one client configuration: the SDK's own retry strategy and time limits. */
    private static CodePipelineClientBuilder builder(SdkHttpClient httpClient, Region region, AwsCredentialsProvider credentials,
            Duration total, Duration attempt, int maxAttempts) {
        return CodePipelineClient.builder()
                .httpClient(httpClient)
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(total)
                        .apiCallAttemptTimeout(attempt)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts)
                                .build())
                        .build());
    }

    /** The configured region, else the profile's, else the SDK's default chain's (which may ask EC2's metadata). */
    static Region region(ReportSettings settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        if (settings.profile() != null) {
            return new AwsProfileRegionProvider(null, settings.profile()).getRegion();
        }
        return new DefaultAwsRegionProviderChain().getRegion();
    }

    private static AwsCredentialsProvider credentials(ReportSettings settings, String[] accessKeys) {
        if (settings.profile() != null) {
            return ProfileCredentialsProvider.create(settings.profile());
        }
        if (accessKeys != null && accessKeys[0] != null && accessKeys[1] != null) {
            return staticKeys(accessKeys);
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Access key ID, secret access key and session token (or {@code null}) as they are: no chain, no lookup. */
    static AwsCredentialsProvider staticKeys(String[] keys) {
        return StaticCredentialsProvider.create(keys[2] != null
                ? AwsSessionCredentials.create(keys[0], keys[1], keys[2])
                : AwsBasicCredentials.create(keys[0], keys[1]));
    }

    /**
     * Gets the credentials before the first call, so that a source that is configured but does not work (a missing web
     * identity token file, an expired SSO sign-in, a role STS refuses) is reported as such, not as a CodePipeline error.
     * The providers keep what they got: the call that follows does not ask STS or SSO again.
     */
    private static AwsCredentials resolve(AwsCredentialsProvider credentials, ReportSettings settings, Secrets secrets)
            throws ReportException {
        try {
            return credentials.resolveCredentials();
        } catch (RuntimeException e) {
            String problem = CredentialSources.describeFailure(e, settings.profile(), secrets);
            if (problem != null) {
                throw new ReportException(problem, false);
            }
            throw e;
        }
    }

    /** Where the credentials that sign the calls came from ({@link CredentialSources#describeSource}): no secret. */
    public String credentialSource() {
        return credentialSource;
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code PutThirdPartyJobFailureResult}, or {@code PutJobFailureResult} for a custom action (no client token). */
    public void putFailure(io.github.codepipeline.maven.config.FailureType type, String message, String externalExecutionId)
            throws ReportException {
        FailureDetails failure = FailureDetails.builder()
                .type(FailureType.fromValue(type.name()))
                .message(message)
                .externalExecutionId(externalExecutionId)
                .build();
        ActionOwner owner = settings.actionOwner();
        if (owner == ActionOwner.Custom) {
            call(owner.failureCall(), () -> client.putJobFailureResult(r -> r.jobId(settings.jobId()).failureDetails(failure)));
        } else {
            call(owner.failureCall(), () -> client.putThirdPartyJobFailureResult(r -> r
                    .jobId(settings.jobId()).clientToken(settings.clientToken()).failureDetails(failure)));
        }
    }

    /**
     * {@code PutThirdPartyJobSuccessResult}, or {@code PutJobSuccessResult} for a custom action (no client token; its
     * output variables, if any).
     */
    public void putSuccess(SuccessDetails details, String externalExecutionId) throws ReportException {
        ExecutionDetails execution = details.summary() != null || details.percentComplete() != null || externalExecutionId != null
                ? ExecutionDetails.builder().summary(details.summary()).percentComplete(details.percentComplete())
                        .externalExecutionId(externalExecutionId).build()
                : null;
        CurrentRevision revision = details.hasRevision()
                ? CurrentRevision.builder().revision(details.revision()).changeIdentifier(details.changeIdentifier())
                        .revisionSummary(details.revisionSummary()).created(details.revisionCreated()).build()
                : null;
        ActionOwner owner = settings.actionOwner();
        if (owner == ActionOwner.Custom) {
            call(owner.successCall(), () -> client.putJobSuccessResult(r -> {
                r.jobId(settings.jobId()).executionDetails(execution).currentRevision(revision)
                        .continuationToken(details.continuationToken());
                if (!details.outputVariables().isEmpty()) {
                    r.outputVariables(details.outputVariables().asMap());
                }
            }));
        } else {
            call(owner.successCall(), () -> client.putThirdPartyJobSuccessResult(r -> r
                    .jobId(settings.jobId()).clientToken(settings.clientToken()).executionDetails(execution)
                    .currentRevision(revision).continuationToken(details.continuationToken())));
        }
    }

    /** {@code GetThirdPartyJobDetails} or {@code GetJobDetails}; the artifact credentials stay hidden inside the {@link JobDetails}. */
    public JobDetails jobDetails() throws ReportException {
        ActionOwner owner = settings.actionOwner();
        if (owner == ActionOwner.Custom) {
            software.amazon.awssdk.services.codepipeline.model.JobDetails job = call(owner.detailsCall(),
                    () -> client.getJobDetails(r -> r.jobId(settings.jobId()))).jobDetails();
            return JobDetailsReader.of(job == null ? null : job.data(), job == null ? null : job.accountId());
        }
        ThirdPartyJobDetails job = call(owner.detailsCall(), () -> client.getThirdPartyJobDetails(r -> r
                .jobId(settings.jobId()).clientToken(settings.clientToken()))).jobDetails();
        return JobDetailsReader.of(job == null ? null : job.data());
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
                    + ") and the region (" + Setting.REGION.howToSet() + "), and that the job is a "
                    + (settings.actionOwner() == ActionOwner.Custom ? "custom" : "partner") + " action's ("
                    + Setting.ACTION_OWNER.property() + "=" + settings.actionOwner() + ").", false);
        } catch (InvalidClientTokenException e) {
            throw new ReportException("CodePipeline rejected the client token for job " + settings.jobId()
                    + " (InvalidClientTokenException" + requestId(e) + "): set " + Setting.CLIENT_TOKEN.environment().get(0)
                    + " to the clientToken the job worker received with this job.", false);
        } catch (OutputVariablesSizeExceededException e) {
            throw new ReportException("CodePipeline refused the output variables as too large for the pipeline"
                    + " (OutputVariablesSizeExceededException" + requestId(e) + ": " + serviceMessage(e)
                    + "): send fewer or shorter values with " + Setting.OUTPUT_VARIABLES.howToSet() + ".", false);
        } catch (ValidationException e) {
            throw new ReportException("CodePipeline rejected " + operation + " as invalid (ValidationException"
                    + requestId(e) + "): " + serviceMessage(e), false);
        } catch (AwsServiceException e) {
            throw new ReportException(describeServiceProblem(e, operation), false,
                    e.statusCode() >= 500 || e.isThrottlingException());
        } catch (RuntimeException e) {
            throw new ReportException(describeClientProblem(e, where, settings, secrets), false,
                    e instanceof SdkClientException);
        }
    }

    private String describeServiceProblem(AwsServiceException e, String operation) {
        if (e.statusCode() == 407) {
            return proxyRejected(where);
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code != null && REJECTED_CREDENTIALS.contains(code)) {
            return "AWS rejected the credentials (" + code + requestId(e) + "): " + sentence(serviceMessage(e))
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
        String details = (code == null ? "" : code) + (code == null ? requestId(e).replaceFirst("^, ", "") : requestId(e));
        return "CodePipeline answered " + operation + " with HTTP " + e.statusCode()
                + (details.isEmpty() ? "" : " (" + details + ")") + " from " + where + ": " + serviceMessage(e);
    }

    static String describeClientProblem(RuntimeException e, String where, ReportSettings settings, Secrets secrets) {
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
        Throwable io = firstIOException(e);
        if (io != null && String.valueOf(io.getMessage()).contains(" 407 ")) {
            return proxyRejected(where);
        }
        if (io != null) {
            return "Could not reach " + where + " (" + io.getClass().getSimpleName() + ": "
                    + firstLine(secrets.redact(String.valueOf(io.getMessage()))) + ") after " + settings.maxAttempts()
                    + " attempts; check the network, proxy and " + Setting.ENDPOINT.property() + ".";
        }
        return "Reporting to " + where + " failed: " + e.getClass().getSimpleName() + ": " + firstLine(secrets.redact(text));
    }

    private static String proxyRejected(String where) {
        return "The proxy refused the request for lack of valid credentials (HTTP 407 Proxy Authentication Required) on the"
                + " way to " + where + ": set the proxy's <username> and <password> in settings.xml, or user:password@ in"
                + " HTTPS_PROXY.";
    }

    private String serviceMessage(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message == null ? "(no message)" : firstLine(secrets.redact(message));
    }

    /** The service's message as a sentence of its own, so that the next one does not run into it. */
    static String sentence(String message) {
        return message.matches("(?s).*[.!?]\\s*$") ? message : message + ".";
    }

    static String requestId(AwsServiceException e) {
        return e.requestId() == null || e.requestId().isEmpty() ? "" : ", request ID " + e.requestId();
    }

    private String regionText() {
        return "region " + region.id();
    }

    /** The first {@link IOException} in {@code e}'s cause chain (the network's own word), or {@code null}. */
    static Throwable firstIOException(Throwable e) {
        Throwable io = e;
        while (io != null && !(io instanceof IOException)) {
            io = io.getCause() == io ? null : io.getCause();
        }
        return io;
    }

    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    /** The configured SDK client itself, for the job worker's own calls ({@code io.github.codepipeline.maven.worker}). */
    public CodePipelineClient sdk() {
        return client;
    }

    /** The one secret-free line this client makes of {@code e}, a failure of {@code operation}. */
    public String describe(RuntimeException e, String operation) {
        try {
            call(operation, () -> {
                throw e;
            });
        } catch (ReportException described) {
            return described.getMessage();
        }
        return operation + " failed";
    }

    /** Closes the client, its HTTP client, and the credential provider with the STS or SSO client the SDK made for it. */
    @Override
    public void close() {
        client.close();
        httpClient.close();
        closeQuietly(credentials);
    }

    private static void closeQuietly(Object resource) {
        if (resource instanceof AutoCloseable) {
            try {
                ((AutoCloseable) resource).close();
            } catch (Exception e) {
                // nothing to report: the report is made or failed already
            }
        }
    }
}
