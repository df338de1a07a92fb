package io.github.codepipeline.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultRecordTest {
    @TempDir
    Path directory;

    @Test
    void everyFieldSurvivesTheEscapingRoundTrip() throws IOException {
        String hostile = "a\\b\tc\nd\re\\t not a tab\\\\n\u00e9\u4e2d\ud83d\ude00 end\\";
        Path file = directory.resolve("result");
        ResultRecord.append(file, ResultRecord.line(ResultRecord.FAILURE, "job-1", "JobFailed", hostile, null));
        ResultRecord.Contents contents = ResultRecord.read(file);
        assertThat(contents.problems).isEmpty();
        assertThat(contents.entries).hasSize(1);
        assertThat(contents.entries.get(0).field(3)).isEqualTo(hostile);
        assertThat(contents.entries.get(0).field(4)).as("empty: not given").isNull();
        assertThat(contents.entries.get(0).fieldCount()).isEqualTo(4);
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        assertThat(text.split("\n", -1)).as("one header, one record, one LF each").hasSize(3);
    }

    @Test
    void everyRecordKindIsWrittenAfterOneHeader() throws IOException {
        Path file = directory.resolve("result");
        ResultRecord.append(file, ResultRecord.line(ResultRecord.OUTPUT, "BuildOutput"));
        ResultRecord.append(file, ResultRecord.line(ResultRecord.VARIABLE, "IMAGE_TAG", "1.4.0"),
                ResultRecord.line(ResultRecord.SUCCESS, "job-1", "Built", "run-7", "100", null));
        ResultRecord.append(file, ResultRecord.line(ResultRecord.FAILURE, "job-1", "JobFailed", "late", null));
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).isEqualTo("codepipeline-result 2\n"
                + "output\tBuildOutput\n"
                + "variable\tIMAGE_TAG\t1.4.0\n"
                + "success\tjob-1\tBuilt\trun-7\t100\t\n"
                + "failure\tjob-1\tJobFailed\tlate\t\n");
        assertThat(ResultRecord.read(file).entries).extracting(e -> e.kind)
                .containsExactly("output", "variable", "success", "failure");
    }

    @Test
    void parallelWritersWriteOneHeaderAndWholeLines() throws Exception {
        Path file = directory.resolve("result");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = "artifact-" + i;
            all.add(pool.submit(() -> {
                ResultRecord.append(file, ResultRecord.line(ResultRecord.OUTPUT, name));
                return null;
            }));
        }
        for (Future<?> each : all) {
            each.get();
        }
        pool.shutdown();
        ResultRecord.Contents contents = ResultRecord.read(file);
        assertThat(contents.problems).isEmpty();
        assertThat(contents.entries).hasSize(200).allSatisfy(e -> assertThat(e.field(1)).startsWith("artifact-"));
    }

    @Test
    void millionsOfTinyRecordsAreNotAllKept() throws IOException {
        Path file = directory.resolve("result");
        StringBuilder text = new StringBuilder("codepipeline-result 2\n");
        while (text.length() < ResultRecord.MAX_BYTES - 2) {
            text.append("x\n"); // 2 million records: 250 MB of heap when each was kept
        }
        Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        ResultRecord.Contents contents = ResultRecord.read(file);
        assertThat(contents.entries).hasSize(ResultRecord.MAX_ENTRIES);
        assertThat(contents.problems).singleElement().asString()
                .isEqualTo("the result file holds more than 65536 records; what follows them was not read");
    }

    @Test
    void aTruncatedLastLineIsNotReadAndSaidSo() throws IOException {
        Path file = directory.resolve("result");
        Files.write(file, "codepipeline-result 2\nfailure\tjob-1\tJobFailed\tcomplete\t\nsuccess\tjob-1\tcut mid-"
                .getBytes(StandardCharsets.UTF_8));
        ResultRecord.Contents contents = ResultRecord.read(file);
        assertThat(contents.entries).extracting(e -> e.kind).containsExactly("failure");
        assertThat(contents.problems).singleElement().asString().contains("last line has no line end");
    }

    @Test
    void anotherVersionOrNoHeaderIsNotRead() throws IOException {
        Path file = directory.resolve("result");
        Files.write(file, "success job-1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ResultRecord.read(file).entries).isEmpty();
        assertThat(ResultRecord.read(file).problems).singleElement().asString()
                .contains("does not start with 'codepipeline-result 2'");
    }

    @Test
    void aHugeFileIsReadOnlyToItsBoundWithoutHoldingItInMemory() throws IOException {
        Path file = directory.resolve("result");
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            out.write("codepipeline-result 2\nfailure\tjob-1\tJobFailed\tfirst\t\n".getBytes(StandardCharsets.UTF_8));
            byte[] junk = new byte[1024 * 1024];
            java.util.Arrays.fill(junk, (byte) 'x');
            for (int i = 0; i < 64; i++) { // 64 MB of one line
                out.write(junk);
            }
            out.write("\nsuccess\tjob-1\t\t\t\t\n".getBytes(StandardCharsets.UTF_8));
        }
        long before = usedHeap();
        ResultRecord.Contents contents = ResultRecord.read(file);
        assertThat(contents.entries).extracting(e -> e.kind).containsExactly("failure");
        assertThat(contents.problems).singleElement().asString().contains("larger than 4 MB");
        assertThat(usedHeap() - before).as("heap held after the read").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void noFileIsNoRecordAndASymbolicLinkIsNeitherReadNorWritten() throws IOException {
        assertThat(ResultRecord.read(directory.resolve("none")).entries).isEmpty();
        assertThat(ResultRecord.read(directory.resolve("none")).problems).isEmpty();
        Path target = Files.write(directory.resolve("elsewhere"), "x".getBytes(StandardCharsets.UTF_8));
        Path link = Files.createSymbolicLink(directory.resolve("link"), target);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultRecord.append(link, ResultRecord.line("output", "a")))
                .isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(target)).containsExactly('x');
        assertThat(ResultRecord.read(link).problems).singleElement().asString().contains("not a plain file");
    }

    @Test
    void aStreamIsReadInPiecesAcrossLineEnds() throws IOException {
        byte[] bytes = "codepipeline-result 2\noutput\tA\noutput\tB\n".getBytes(StandardCharsets.UTF_8);
        InputStream slow = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        List<ResultRecord.Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ResultRecord.read(slow, entries, problems);
        assertThat(entries).extracting(e -> e.field(1)).containsExactly("A", "B");
        assertThat(problems).isEmpty();
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
