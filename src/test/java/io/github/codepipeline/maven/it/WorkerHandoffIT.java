package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.WorkerSupport.TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What crosses between a build and the job worker, end to end with a real worker and real builds: a build holds none of
 * the worker's credentials, its client token or command line; the plugin in a build hands its result over in the result
 * file and reads the job file, and the worker checks the record and makes the one call that reaches the stand-in.
 */
class WorkerHandoffIT {
    static final String CUSTOM = "Build/Custom/MavenBuild/1";
    static final String CLIENT_ID = "6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e";
    static final String TOKEN = "handoff-client-token-DoNotLog-4c1d";

    @RegisterExtension
    static final WorkerSupport.S3 s3 = new WorkerSupport.S3();
    @RegisterExtension
    final WorkerSupport support = new WorkerSupport(s3);
    private final JobQueue queue = support.queue;
    private final CodePipelineEndpoint endpoint = support.endpoint;

    /** A job of {@code type} with the sources of {@code it/<project>} (or none), an output artifact if asked. */
    private JobQueue.QueuedJob job(String type, String project, String test, boolean output, String configuration)
            throws IOException {
        boolean custom = type.equals(CUSTOM);
        return support.job(type, custom ? null : CLIENT_ID, custom ? null : TOKEN, "{" + configuration + "}", project, test,
                null, output);
    }

    /** The worker for one job, with this class's client token or {@code tokenLines} for its token file. */
    private MavenBuild workerWithTokens(String test, String tokenLines, String... args) throws IOException {
        return support.workerWithTokens(test, tokenLines, "-Dcodepipeline.maxJobsTotal=1").args(args);
    }

    private MavenBuild worker(String test, String... args) throws IOException {
        return workerWithTokens(test, CLIENT_ID + "=" + TOKEN + "\n", args);
    }

    /** A build command: {@code script} run by sh from a file beside the worker. */
    private static String script(MavenBuild worker, String script) throws IOException {
        Path file = worker.directory().resolve("build.sh");
        Files.write(file, script.getBytes(StandardCharsets.UTF_8));
        return "-Dcodepipeline.command=sh " + file;
    }

    /** Every Put*Result body that reached the stand-in, with its operation. */
    private List<String> resultCalls() {
        return Stream.of("PutThirdPartyJobSuccessResult", "PutThirdPartyJobFailureResult", "PutJobSuccessResult",
                "PutJobFailureResult").flatMap(op -> endpoint.bodies(op).stream().map(b -> op + " " + b))
                .collect(Collectors.toList());
    }

    private static final String MVN = Paths.get(System.getProperty("maven.home"), "bin", "mvn").toString();

