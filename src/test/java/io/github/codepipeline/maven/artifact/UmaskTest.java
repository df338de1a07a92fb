package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modes of unpacked files under a known umask: each case unpacks in a JVM started by {@code sh} after
 * {@code umask NNN}, so the expected modes are fixed numbers, not derived from a probe of this JVM's own umask (under
 * umask 000 a probe sees nothing to take away, and the "less the umask" half of the rule goes untested).
 */
class UmaskTest {
    private static final String[] FILES = {"open", "shared", "script", "suid", "locked", "plain"};

    @TempDir
    Path dir;

    private Map<String, String> modesUnder(String umask) throws IOException, InterruptedException {
        Path zip = new Zips().file("open", "x".getBytes(StandardCharsets.UTF_8), 0100777)
                .file("shared", "x".getBytes(StandardCharsets.UTF_8), 0100666)
                .file("script", "x".getBytes(StandardCharsets.UTF_8), 0100755)
                .file("suid", "x".getBytes(StandardCharsets.UTF_8), 0104755)
                .file("locked", "x".getBytes(StandardCharsets.UTF_8), 0100000)
                .file("plain", "x").write(dir.resolve("in-" + umask + ".zip"));
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), UmaskProbe.class.getName(), zip.toString(),
                dir.resolve("to-" + umask).toString()));
        command.addAll(List.of(FILES));
        Path output = dir.resolve("out-" + umask + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        Map<String, String> modes = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            modes.put(parts[0], parts[1]);
        }
        return modes;
    }

    @Test
    void underUmask000TheArchivesModesStandButNeverWorldWritableNorSetuid() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Map<String, String> modes = modesUnder("000");
        assertThat(modes).containsEntry("open", "775").containsEntry("shared", "664").containsEntry("script", "755")
                .containsEntry("suid", "755").containsEntry("locked", "600").containsEntry("plain", "644");
    }

    @Test
    void underUmask027TheUmaskIsTakenAway() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Map<String, String> modes = modesUnder("027");
        assertThat(modes).containsEntry("open", "750").containsEntry("shared", "640").containsEntry("script", "750")
                .containsEntry("suid", "750").containsEntry("locked", "600").containsEntry("plain", "640");
    }
}
