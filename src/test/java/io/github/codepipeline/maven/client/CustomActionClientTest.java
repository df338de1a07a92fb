package io.github.codepipeline.maven.client;

import static io.github.codepipeline.maven.client.CodePipelineJobClientTest.JOB_ID;
import static io.github.codepipeline.maven.client.CodePipelineJobClientTest.KEYS;
import static io.github.codepipeline.maven.client.CodePipelineJobClientTest.TOKEN;
import static io.github.codepipeline.maven.client.CodePipelineJobClientTest.settings;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.CUSTOM_FAILURE;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.CUSTOM_JOB_DETAILS;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.CUSTOM_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.it.CodePipelineEndpoint;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A custom action's calls with the real SDK against the strict stand-in: the custom operations, no client token,
 * output variables; and the stand-in refusing what the service refuses of them.
 */
class CustomActionClientTest {
    private CodePipelineEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = new CodePipelineEndpoint().acceptAll();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private ReportSettings custom(String... more) throws Exception {
        String[] properties = new String[more.length + 4];
        properties[0] = "codepipeline.actionOwner";
        properties[1] = "Custom";
        properties[2] = "codepipeline.maxAttempts";
        properties[3] = "1";
        System.arraycopy(more, 0, properties, 4, more.length);
        return settings(endpoint.url(), properties);
    }

