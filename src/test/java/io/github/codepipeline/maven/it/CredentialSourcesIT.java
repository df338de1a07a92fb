package io.github.codepipeline.maven.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every credential source the AWS CLI accepts besides plain keys, with no AWS keys in the build's environment: the
 * report must be signed with the temporary keys that source handed out, and neither those keys nor what obtained them
 * (web identity token, source profile's keys, SSO access token, container authorization token) may appear in a
 * {@code -X} log. STS, the IAM Identity Center portal and the container credential endpoint are stood in for by a
 * local WireMock ({@code AWS_ENDPOINT_URL_STS}, {@code AWS_ENDPOINT_URL_SSO}, {@code AWS_CONTAINER_CREDENTIALS_FULL_URI})
 * speaking each service's protocol. A source that is configured but cannot work gets one line that names it.
 */
class CredentialSourcesIT extends EndpointSupport {
    /** What each source hands out: access key ID, secret access key, session token (for the strict endpoint's keys). */
    public static final String[] WEB_IDENTITY_KEYS = {"ASIAWEBIDENTITY00001", "webIdentitySecret/K7MDENG+bPxRfiCY0001",
            "FwoWebIdentitySessionToken-EXAMPLE-0001"};
    public static final String[] ASSUMED_ROLE_KEYS = {"ASIAASSUMEDROLE00002", "assumedRoleSecret/K7MDENG+bPxRfiCY0002",
            "FwoAssumedRoleSessionToken-EXAMPLE-0002"};
    public static final String[] SSO_KEYS = {"ASIASSOROLECREDS0003", "ssoRoleSecret/K7MDENG+bPxRfiCY00000003",
            "FwoSsoRoleSessionToken-EXAMPLE-0003"};
    public static final String[] CONTAINER_KEYS = {"ASIACONTAINERCRED004", "containerSecret/K7MDENG+bPxRfiCY00004",
            "FwoContainerSessionToken-EXAMPLE-0004"};
    public static final String[] PROCESS_KEYS = {"ASIAPROCESSCREDS0005", "processSecret/K7MDENG+bPxRfiCY0000005",
            "FwoProcessSessionToken-EXAMPLE-0005"};
    static final String WEB_IDENTITY_TOKEN = "eyJhbGciOiJSUzI1NiJ9.web-identity-token-EXAMPLE.signature";
    static final String SOURCE_ACCESS_KEY = "AKIASOURCEPROFILE006";
    static final String SOURCE_SECRET = "sourceProfileSecret/K7MDENG+bPxRfiCY006";
    static final String SSO_ACCESS_TOKEN = "aoaAAAAAGSsoAccessToken-EXAMPLE-0007";
    static final String CONTAINER_TOKEN = "container-authorization-token-EXAMPLE-0008";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/pipeline-reporter";

    private WireMockServer aws;

    @BeforeEach
    void startAwsServices() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        // The strict endpoint checks each report's signature: it knows the temporary keys the sources hand out.
        for (String[] keys : new String[][] {WEB_IDENTITY_KEYS, ASSUMED_ROLE_KEYS, SSO_KEYS, CONTAINER_KEYS, PROCESS_KEYS}) {
            endpoint.acceptKeys(keys[0], keys[1], keys[2]);
        }
    }

    @AfterEach
    void stopAwsServices() {
        aws.stop();
    }

    private String awsUrl() {
        return "http://127.0.0.1:" + aws.port();
    }

    /** A build of the failing project with no AWS keys in its environment, at debug level. */
    private MavenBuild keylessBuild(String test) {
        return build("compile-failure", test).quickJvm()
                .env("AWS_ACCESS_KEY_ID", null)
                .env("AWS_SECRET_ACCESS_KEY", null)
                .args("-X", "verify");
    }

    /** The default Maven, the oldest supported, and Maven 4: the SDK finds its STS client's HTTP client in each. */
    @ParameterizedTest
    @ValueSource(strings = {"", "it.maven.3.6.3", "it.maven.4.0.0-rc-6"})
    void webIdentityTokenFile(String maven) throws IOException {
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRoleWithWebIdentity"))
                .willReturn(stsCredentials("AssumeRoleWithWebIdentity", WEB_IDENTITY_KEYS)));
        MavenBuild build = keylessBuild("credentialsWebIdentity" + maven);
        if (!maven.isEmpty()) {
            build.mavenHome(System.getProperty(maven));
        }
        Path tokenFile = write(build.directory().resolve("web-identity-token"), WEB_IDENTITY_TOKEN);

        MavenBuild.Result result = build
                .env("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString())
                .env("AWS_ROLE_ARN", ROLE_ARN)
                .env("AWS_ENDPOINT_URL_STS", awsUrl())
                .run();

        assertReportedWith(result, WEB_IDENTITY_KEYS, webIdentitySource(tokenFile));
        LoggedRequest assume = onlyAwsRequest();
        assertThat(assume.getBodyAsString()).contains("RoleArn=" + ROLE_ARN.replace(":", "%3A").replace("/", "%2F"))
                .contains("WebIdentityToken=" + WEB_IDENTITY_TOKEN);
        assertNoSecretIn(result, WEB_IDENTITY_KEYS, WEB_IDENTITY_TOKEN);
    }

    /** The report-failure goal runs in the plugin's own class realm, not the extension's: the same sources work there. */
    @Test
    void webIdentityForTheGoal() throws IOException {
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRoleWithWebIdentity"))
                .willReturn(stsCredentials("AssumeRoleWithWebIdentity", WEB_IDENTITY_KEYS)));
        MavenBuild build = MavenBuild.emptyFolder("credentialsWebIdentityGoal").quickJvm()
                .env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null)
                .env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_CLIENT_TOKEN", FailureReportIT.TOKEN);
        Path tokenFile = write(build.directory().resolve("web-identity-token"), WEB_IDENTITY_TOKEN);

        MavenBuild.Result result = build
                .env("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString())
                .env("AWS_ROLE_ARN", ROLE_ARN)
                .env("AWS_ENDPOINT_URL_STS", awsUrl())
                .args("-X", "-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.message=Deployment failed",
                        MavenBuild.goal("report-failure"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        LoggedRequest report = endpoint.requests(FAILURE).get(0);
        assertThat(report.getHeader("Authorization")).contains("Credential=" + WEB_IDENTITY_KEYS[0] + "/");
        assertThat(report.getHeader("X-Amz-Security-Token")).isEqualTo(WEB_IDENTITY_KEYS[2]);
        assertThat(result.lines("[DEBUG] CodePipeline: signing with ")).as(result.toString())
                .containsExactly("[DEBUG] CodePipeline: signing with " + webIdentitySource(tokenFile) + ".");
        assertNoSecretIn(result, WEB_IDENTITY_KEYS, WEB_IDENTITY_TOKEN);
    }

    @Test
    void profileThatAssumesARoleWithASourceProfile() throws IOException {
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))
                .willReturn(stsCredentials("AssumeRole", ASSUMED_ROLE_KEYS)));
        MavenBuild build = keylessBuild("credentialsAssumeRole");
        assumeRoleProfile(build);

        MavenBuild.Result result = build.env("AWS_PROFILE", "ci").env("AWS_REGION", "eu-west-1").run();

        assertReportedWith(result, ASSUMED_ROLE_KEYS, "the AWS profile 'ci', assuming the role " + ROLE_ARN);
        LoggedRequest assume = onlyAwsRequest();
        // Signed with the source profile's keys, for STS in the region of the build (its regional endpoint).
        assertThat(assume.getHeader("Authorization")).contains("Credential=" + SOURCE_ACCESS_KEY + "/")
                .contains("/eu-west-1/sts/aws4_request");
        assertThat(assume.getBodyAsString()).contains("RoleArn=" + ROLE_ARN.replace(":", "%3A").replace("/", "%2F"));
        assertNoSecretIn(result, ASSUMED_ROLE_KEYS, SOURCE_SECRET);
    }

    @Test
    void ssoProfileWithACachedToken() throws IOException {
        aws.stubFor(get(urlPathEqualTo("/federation/credentials"))
                .withQueryParam("account_id", equalTo("123456789012")).withQueryParam("role_name", equalTo("PipelineReporter"))
                .withHeader("x-amz-sso_bearer_token", equalTo(SSO_ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"roleCredentials\":{\"accessKeyId\":\"" + SSO_KEYS[0] + "\",\"secretAccessKey\":\""
                                + SSO_KEYS[1] + "\",\"sessionToken\":\"" + SSO_KEYS[2] + "\",\"expiration\":"
                                + Instant.now().plus(1, ChronoUnit.HOURS).toEpochMilli() + "}}")));
        MavenBuild build = keylessBuild("credentialsSso");
        ssoProfile(build, Instant.now().plus(1, ChronoUnit.HOURS));

        MavenBuild.Result result = build.env("AWS_PROFILE", "dev").run();

        assertReportedWith(result, SSO_KEYS, "the AWS profile 'dev', signed in with IAM Identity Center (SSO)");
        assertNoSecretIn(result, SSO_KEYS, SSO_ACCESS_TOKEN);
    }

    @Test
    void containerCredentials() {
        aws.stubFor(get(urlEqualTo("/v2/credentials/pipeline")).withHeader("Authorization", equalTo(CONTAINER_TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"AccessKeyId\":\"" + CONTAINER_KEYS[0] + "\",\"SecretAccessKey\":\"" + CONTAINER_KEYS[1]
                                + "\",\"Token\":\"" + CONTAINER_KEYS[2] + "\",\"Expiration\":\""
                                + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")));

        MavenBuild.Result result = keylessBuild("credentialsContainer")
                .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", awsUrl() + "/v2/credentials/pipeline")
                .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_TOKEN)
                .run();

        assertReportedWith(result, CONTAINER_KEYS, "container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)");
        assertNoSecretIn(result, CONTAINER_KEYS, CONTAINER_TOKEN);
    }

    @Test
    void credentialProcess() throws IOException {
        MavenBuild build = keylessBuild("credentialsProcess");
        Path output = write(build.directory().resolve("credentials.json"), "{\"Version\":1,\"AccessKeyId\":\""
                + PROCESS_KEYS[0] + "\",\"SecretAccessKey\":\"" + PROCESS_KEYS[1] + "\",\"SessionToken\":\""
                + PROCESS_KEYS[2] + "\",\"Expiration\":\"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}");
        // The default profile: found by the SDK's default chain, not named by the build.
        write(build.directory().resolve("aws-config"), "[default]\ncredential_process = cat " + output + "\n");

        MavenBuild.Result result = build.env("AWS_CONFIG_FILE", build.directory().resolve("aws-config").toString()).run();

        assertReportedWith(result, PROCESS_KEYS, "the AWS profile 'default', from its credential_process");
        assertNoSecretIn(result, PROCESS_KEYS);
    }

    @Test
    void missingWebIdentityTokenFileIsNamed() {
        MavenBuild build = keylessBuild("credentialsWebIdentityMissing");
        String tokenFile = build.directory().resolve("no-such-token").toString();

        MavenBuild.Result result = build
                .env("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile)
                .env("AWS_ROLE_ARN", ROLE_ARN)
                .env("AWS_ENDPOINT_URL_STS", awsUrl())
                .run();

        assertNotReported(result);
        assertThat(result.lines("[ERROR] CodePipeline: The web identity token file " + tokenFile
                + " (AWS_WEB_IDENTITY_TOKEN_FILE) does not exist")).as(result.toString()).hasSize(1);
        assertThat(aws.getAllServeEvents()).isEmpty();
    }

    /** Through the SDK's default chain, whose message lists every provider: the line quotes web identity's only. */
    @Test
    void webIdentityRefusedByStsIsNamed() throws IOException {
        aws.stubFor(post(urlEqualTo("/")).willReturn(stsError("AccessDenied", "Not authorized to perform"
                + " sts:AssumeRoleWithWebIdentity", "sts-request-2")));
        MavenBuild build = keylessBuild("credentialsWebIdentityRefused");
        Path tokenFile = write(build.directory().resolve("web-identity-token"), WEB_IDENTITY_TOKEN);

        MavenBuild.Result result = build
                .env("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString())
                .env("AWS_ROLE_ARN", ROLE_ARN)
                .env("AWS_ENDPOINT_URL_STS", awsUrl())
                .run();

        assertNotReported(result);
        List<String> lines = result.lines("[ERROR] CodePipeline: STS refused to let the web identity token in " + tokenFile
                + " (AWS_WEB_IDENTITY_TOKEN_FILE) assume the role " + ROLE_ARN + " (AWS_ROLE_ARN): Not authorized to perform"
                + " sts:AssumeRoleWithWebIdentity (Service: Sts, Status Code: 403, Request ID: sts-request-2) Check the role's"
                + " trust policy");
        assertThat(lines).as(result.toString()).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("ProfileCredentialsProvider",
                "ContainerCredentialsProvider", "Unable to load credentials from any");
        assertNoSecretIn(result, new String[0], WEB_IDENTITY_TOKEN);
    }

    @Test
    void roleRefusedByStsIsNamed() throws IOException {
        aws.stubFor(post(urlEqualTo("/")).willReturn(stsError("AccessDenied", "User: arn:aws:iam::123456789012:user/ci is"
                + " not authorized to perform: sts:AssumeRole on resource: " + ROLE_ARN, "sts-request-1")));
        MavenBuild build = keylessBuild("credentialsAssumeRoleRefused");
        assumeRoleProfile(build);

        MavenBuild.Result result = build.env("AWS_PROFILE", "ci").run();

        assertNotReported(result);
        assertThat(result.lines("[ERROR] CodePipeline: STS refused to let AWS profile 'ci' assume the role " + ROLE_ARN))
                .as(result.toString()).hasSize(1);
        assertThat(result.lines("CodePipeline: STS refused").get(0)).contains("is not authorized to perform: sts:AssumeRole",
                "(Service: Sts, AccessDenied, request ID sts-request-1)", "trust policy", "source_profile 'base'");
        assertNoSecretIn(result, new String[0], SOURCE_SECRET);
    }

    @Test
    void expiredSsoTokenIsNamed() throws IOException {
        MavenBuild build = keylessBuild("credentialsSsoExpired");
        ssoProfile(build, Instant.now().minus(1, ChronoUnit.HOURS));

        MavenBuild.Result result = build.env("AWS_PROFILE", "dev").run();

        assertNotReported(result);
        assertThat(result.lines("[ERROR] CodePipeline: The IAM Identity Center (SSO) sign-in of AWS profile 'dev'"
                + " has expired or is missing: run aws sso login --profile dev (or --sso-session corp), then build again."))
                .as(result.toString()).hasSize(1);
        assertThat(aws.getAllServeEvents()).isEmpty();
        assertNoSecretIn(result, new String[0], SSO_ACCESS_TOKEN);
    }

    @Test
    void failingCredentialProcessIsNamed() throws IOException {
        MavenBuild build = keylessBuild("credentialsProcessFailing");
        Path config = write(build.directory().resolve("aws-config"), "[default]\ncredential_process = false\n");

        MavenBuild.Result result = build.env("AWS_CONFIG_FILE", config.toString()).run();

        assertNotReported(result);
        assertThat(result.lines("[ERROR] CodePipeline: The credential_process of AWS profile 'default' failed: "))
                .as(result.toString()).hasSize(1);
    }

    @Test
    void refusedContainerCredentialsAreNamed() {
        aws.stubFor(get(urlEqualTo("/v2/credentials/pipeline")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"invalid token\"}")));

        MavenBuild.Result result = keylessBuild("credentialsContainerRefused")
                .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", awsUrl() + "/v2/credentials/pipeline")
                .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_TOKEN)
                .run();

        assertNotReported(result);
        assertThat(result.lines("[ERROR] CodePipeline: Could not get container credentials from"
                + " AWS_CONTAINER_CREDENTIALS_FULL_URI " + awsUrl() + "/v2/credentials/pipeline: ")).as(result.toString())
                .hasSize(1);
        assertNoSecretIn(result, new String[0], CONTAINER_TOKEN);
    }

    /** Profile {@code ci} assumes {@link #ROLE_ARN} with the keys of profile {@code base}, all through the local STS. */
    private void assumeRoleProfile(MavenBuild build) throws IOException {
        Path config = write(build.directory().resolve("aws-config"), "[profile ci]\nrole_arn = " + ROLE_ARN
                + "\nsource_profile = base\nrole_session_name = pipeline-report\n\n[profile base]\nregion = eu-west-1\n");
        Path credentials = write(build.directory().resolve("aws-credentials"), "[base]\naws_access_key_id = "
                + SOURCE_ACCESS_KEY + "\naws_secret_access_key = " + SOURCE_SECRET + "\n");
        build.env("AWS_CONFIG_FILE", config.toString()).env("AWS_SHARED_CREDENTIALS_FILE", credentials.toString())
                .env("AWS_ENDPOINT_URL_STS", awsUrl());
    }

    /**
     * Profile {@code dev} signs in through the {@code sso_session} {@code corp}, as {@code aws configure sso} writes it,
     * with the token {@code aws sso login} cached under {@code $HOME/.aws/sso/cache} (a home of the test's own).
     */
    private void ssoProfile(MavenBuild build, Instant expiresAt) throws IOException {
        Path home = build.directory().resolve("home");
        Path config = write(build.directory().resolve("aws-config"), "[profile dev]\nsso_session = corp\n"
                + "sso_account_id = 123456789012\nsso_role_name = PipelineReporter\nregion = us-east-1\n\n"
                + "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_registration_scopes = sso:account:access\n");
        write(home.resolve(".aws/sso/cache/" + sha1("corp") + ".json"), "{\"startUrl\":\"https://corp.awsapps.com/start\","
                + "\"region\":\"us-east-1\",\"accessToken\":\"" + SSO_ACCESS_TOKEN + "\",\"expiresAt\":\""
                + expiresAt.truncatedTo(ChronoUnit.SECONDS) + "\"}");
        build.env("HOME", home.toString()).env("AWS_CONFIG_FILE", config.toString()).env("AWS_ENDPOINT_URL_SSO", awsUrl())
                .env("AWS_ENDPOINT_URL_SSO_OIDC", awsUrl());
    }

    private static ResponseDefinitionBuilder stsCredentials(String operation, String[] keys) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<" + operation + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + operation
                        + "Result><Credentials><AccessKeyId>" + keys[0] + "</AccessKeyId><SecretAccessKey>" + keys[1]
                        + "</SecretAccessKey><SessionToken>" + keys[2] + "</SessionToken><Expiration>"
                        + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "</Expiration></Credentials>"
                        + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/pipeline-reporter/s</Arn>"
                        + "<AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser></" + operation + "Result>"
                        + "<ResponseMetadata><RequestId>sts-request-0</RequestId></ResponseMetadata></" + operation + "Response>");
    }

    /** An error in STS's query protocol. */
    private static ResponseDefinitionBuilder stsError(String code, String message, String requestId) {
        return aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withHeader("x-amzn-RequestId", requestId)
                .withBody("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                        + "<Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId
                        + "</RequestId></ErrorResponse>");
    }

    private LoggedRequest onlyAwsRequest() {
        assertThat(aws.getAllServeEvents()).as("calls to the local AWS services").hasSize(1);
        return aws.getAllServeEvents().get(0).getRequest();
    }

    /**
     * The report was made, signed with {@code keys}: SigV4's Credential=ID/… and the session token header; and the
     * plugin's DEBUG line named {@code source}, the source those keys came from.
     */
    private void assertReportedWith(MavenBuild.Result result, String[] keys, String source) {
        assertThat(result.lines("[DEBUG] CodePipeline: signing with ")).as(result.toString())
                .containsExactly("[DEBUG] CodePipeline: signing with " + source + ".");
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[INFO] CodePipeline: reported the failure of job " + JOB_ID)).as(result.toString()).hasSize(1);
        LoggedRequest report = endpoint.requests(FAILURE).get(0);
        assertThat(report.getHeader("Authorization")).contains("Credential=" + keys[0] + "/");
        assertThat(report.getHeader("X-Amz-Security-Token")).isEqualTo(keys[2]);
    }

    private static String webIdentitySource(Path tokenFile) {
        return "web identity: the role " + ROLE_ARN + " (AWS_ROLE_ARN) assumed with the token in " + tokenFile
                + " (AWS_WEB_IDENTITY_TOKEN_FILE)";
    }

    private void assertNotReported(MavenBuild.Result result) {
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(endpoint.requests()).isEmpty();
        assertThat(result.log).doesNotContain("No AWS credentials found");
        assertThat(result.lines("CodePipeline: ")).as(result.toString()).isNotEmpty();
    }

    /** None of the keys, nor the tokens that obtained them, anywhere in the log (but maven-resources-plugin's env dump). */
    private static void assertNoSecretIn(MavenBuild.Result result, String[] keys, String... tokens) {
        List<String> secrets = new ArrayList<>(List.of(keys));
        secrets.addAll(List.of(tokens));
        assertThat(result.log).as("the build ran at debug level").contains("[DEBUG] ");
        assertThat(SecretsIT.withoutOtherDumps(result.log)).doesNotContain(secrets).doesNotContain("AWS4 Canonical Request");
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha1(String text) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8))) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
