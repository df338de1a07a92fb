package io.github.codepipeline.maven.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.endpoints.SsoEndpointProvider;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;
import software.amazon.awssdk.services.sts.model.StsException;

/** The line for a credential source that is configured but fails (CredentialSourcesIT runs each source for real). */
class CredentialSourcesTest {
    /** What SDK 2.40.2's default chain says when every provider failed (web identity with a token STS refused). */
    static final String CHAIN = "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
            + "credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(),"
            + " WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(profileName=default, profileFile=ProfileFile("
            + "sections=[])), ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()]) : ["
            + "SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. Access key must be"
            + " specified either via environment variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId).,"
            + " EnvironmentVariableCredentialsProvider(): Unable to load credentials from system settings.,"
            + " WebIdentityTokenCredentialsProvider(): Not authorized (Service: Sts, Status Code: 403, Request ID: r-1),"
            + " ProfileCredentialsProvider(profileName=dev, profileFile=ProfileFile(sections=[profiles], profiles=[Profile("
            + "name=dev, properties=[sso_session])])): Unable to load SSO token,"
            + " ContainerCredentialsProvider(): Failed to load credentials from metadata service.,"
            + " InstanceProfileCredentialsProvider(): IMDS credentials have been disabled by environment variable or system"
            + " property.]";

    @TempDir
    Path folder;

    @AfterEach
    void restore() {
        System.clearProperty("aws.configFile");
    }

    @Test
    void quotesOneProvidersReasonFromTheChainsMessage() {
        assertThat(CredentialSources.segment(CHAIN, "WebIdentityTokenCredentialsProvider("))
                .isEqualTo("Not authorized (Service: Sts, Status Code: 403, Request ID: r-1)");
        assertThat(CredentialSources.segment(CHAIN, "ProfileCredentialsProvider(")).isEqualTo("Unable to load SSO token");
        assertThat(CredentialSources.segment(CHAIN, "ContainerCredentialsProvider("))
                .isEqualTo("Failed to load credentials from metadata service.");
        assertThat(CredentialSources.segment(CHAIN, "InstanceProfileCredentialsProvider("))
                .isEqualTo("IMDS credentials have been disabled by environment variable or system property.");
    }

    @Test
    void aRoleStsRefusesNamesTheProfileTheRoleAndTheSource() throws IOException {
        config("[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n");
        StsException refused = (StsException) StsException.builder().statusCode(403).requestId("req-9")
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Sts").errorCode("AccessDenied")
                        .errorMessage("not authorized with key AKIDSECRETLOOKING").build())
                .build();

        assertThat(CredentialSources.describeFailure(refused, "ci", Secrets.of("AKIDSECRETLOOKING")))
                .isEqualTo("STS refused to let AWS profile 'ci' assume the role arn:aws:iam::123456789012:role/r: not"
                        + " authorized with key **** (Service: Sts, AccessDenied, request ID req-9) Check that the role's"
                        + " trust policy lets the credentials of source_profile 'base' assume it (sts:AssumeRole), and that"
                        + " those credentials are valid.");
    }

    @Test
    void anSsoProfileWithoutAValidSignInSaysHowToSignIn() throws IOException {
        config("[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n\n[sso-session corp]\n"
                + "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");

        assertThat(CredentialSources.describeFailure(SdkClientException.create("Unable to load SSO token"), "dev",
                Secrets.none())).isEqualTo("The IAM Identity Center (SSO) sign-in of AWS profile 'dev' has expired or is"
                        + " missing (Unable to load SSO token): run aws sso login --profile dev (or --sso-session corp), then"
                        + " build again.");
    }

    @Test
    void anExpiredSsoTokenIsNotExplainedWithTheSdksRefreshAttempt() throws IOException {
        config("[profile dev]\nsso_session = corp\n\n[sso-session corp]\nsso_region = us-east-1\n");

        assertThat(CredentialSources.describeFailure(new NullPointerException("clientId is null"), "dev", Secrets.none()))
                .isEqualTo("The IAM Identity Center (SSO) sign-in of AWS profile 'dev' has expired or is missing: run aws"
                        + " sso login --profile dev (or --sso-session corp), then build again.");
    }

    @Test
    void aFailureThatIsNotAboutASourceIsLeftToTheCaller() {
        assertThat(CredentialSources.describeFailure(SdkClientException.create("Unable to load region"), null, Secrets.none()))
                .isNull();
    }

    /** The SDK's own STS and SSO clients use their regional endpoints (with this plugin's one-service metadata too). */
    @Test
    void stsAndSsoAreReachedAtTheirRegionalEndpoints() {
        assertThat(StsEndpointProvider.defaultProvider().resolveEndpoint(p -> p.region(Region.EU_WEST_1)).join().url())
                .hasToString("https://sts.eu-west-1.amazonaws.com");
        assertThat(SsoEndpointProvider.defaultProvider().resolveEndpoint(p -> p.region(Region.EU_WEST_1)).join().url())
                .hasToString("https://portal.sso.eu-west-1.amazonaws.com");
    }

    private void config(String content) throws IOException {
        Path config = Files.write(folder.resolve("config"), content.getBytes(StandardCharsets.UTF_8));
        System.setProperty("aws.configFile", config.toString());
    }

    private static software.amazon.awssdk.auth.credentials.AwsCredentials basic(String providerName) {
        return software.amazon.awssdk.auth.credentials.AwsBasicCredentials.builder().accessKeyId("AKIDSOURCE")
                .secretAccessKey("secret-source").providerName(providerName).build();
    }

    /** The DEBUG line's source: names only, never the keys (CredentialSourcesIT checks each source for real). */
    @Test
    void theSourceThatSignedIsNamedWithoutItsSecrets() {
        software.amazon.awssdk.auth.credentials.AwsCredentials basic = basic("g");
        software.amazon.awssdk.auth.credentials.AwsCredentials session = software.amazon.awssdk.auth.credentials
                .AwsSessionCredentials.builder().accessKeyId("ASIASOURCE").secretAccessKey("secret-source")
                .sessionToken("token-source").providerName("f").build();

        assertThat(CredentialSources.describeSource(session, null, true))
                .isEqualTo("the build's environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN");
        assertThat(CredentialSources.describeSource(basic, null, false))
                .isEqualTo("the environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY");
        assertThat(CredentialSources.describeSource(session, null, false))
                .isEqualTo("the Java system properties aws.accessKeyId, aws.secretAccessKey and aws.sessionToken");
        assertThat(CredentialSources.describeSource(basic("0"), null, false))
                .isEqualTo("the EC2 instance's role (instance metadata)");
        assertThat(CredentialSources.describeSource(basic(null), null, false))
                .isEqualTo("the AWS SDK's default credential chain");
        assertThat(CredentialSources.describeSource(basic, "missing-profile-xyz", false)).isEqualTo("the AWS profile 'missing-profile-xyz'");
    }
}