    @Test
    void aHostileBuildThatDumpsItsEnvironmentFindsNoKeyNoTokenAndNoCommandLine() throws IOException {
        JobQueue.QueuedJob job = job(TYPE, null, "handoff-env", false, "\"ProjectName\":\"shop\"");
        MavenBuild worker = worker("handoff-env");
        Path dump = worker.directory().resolve("env.txt");
        // (No AWS_SESSION_TOKEN here: the worker would sign with it, and the stand-in refuses keys it does not know.)
        MavenBuild.Result result = worker.env("AWS_ROLE_SESSION_NAME", "worker-role-session").env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "worker-ecs-token")
                .args(script(worker, "env > " + dump + "\nstat -c 'jobfile=%a' \"$CODEPIPELINE_JOB_FILE\" >> " + dump + "\n"))
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        String env = new String(Files.readAllBytes(dump), StandardCharsets.UTF_8);
        assertThat(env).doesNotContain(MavenBuild.ACCESS_KEY, MavenBuild.SECRET_KEY, TOKEN, "worker-role-session", "worker-ecs-token", "MAVEN_CMD_LINE_ARGS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "CODEPIPELINE_CLIENT_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "codepipeline.clientTokens");
        assertThat(env).contains("CODEPIPELINE_JOB_ID=" + job.id + "\n", "AWS_EC2_METADATA_DISABLED=true\n",
                "AWS_REGION=us-east-1\n", "CODEPIPELINE_JOB_FILE=", "CODEPIPELINE_RESULT_FILE=", "jobfile=600\n");
        assertThat(resultCalls()).singleElement().asString().startsWith("PutThirdPartyJobSuccessResult ")
                .contains("clientToken=" + TOKEN);
    }

    @Test
    void withTheOptInTheBuildGetsTheWorkersAwsKeysButStillNoTokenNorCommandLine() throws IOException {
        job(TYPE, null, "handoff-env-pass", false, "\"ProjectName\":\"shop\"");
        MavenBuild worker = worker("handoff-env-pass", "-Dcodepipeline.passAwsCredentials=true");
        Path dump = worker.directory().resolve("env.txt");
        MavenBuild.Result result = worker.args(script(worker, "env > " + dump + "\n")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        String env = new String(Files.readAllBytes(dump), StandardCharsets.UTF_8);
        assertThat(env).contains("AWS_ACCESS_KEY_ID=" + MavenBuild.ACCESS_KEY + "\n",
                "AWS_SECRET_ACCESS_KEY=" + MavenBuild.SECRET_KEY + "\n");
        assertThat(env).doesNotContain(TOKEN, "MAVEN_CMD_LINE_ARGS", "CODEPIPELINE_CLIENT_TOKEN");
        assertThat(resultCalls()).hasSize(1);
    }

    @Test
    void aRecordForAnotherJobIsIgnoredWithOneWarningAndTheWorkerReportsThisJobOnce() throws IOException {
        String other = "0badc0de-0000-4000-8000-000000000001";
        JobQueue.QueuedJob job = job(TYPE, null, "handoff-other", false, "");
        MavenBuild worker = worker("handoff-other");
        MavenBuild.Result result = worker.args(script(worker, "printf 'codepipeline-result 2\\nsuccess\\t%s\\tnested\\t\\t\\t\\n' "
                + other + " >> \"$CODEPIPELINE_RESULT_FILE\"\nexit 1\n")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[WARNING] CodePipeline: [job " + job.id.substring(0, 8) + "] the build's result file holds a"
                + " success of another job (" + other)).hasSize(1);
        assertThat(queue.results(job)).singleElement().asString().startsWith("failure: The build (sh ")
                .contains("did not report a result: it ended with exit status 1.");
        assertThat(resultCalls()).singleElement().asString().contains("jobId=" + job.id).doesNotContain(other);
    }

    @Test
    void successThenFailureKeepsTheFirstResultWithOneWarning() throws IOException {
        JobQueue.QueuedJob job = job(TYPE, null, "handoff-twice", false, "");
        MavenBuild worker = worker("handoff-twice");
        MavenBuild.Result result = worker.args(script(worker, "f=\"$CODEPIPELINE_RESULT_FILE\"\n"
                + "printf 'codepipeline-result 2\\nsuccess\\t%s\\tDeployed\\\\tto staging\\trun-9\\t100\\t\\n' \"$CODEPIPELINE_JOB_ID\" >> \"$f\"\n"
                + "printf 'failure\\t%s\\tJobFailed\\tsecond thoughts\\t\\n' \"$CODEPIPELINE_JOB_ID\" >> \"$f\"\n")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("the build's result file holds a second result (failure) after the build's success")).hasSize(1);
        assertThat(queue.results(job)).containsExactly("success");
        Map<String, Object> body = endpoint.bodies("PutThirdPartyJobSuccessResult").get(0);
        assertThat(body).containsEntry("jobId", job.id).containsEntry("clientToken", TOKEN).containsEntry("executionDetails",
                Map.of("summary", "Deployed\tto staging", "externalExecutionId", "run-9", "percentComplete", 100));
        assertThat(resultCalls()).hasSize(1);
        assertThat(result.lines("job ended: ")).singleElement().asString()
                .contains("result: succeeded, handed over by the build (exit status 0), reported by the worker");
    }

    @Test
    void aRealBuildFailingATestHandsItsFailureOverWithoutLoadingTheSdkAndTheWorkerMakesTheOneCall() throws IOException {
        JobQueue.QueuedJob job = job(TYPE, "test-failure", "handoff-test-failure", false, "");
        MavenBuild worker = worker("handoff-test-failure");
        MavenBuild.Result result = worker.args(script(worker, "MAVEN_OPTS=\"$MAVEN_OPTS -verbose:class\" exec " + MVN
                + " -B -ntp verify\n")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        String prefix = "[job " + job.id.substring(0, 8) + "] ";
        assertThat(result.lines(prefix + "[INFO] CodePipeline: handed the failure of job " + job.id + " (JobFailed, ")).hasSize(1);
        List<String> loaded = result.lines("[class,load] ").stream().filter(l -> l.startsWith("[INFO] " + prefix)).collect(Collectors.toList());
        assertThat(loaded).as("the check sees the build's classes")
                .anyMatch(l -> l.contains("[class,load] io.github.codepipeline.maven.report.ResultRecord "));
        assertThat(loaded).as("SDK classes the build loaded").noneMatch(l -> l.contains("[class,load] " + LazyLoadingIT.SDK)
                || l.contains("[class,load] " + LazyLoadingIT.UNRELOCATED_SDK));
        assertThat(endpoint.bodies("PutThirdPartyJobFailureResult")).singleElement().satisfies(body -> {
            assertThat(body).containsEntry("jobId", job.id).containsEntry("clientToken", TOKEN);
            assertThat(body.get("failureDetails").toString()).contains("type=JobFailed").contains("addsNegativeNumbers");
        });
        assertThat(resultCalls()).hasSize(1);
        assertThat(endpoint.refusals()).isEmpty();
        assertThat(result.lines("job ended: ")).singleElement().asString()
                .contains("result: failed, handed over by the build (exit status 1), reported by the worker");
    }

    @Test
    void aRealBuildUploadsItsOutputWithTheJobFileAndHandsItsSuccessOver() throws IOException {
        JobQueue.QueuedJob job = job(TYPE, "artifacts-app", "handoff-upload", true, "");
        MavenBuild worker = worker("handoff-upload", "-Dcodepipeline.command=" + MVN + " -B -ntp verify"
                + " -Dcodepipeline.reportSuccess=true -Dcodepipeline.summary=Built-by-the-app");
        MavenBuild.Result result = worker.run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(s3.keys()).anyMatch(k -> k.endsWith("-out"));
        // The worker's two (the nonce, then the input's download); upload-output in the build read the job file, no call.
        assertThat(endpoint.bodies("GetThirdPartyJobDetails")).hasSize(2);
        assertThat(result.lines("] [INFO] CodePipeline: uploaded the output artifact BuildOutput to s3://")).hasSize(1);
        assertThat(endpoint.bodies("PutThirdPartyJobSuccessResult")).singleElement().satisfies(body -> assertThat(body)
                .containsEntry("jobId", job.id).containsEntry("clientToken", TOKEN)
                .containsEntry("executionDetails", Map.of("summary", "Built-by-the-app")));
        assertThat(resultCalls()).hasSize(1);
        assertThat(result.log).contains("uploaded the output artifact BuildOutput")
                .contains("handed the success of job " + job.id + " to the job worker, which reports it.");
        assertThat(result.log).doesNotContain(S3Server.SECRET_KEY).doesNotContain(TOKEN);
    }

    @Test
    void aCustomBuildsOutputVariablesAreHandedOverAndSentWithTheSuccess() throws IOException {
        JobQueue.QueuedJob job = job(CUSTOM, null, "handoff-variables", false, "");
        MavenBuild worker = worker("handoff-variables", "-Dcodepipeline.actionType=" + CUSTOM);
        MavenBuild.Result result = worker.args(script(worker, "printf 'codepipeline-result 2\\nvariable\\tIMAGE_TAG\\t1.4.0\\n"
                + "variable\\tNOTE\\ta,b=c\\nsuccess\\t%s\\tBuilt it\\t\\t\\t\\n' \"$CODEPIPELINE_JOB_ID\""
                + " >> \"$CODEPIPELINE_RESULT_FILE\"\n")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.bodies("PutJobSuccessResult")).singleElement().satisfies(body -> assertThat(body)
                .containsEntry("jobId", job.id).doesNotContainKey("clientToken")
                .containsEntry("outputVariables", Map.of("IMAGE_TAG", "1.4.0", "NOTE", "a,b=c"))
                .containsEntry("executionDetails", Map.of("summary", "Built it")));
        assertThat(resultCalls()).hasSize(1);
        assertThat(endpoint.refusals()).isEmpty();
    }

    @Test
    void collidingConfigurationNamesWarnOnceAndThePlainNameWins() throws IOException {
        job(TYPE, null, "handoff-collide", false, "\"a-b\":\"from-dash\",\"a_b\":\"from-underscore\",\"A=B\":\"from-equals\"");
        MavenBuild worker = worker("handoff-collide");
        Path dump = worker.directory().resolve("config.txt");
        MavenBuild.Result result = worker.args(script(worker, "echo \"ab=$CODEPIPELINE_CONFIG_A_B\" > " + dump + "\n")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(new String(Files.readAllBytes(dump), StandardCharsets.UTF_8)).isEqualTo("ab=from-underscore\n");
        assertThat(result.lines("[WARNING] CodePipeline: ")).filteredOn(l -> l.contains("all map to")).singleElement().asString()
                .contains("the action's configuration names 'A=B', 'a-b', 'a_b' all map to CODEPIPELINE_CONFIG_A_B: the build"
                        + " gets the value of 'a_b'");
        assertThat(resultCalls()).hasSize(1);
    }

    @Test
    void aClientIdTwiceInTheTokenFileIsRefusedWithOneLine() throws IOException {
        job(TYPE, null, "handoff-duplicate", false, "");
        MavenBuild.Result result = workerWithTokens("handoff-duplicate", CLIENT_ID + "=" + TOKEN + "\n" + CLIENT_ID + "=other-token\n").run();

        assertThat(result.exitCode).as(result.toString()).isNotZero();
        assertThat(result.lines("has the client ID " + CLIENT_ID + " twice, on lines 1 and 2; keep one clientId=token line per"
                + " client ID.")).isNotEmpty();
        assertThat(result.log).doesNotContain(TOKEN).doesNotContain("other-token");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void onlyTheValuesListActionTypesDeclaresSecretAreMasked() throws IOException {
        JobQueue.QueuedJob job = job(TYPE, null, "handoff-secret", false,
                "\"ProjectName\":\"shop-visible-name\",\"ApiKey\":\"api-key-DoNotShow-91\"");
        queue.declare(TYPE, Map.of("ProjectName", false, "ApiKey", true));
        MavenBuild worker = worker("handoff-secret");
        MavenBuild.Result result = worker.args(script(worker, "echo \"name=$CODEPIPELINE_CONFIG_PROJECTNAME"
                + " key=$CODEPIPELINE_CONFIG_APIKEY\"\nexit 2\n")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.bodies("ListActionTypes")).singleElement()
                .satisfies(body -> assertThat(body).containsEntry("actionOwnerFilter", "ThirdParty"));
        assertThat(result.log).contains("] name=shop-visible-name key=****").doesNotContain("api-key-DoNotShow-91");
        assertThat(queue.results(job)).singleElement().asString().contains("name=shop-visible-name key=****")
                .doesNotContain("api-key-DoNotShow-91");
        assertThat(result.lines("[WARNING]")).isEmpty();
    }

    @Test
    void whenListActionTypesIsRefusedEveryValueIsMaskedWithOneWarning() throws IOException {
        JobQueue.QueuedJob job = job(TYPE, null, "handoff-secret-refused", false,
                "\"ProjectName\":\"shop-visible-name\",\"ApiKey\":\"api-key-DoNotShow-91\"");
        queue.refuseListActionTypes();
        MavenBuild worker = worker("handoff-secret-refused");
        MavenBuild.Result result = worker.args(script(worker, "echo \"name=$CODEPIPELINE_CONFIG_PROJECTNAME"
                + " key=$CODEPIPELINE_CONFIG_APIKEY\"\nexit 2\n")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[WARNING]")).singleElement().asString().contains("could not learn which configuration"
                + " properties of " + TYPE + " are secret (AWS denied ListActionTypes (AccessDeniedException")
                .contains("every configuration value is masked");
        assertThat(result.log).contains("] name=**** key=****").doesNotContain("shop-visible-name");
        assertThat(queue.results(job)).singleElement().asString().contains("name=**** key=****");
    }
}
