package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.report.RecordingLog;
import io.github.codepipeline.maven.report.ResultRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultHandoffTest {
    private static final String JOB = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    private static final String OTHER = "11111111-2222-4333-8444-555555555555";

    @TempDir
    Path directory;
    private final RecordingLog log = new RecordingLog();

    private ResultHandoff.Result read(String... lines) throws IOException {
        Path file = directory.resolve("result");
        ResultRecord.append(file, lines);
        return ResultHandoff.read(file, JOB, log, "[job 0f1e2d3c] ");
    }

    @Test
    void noFileIsNothingRecorded() {
        ResultHandoff.Result result = ResultHandoff.read(directory.resolve("none"), JOB, log, "");
        assertThat(result.kind).isEqualTo(ResultHandoff.Kind.NOTHING);
        assertThat(result.outputs).isEmpty();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void aSuccessWithItsVariablesIsTheResultAndTheOutputsAreKept() throws IOException {
        ResultHandoff.Result result = read(ResultRecord.line("output", "BuildOutput"),
                ResultRecord.line("variable", "IMAGE_TAG", "1.4.0"), ResultRecord.line("variable", "COMMA", "a,b=c"),
                ResultRecord.line("success", JOB, "Built", "run-7", "50", null));
        assertThat(result.kind).isEqualTo(ResultHandoff.Kind.SUCCESS);
        assertThat(result.outputs).containsExactly("BuildOutput");
        assertThat(result.properties()).containsEntry("codepipeline.summary", "Built")
                .containsEntry("codepipeline.externalExecutionId", "run-7").containsEntry("codepipeline.percentComplete", "50")
                .containsEntry("codepipeline.outputVariables", "IMAGE_TAG=1.4.0,COMMA=a\\,b\\=c")
                .doesNotContainKey("codepipeline.continuationToken");
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void aSuccessWithoutVariablesSendsNoneNotTheWorkersDefaults() throws IOException {
        assertThat(read(ResultRecord.line("success", JOB, null, null, null, "step-2")).properties())
                .containsEntry("codepipeline.outputVariables", "none").containsEntry("codepipeline.continuationToken", "step-2");
    }

    @Test
    void aRecordOfAnotherJobIsIgnoredWithOneWarningAndItsVariablesWithIt() throws IOException {
        ResultHandoff.Result result = read(ResultRecord.line("variable", "NESTED", "x"),
                ResultRecord.line("success", OTHER, "nested", null, null, null));
        assertThat(result.kind).isEqualTo(ResultHandoff.Kind.NOTHING);
        assertThat(result.variables).isEmpty();
        assertThat(log.warnings()).singleElement().asString().contains("a success of another job (" + OTHER)
                .contains("not of this job " + JOB);
    }

    @Test
    void successThenFailureKeepsTheSuccessWithOneWarning() throws IOException {
        ResultHandoff.Result result = read(ResultRecord.line("success", JOB, "first", null, null, null),
                ResultRecord.line("failure", JOB, "JobFailed", "second", null));
        assertThat(result.kind).isEqualTo(ResultHandoff.Kind.SUCCESS);
        assertThat(result.summary).isEqualTo("first");
        assertThat(log.warnings()).singleElement().asString().contains("a second result (failure) after the build's success");
    }

    @Test
    void aFailureKeepsItsTypeAndAnUnknownTypeIsAProblem() throws IOException {
        ResultHandoff.Result result = read(ResultRecord.line("failure", JOB, "ConfigurationError", "bad\nconfig", "run-1"));
        assertThat(result.kind).isEqualTo(ResultHandoff.Kind.FAILURE);
        assertThat(result.failureType).isEqualTo(FailureType.ConfigurationError);
        assertThat(result.message).isEqualTo("bad\nconfig");
        assertThat(result.problem).isNull();
        assertThat(result.properties()).containsEntry("codepipeline.failureType", "ConfigurationError");

        Files.delete(directory.resolve("result"));
        ResultHandoff.Result unknown = read(ResultRecord.line("failure", JOB, "Nope\n", "m", null));
        assertThat(unknown.failureType).isEqualTo(FailureType.JobFailed);
        assertThat(unknown.problem).contains("'Nope\\u000a'");
    }

    @Test
    void anExecutionIdPastTheLimitIsLeftOutAndJunkLinesAreBoundedWarnings() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(ResultRecord.line("junk\u001b[31m" + i));
        }
        lines.add(ResultRecord.line("failure", JOB, null, null, new String(new char[1501]).replace('\0', 'x')));
        ResultHandoff.Result result = read(lines.toArray(new String[0]));
        assertThat(result.kind).isEqualTo(ResultHandoff.Kind.FAILURE);
        assertThat(result.externalExecutionId).isNull();
        assertThat(log.warnings()).hasSize(12).noneMatch(w -> w.contains("\u001b"));
        assertThat(log.warnings()).anyMatch(w -> w.contains("40 more lines")).anyMatch(w -> w.contains("1501 characters"));
    }

    @Test
    void aTruncatedResultIsNoResult() throws IOException {
        Path file = directory.resolve("result");
        Files.write(file, ("codepipeline-result 2\nsuccess\t" + JOB).getBytes(StandardCharsets.UTF_8));
        assertThat(ResultHandoff.read(file, JOB, log, "").kind).isEqualTo(ResultHandoff.Kind.NOTHING);
        assertThat(log.warnings()).singleElement().asString().contains("no line end");
    }
}
