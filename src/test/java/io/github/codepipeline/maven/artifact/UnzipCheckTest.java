package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks made before anything is written, on their own: their cost and their hashes. */
class UnzipCheckTest {
    @TempDir
    Path dir;

    private void check(Path zip, Path root) throws Exception {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            new UnzipCheck(root, false, 1L << 30, "the input artifact Src", "-D")
                    .run(new CentralDirectory.Cursor(channel), channel.size());
        }
    }

    /**
     * 1,000 entries whose names are nearly as deep as a path may be (about 1,900 directories): each name's prefixes
     * hashed from scratch cost some 4 million characters an entry, several seconds for the archive; hashed one after
     * the other, a few thousand.
     */
    @Test
    void deepNamesCostTimeLinearInTheirLength() throws Exception {
        Path root = Files.createDirectories(dir.resolve("to"));
        String deep = String.join("/", Collections.nCopies(1900, "a"));
        Zips zips = new Zips();
        for (int i = 0; i < 1000; i++) {
            zips.file(deep + "/f" + i, "");
        }
        Path zip = zips.write(dir.resolve("deep.zip"));
        check(zip, root); // loads and compiles what the check needs

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        check(zip, root);
        long millis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;

        assertThat(millis).as("CPU milliseconds").isLessThan(1500);
        assertThat(Files.list(root)).isEmpty();
    }

    /** A deep duplicate is still found: the incremental hash of a name is the hash of the whole name. */
    @Test
    void aDuplicateAndAFileWhereADirectoryMustBeAreFoundThroughTheIncrementalHashes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("to"));
        assertThatThrownBy(() -> check(new Zips().file("a/b/c/d.txt", "1").file("a/./b//c/d.txt", "2")
                .write(dir.resolve("twice.zip")), root)).hasMessageContaining("is in the archive twice");
        assertThatThrownBy(() -> check(new Zips().file("a/b", "1").file("a/b/c.txt", "2")
                .write(dir.resolve("kinds.zip")), root)).hasMessageContaining("needs a directory a/b where the archive has a file");
    }

    /** Each check starts its hashes from a random state: what collides in one run does not in the next. */
    @Test
    void theHashesAreSeededAnewForEachCheck() {
        long first = EntryNames.hash(EntryNames.seed(), "src/main/java", 0, 13);
        long second = EntryNames.hash(EntryNames.seed(), "src/main/java", 0, 13);
        assertThat(first).isNotEqualTo(second);
        long seed = EntryNames.seed();
        assertThat(EntryNames.hash(EntryNames.hash(seed, "src/main", 0, 3), "src/main", 3, 8))
                .isEqualTo(EntryNames.hash(seed, "src/main", 0, 8));
    }
}