    private static SuccessDetails success(ReportSettings settings, String... properties) throws Exception {
        Map<String, String> user = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            user.put(properties[i], properties[i + 1]);
        }
        return SuccessDetails.resolve(new SettingSources(null, user, null, null), "Maven build succeeded",
                settings.actionOwner(), Collections.singletonMap("PROJECT_VERSION", "1.4.0"));
    }

    @Test
    void aFailureIsPutJobFailureResultWithoutTheToken() throws Exception {
        ReportSettings settings = custom();
        assertThat(settings.warnings()).singleElement().asString().contains("ignored");
        try (CodePipelineJobClient client = CodePipelineJobClient.create(settings, Secrets.of(TOKEN), KEYS)) {
            client.putFailure(FailureType.ConfigurationError, "Maven build failed", "run-7");
        }

        assertThat(endpoint.refusals()).isEmpty();
        assertThat(endpoint.requests()).hasSize(1);
        Map<String, Object> body = endpoint.bodies(CUSTOM_FAILURE).get(0);
        assertThat(body).containsOnlyKeys("jobId", "failureDetails").containsEntry("jobId", JOB_ID);
        assertThat(body.get("failureDetails").toString())
                .contains("type=ConfigurationError", "message=Maven build failed", "externalExecutionId=run-7");
        assertThat(endpoint.requests().get(0).getBodyAsString()).doesNotContain(TOKEN);
    }

    @Test
    void aSuccessIsPutJobSuccessResultWithItsOutputVariables() throws Exception {
        ReportSettings settings = custom();
        try (CodePipelineJobClient client = CodePipelineJobClient.create(settings, Secrets.of(TOKEN), KEYS)) {
            client.putSuccess(success(settings, "codepipeline.outputVariables", "IMAGE_TAG=1.4.0,LIST=a\\,b"), "run-7");
        }

        assertThat(endpoint.refusals()).isEmpty();
        Map<String, Object> body = endpoint.bodies(CUSTOM_SUCCESS).get(0);
        assertThat(body).containsOnlyKeys("jobId", "executionDetails", "outputVariables");
        assertThat(body.get("outputVariables")).isEqualTo(Map.of("IMAGE_TAG", "1.4.0", "LIST", "a,b"));
    }

    @Test
    void theDefaultVariablesGoWhenNoneAreSet() throws Exception {
        ReportSettings settings = custom();
        try (CodePipelineJobClient client = CodePipelineJobClient.create(settings, Secrets.of(TOKEN), KEYS)) {
            client.putSuccess(success(settings), null);
        }
        assertThat(endpoint.bodies(CUSTOM_SUCCESS).get(0).get("outputVariables")).isEqualTo(Map.of("PROJECT_VERSION", "1.4.0"));
    }

    @Test
    void jobDetailsComeFromGetJobDetails() throws Exception {
        endpoint.answer(CUSTOM_JOB_DETAILS, CodePipelineEndpoint.ok("{\"jobDetails\":{\"id\":\"" + JOB_ID + "\","
                + "\"accountId\":\"123456789012\",\"data\":{\"actionTypeId\":{\"category\":\"Build\",\"owner\":\"Custom\","
                + "\"provider\":\"MavenBuild\",\"version\":\"1\"},\"pipelineContext\":{\"pipelineName\":\"shop\"},"
                + "\"inputArtifacts\":[{\"name\":\"SourceOutput\",\"revision\":\"abc123\",\"location\":{\"type\":\"S3\","
                + "\"s3Location\":{\"bucketName\":\"b\",\"objectKey\":\"k\"}}}]}}}"));
        JobDetails details;
        try (CodePipelineJobClient client = CodePipelineJobClient.create(custom(), Secrets.of(TOKEN), KEYS)) {
            details = client.jobDetails();
        }
        assertThat(endpoint.bodies(CUSTOM_JOB_DETAILS)).singleElement().isEqualTo(Map.of("jobId", JOB_ID));
        assertThat(details.properties()).containsEntry("codepipeline.job.actionType.owner", "Custom")
                .containsEntry("codepipeline.job.accountId", "123456789012")
                .containsEntry("codepipeline.job.pipelineName", "shop")
                .containsEntry("codepipeline.job.inputArtifact.SourceOutput.revision", "abc123");
        assertThat(details.inputArtifacts()).singleElement().extracting(ArtifactLocation::name).isEqualTo("SourceOutput");
    }

    @Test
    void theServiceSizeLimitIsOneClearLine() throws Exception {
        // Past the plugin's own check: what the service's answer looks like, for variables the stand-in counts as too big.
        endpoint.answer(CUSTOM_SUCCESS, CodePipelineEndpoint.error(400, "OutputVariablesSizeExceededException",
                "Exceeded the total size limit for all variables in the pipeline."));
        ReportSettings settings = custom();
        ReportException e = catchThrowableOfType(ReportException.class, () -> {
            try (CodePipelineJobClient client = CodePipelineJobClient.create(settings, Secrets.of(TOKEN), KEYS)) {
                client.putSuccess(success(settings, "codepipeline.outputVariables", "A=1"), null);
            }
        });
        assertThat(e.getMessage()).isEqualTo("CodePipeline refused the output variables as too large for the pipeline"
                + " (OutputVariablesSizeExceededException, request ID req-OutputVariablesSizeExceededException: Exceeded the"
                + " total size limit for all variables in the pipeline.): send fewer or shorter values with"
                + " -Dcodepipeline.outputVariables.");
    }

    @Test
    void theStandInRefusesWhatTheServiceRefusesOfACustomCall() {
        String job = "\"jobId\":\"" + JOB_ID + "\"";
        assertThat(CodePipelineEndpoint.check(CUSTOM_FAILURE, "{" + job + ",\"failureDetails\":{\"type\":\"JobFailed\","
                + "\"message\":\"m\"}}")).isNull();
        assertThat(CodePipelineEndpoint.check(CUSTOM_FAILURE, "{" + job + ",\"clientToken\":\"t\",\"failureDetails\":"
                + "{\"type\":\"JobFailed\",\"message\":\"m\"}}")).startsWith("SerializationException: Unknown member 'clientToken'");
        assertThat(CodePipelineEndpoint.check(CUSTOM_JOB_DETAILS, "{\"jobId\":\"job-42\"}"))
                .startsWith("ValidationException:").contains("regular expression pattern");
        assertThat(CodePipelineEndpoint.check(CUSTOM_SUCCESS, "{" + job + ",\"outputVariables\":{\"A B\":\"1\"}}"))
                .startsWith("ValidationException:").contains("outputVariables.key");
        assertThat(CodePipelineEndpoint.check(CUSTOM_SUCCESS, "{" + job + ",\"continuationToken\":\"c\","
                + "\"outputVariables\":{\"A\":\"1\"}}")).startsWith("ValidationException: outputVariables can be included only");
        assertThat(CodePipelineEndpoint.check(CUSTOM_SUCCESS, "{" + job + ",\"outputVariables\":{\"A\":\""
                + "x".repeat(CodePipelineEndpoint.MAX_OUTPUT_VARIABLES_BYTES) + "\"}}"))
                .startsWith("OutputVariablesSizeExceededException:");
        assertThat(CodePipelineEndpoint.check(CUSTOM_SUCCESS, "{" + job + ",\"outputVariables\":{\"A\":\""
                + "x".repeat(CodePipelineEndpoint.MAX_OUTPUT_VARIABLES_BYTES - 1) + "\"}}")).isNull();
    }
}
