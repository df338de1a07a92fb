package io.github.codepipeline.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record a build run by the job worker leaves: one line per event, each appended, none lost. */
class ResultRecordTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    /**
     * Break guarded: {@code CREATE, APPEND, WRITE} turned into {@code CREATE, WRITE}. Each line then overwrote the
     * file's start: after two outputs and the success the worker read back a garbled first line and would report a
     * missing output for a build that uploaded two.
     */
    @Test
    void everyEventIsAppendedInTheOrderItHappened() throws Exception {
        Path file = dir.resolve("result");

        ResultRecord.write(file, ResultRecord.OUTPUT, "BuildOutput", log);
        ResultRecord.write(file, ResultRecord.OUTPUT, "Docs", log);
        ResultRecord.write(file, ResultRecord.SUCCESS, "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b", log);

        assertThat(ResultRecord.read(file)).containsExactly("output BuildOutput", "output Docs",
                "success 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                .isEqualTo("output BuildOutput\noutput Docs\nsuccess 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b\n");
        assertThat(log.lines).isEmpty();
    }

    @Test
    void aLineBreakInAValueCannotWriteALineOfItsOwn() throws Exception {
        Path file = dir.resolve("result");

        ResultRecord.write(file, ResultRecord.OUTPUT, "Docs\nsuccess job-1\r", log);

        assertThat(ResultRecord.read(file)).containsExactly("output Docs success job-1");
    }

    @Test
    void whatAnEarlierWriterLeftIsKept() throws Exception {
        Path file = dir.resolve("result");
        Files.write(file, "exists job-1\n".getBytes(StandardCharsets.UTF_8));

        ResultRecord.write(file, ResultRecord.FAILURE, "job-1", log);

        assertThat(ResultRecord.read(file)).containsExactly("exists job-1", "failure job-1");
    }

    @Test
    void noFileNoRecordAndAnUnwritableOneIsOneWarning() throws Exception {
        ResultRecord.write(null, ResultRecord.SUCCESS, "job-1", log);
        assertThat(ResultRecord.read(null)).isEmpty();
        assertThat(ResultRecord.read(dir.resolve("missing"))).isEmpty();

        ResultRecord.write(dir, ResultRecord.SUCCESS, "job-1", log);

        assertThat(log.lines).singleElement().asString().startsWith("WARN CodePipeline: could not record the result for"
                + " the job worker in " + dir + " (");
    }

    /** A record past 64 KiB is not one a build of ours wrote: not read at all. */
    @Test
    void aRecordOf64KiBIsReadAndALargerOneIsNot() throws Exception {
        Path file = dir.resolve("result");
        String line = "output Docs\n";
        StringBuilder record = new StringBuilder();
        while (record.length() + line.length() <= 64 * 1024) {
            record.append(line);
        }
        record.append("x".repeat(64 * 1024 - record.length() - 1)).append('\n');
        Files.write(file, record.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(Files.size(file)).isEqualTo(64 * 1024);
        assertThat(ResultRecord.read(file)).first().isEqualTo("output Docs");

        Files.write(file, "y\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        assertThat(ResultRecord.read(file)).isEmpty();
    }
}
