package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.FailureType;
import org.junit.jupiter.api.Test;

/** What the worker checks of a job before it acknowledges it, and how it prints what a job carries. */
class JobCheckTest {
    private static Job job() {
        Job job = new Job("0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", ActionType.THIRD_PARTY, "client");
        job.configuration.put("ProjectName", "shop");
        job.inputs.add("SourceOutput");
        job.outputs.add("BuildOutput");
        return job;
    }

    @Test
    void anOrdinaryJobCanBeBuilt() {
        assertThat(JobCheck.unbuildable(job())).isNull();
    }

    @Test
    void aNulInAConfigurationValueIsAConfigurationErrorThatNamesThePropertyNotTheValue() {
        Job job = job();
        job.configuration.put("Secret", "top\0secret-value");
        JobCheck.Problem problem = JobCheck.unbuildable(job);

        assertThat(problem.type).isEqualTo(FailureType.ConfigurationError);
        assertThat(problem.message).contains("property Secret holds a NUL character").doesNotContain("secret-value");
    }

    @Test
    void artifactsWithoutAValidNameCannotBeBuilt() {
        Job nameless = job();
        nameless.inputs.add(null);
        assertThat(JobCheck.unbuildable(nameless).message).startsWith("CodePipeline gave this job an input artifact without"
                + " a name");
        Job path = job();
        path.outputs.add("../../etc");
        assertThat(JobCheck.unbuildable(path).message).contains("an output artifact named '../../etc', which is not an"
                + " artifact name");
        assertThat(JobCheck.unbuildable(path).type).isEqualTo(FailureType.JobFailed);
    }

    @Test
    void whatAJobCarriesIsPrintedOnOneLineEscapedAndCut() {
        assertThat(Shown.of("id\n[INFO] BUILD SUCCESS\r\t\0\u202e\\")).isEqualTo("id\\n[INFO] BUILD SUCCESS\\r\\t\\u0000\\u202e\\\\");
        assertThat(Shown.of("\ud83d\ude00 ok \ud83d")).isEqualTo("\ud83d\ude00 ok \\ud83d");
        assertThat(Shown.of("x".repeat(300))).hasSize(Shown.MAX + 1).endsWith("x\u2026");
        assertThat(Shown.of(null)).isEqualTo("?");
        Job job = job();
        job.pipeline = "shop\npipeline";
        assertThat(job.describe()).isEqualTo("pipeline shop\\npipeline, stage ?, action ?, job " + job.id);
    }
}
