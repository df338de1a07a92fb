package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zip slip wherever the {@code ..} stands in a name, not only at its start; nothing is written, inside or out. */
class ZipSlipTest {
    @TempDir
    Path dir;

    private long filesUnder(Path path) throws Exception {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Break guarded (one assertion alone caught it before): only a name that starts with {@code ../} refused. */
    @Test
    void aDotDotInsideANameIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path root = Files.createDirectories(dir.resolve("work/to"));
        String[] names = {"a/../../x", "a/b/../../../x", "a\\..\\..\\x", "./../x", "a/./../../x", "a//..//..//x",
            "src/main/../../../../etc/x", "a/.."};
        for (String name : names) {
            Path zip = new Zips().file("ok.txt", "fine").file(name, "evil").write(dir.resolve("in.zip"));
            assertThatThrownBy(() -> SafeUnzip.unzip(zip, root, false, 1000, "the input artifact Src", "-D"))
                    .as(name).isInstanceOf(ArtifactException.class)
                    .hasMessage("Refusing the input artifact Src: its entry " + EntryNames.shown(name)
                            + " leads out of the directory with '..' (zip slip); nothing was unpacked.");
        }
        assertThat(filesUnder(dir)).as("only the zip itself").isEqualTo(1);
        assertThat(dir.resolve("work/x")).doesNotExist();
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void dotsThatAreNamesAreNotDotDot() throws Exception {
        Path root = dir.resolve("to");
        Path zip = new Zips().file("a/..b/x", "1").file("a/b../y", "2").file("a/.../z", "3").file("./a/./w", "4")
                .write(dir.resolve("in.zip"));
        SafeUnzip.unzip(zip, root, false, 1000, "the input artifact Src", "-D");
        assertThat(root.resolve("a/..b/x")).hasContent("1");
        assertThat(root.resolve("a/b../y")).hasContent("2");
        assertThat(root.resolve("a/.../z")).hasContent("3");
        assertThat(root.resolve("a/w")).hasContent("4");
    }
}
