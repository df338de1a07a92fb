package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void atMostOneLineEveryFiveSecondsNoneForAShortTransfer() {
        List<String> lines = new ArrayList<>();
        Progress progress = new Progress("Uploading Out", 100L * 1048576, lines::add, 0);
        for (int second = 1; second <= 12; second++) {
            progress.add(5L * 1048576, second * 1_000_000_000L);
        }
        assertThat(lines).containsExactly("Uploading Out: 25.0 MB of 100.0 MB (5.0 MB/s)", "Uploading Out: 50.0 MB of 100.0 MB (5.0 MB/s)");
        List<String> none = new ArrayList<>();
        new Progress("Downloading In", -1, none::add, 0).add(1000, 4_000_000_000L);
        assertThat(none).isEmpty();
    }
}
