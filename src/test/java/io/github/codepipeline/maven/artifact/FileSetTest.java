package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSetTest {
    @TempDir
    Path dir;

    private void files(String... names) throws Exception {
        for (String name : names) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, name.getBytes());
        }
    }

    private static List<String> names(List<FileSet.Entry> entries) {
        List<String> names = new ArrayList<>();
        for (FileSet.Entry entry : entries) {
            names.add(entry.name());
        }
        return names;
    }

    /**
     * download-input refuses an artifact of more than a million files and directories together: upload-output refuses
     * to make one, before any call, with one line; exactly at the cap it is fine.
     */
    @Test
    void moreFilesAndDirectoriesThanDownloadInputAcceptsAreRefusedBeforeZipping() throws Exception {
        files("a/b/one.txt", "a/b/two.txt", "a/c.txt", "d.txt"); // 4 files, 2 directories (a, a/b)
        assertThat(new FileSet(dir, null, null).maxEntries(6).collect()).hasSize(4);
        assertThatThrownBy(() -> new FileSet(dir, null, null).maxEntries(5).collect())
                .isInstanceOf(ArtifactException.class)
                .hasMessage("Refusing to upload " + dir + ": its files and their directories are more than 5 entries, more"
                        + " than download-input (and so the next action) accepts in an artifact; nothing was uploaded."
                        + " Leave some out with excludes, or pack them into an archive first.");
        // Files alone past the cap: the walk stops there, and does not fill the heap.
        assertThatThrownBy(() -> new FileSet(dir, null, null).maxEntries(3).collect())
                .hasMessageContaining("more than 3 entries");
        assertThat(CentralDirectory.MAX_ENTRIES).isEqualTo(1_000_000);
    }

    /** The directories counted from the sorted names are those download-input counts: every distinct parent. */
    @Test
    void theDirectoriesOfSortedNamesAreCountedAsDownloadInputCountsThem() {
        java.util.Random random = new java.util.Random(23);
        String[] parts = {"a", "b", "a-b", "a.b", "ab", "b0", "z"};
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder name = new StringBuilder();
            for (int depth = random.nextInt(5); depth >= 0; depth--) {
                name.append(name.length() == 0 ? "" : "/").append(parts[random.nextInt(parts.length)]);
            }
            names.add(name.append("/f").append(random.nextInt(3)).toString());
        }
        List<FileSet.Entry> entries = new ArrayList<>();
        java.util.Set<String> parents = new java.util.HashSet<>();
        for (String name : names) {
            entries.add(new FileSet.Entry(name, dir.resolve("x")));
            for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
                parents.add(name.substring(0, i));
            }
        }
        entries.sort((x, y) -> x.name().compareTo(y.name()));
        assertThat(FileSet.directories(entries)).isEqualTo(parents.size());
    }

    @Test
    void everythingSortedByPathWhenNoPattern() throws Exception {
        files("b.txt", "a/z.txt", "a/b/c.txt", "A.txt");
        assertThat(names(new FileSet(dir, null, null).collect())).containsExactly("A.txt", "a/b/c.txt", "a/z.txt", "b.txt");
    }

    @Test
    void includesAndExcludes() throws Exception {
        files("target/shop.jar", "target/shop-sources.jar", "target/classes/A.class", "appspec.yml", "pom.xml");
        assertThat(names(new FileSet(dir, FileSet.split("target/*.jar, appspec.yml"), Arrays.asList("**/*-sources.jar"))
                .collect())).containsExactly("appspec.yml", "target/shop.jar");
    }

    @Test
    void aPatternThatMatchesNothingIsAnErrorNamingIt() throws Exception {
        files("target/shop.jar");
        assertThatThrownBy(() -> new FileSet(dir, FileSet.split("target/*.jar,target/*.war,scripts/**"), null).collect())
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("matches target/*.war, scripts/**").hasMessageNotContaining("*.jar,");
    }

    @Test
    void aMissingDirectoryOrNothingLeftIsAnError() throws Exception {
        assertThatThrownBy(() -> new FileSet(dir.resolve("nope"), null, null).collect())
                .hasMessageContaining("does not exist");
        files("a.txt");
        assertThatThrownBy(() -> new FileSet(dir, null, Arrays.asList("*.txt")).collect())
                .hasMessageContaining("nothing would go into the artifact");
    }

    // --- links (issue 20)

    private Path module() throws Exception {
        Path module = Files.createDirectories(dir.resolve("module"));
        Files.createDirectories(module.resolve("dist"));
        Files.write(module.resolve("dist/app.jar"), "jar".getBytes());
        Files.write(module.resolve("README.md"), "readme".getBytes());
        return module;
    }

    @Test
    void aLinkToAFileInsideTheModuleIsStoredAsThatFile() throws Exception {
        Path module = module();
        Files.createSymbolicLink(module.resolve("dist/readme"), module.resolve("README.md"));
        List<FileSet.Entry> entries = new FileSet(module.resolve("dist"), null, null).links(module, false).collect();
        assertThat(names(entries)).containsExactly("app.jar", "readme");
        assertThat(entries.get(1).file()).isEqualTo(module.resolve("README.md").toRealPath());
    }

    @Test
    void aLinkLeadingOutOfTheModuleIsRefusedNamingItUnlessFollowLinks() throws Exception {
        Path module = module();
        Path secret = Files.write(dir.resolve("passwd"), "root:x:0:0".getBytes());
        Files.createSymbolicLink(module.resolve("dist/leak\n[INFO] x"), secret);
        FileSet set = new FileSet(module.resolve("dist"), null, null).links(module, false);
        assertThatThrownBy(set::collect).isInstanceOf(ArtifactException.class)
                .hasMessage("Refusing to upload leak\\n[INFO] x from " + module.resolve("dist") + ": it is a symbolic link to "
                        + secret.toRealPath() + ", outside the module's base directory " + module + ". Replace the link with"
                        + " the file, leave it out with an exclude, or set -Dcodepipeline.followLinks=true to upload what it"
                        + " points to.");
        List<FileSet.Entry> followed = new FileSet(module.resolve("dist"), null, null).links(module, true).collect();
        assertThat(names(followed)).containsExactly("app.jar", "leak\n[INFO] x");
        assertThat(followed.get(1).file()).isEqualTo(secret.toRealPath());
        // left out by the patterns: no matter
        assertThat(names(new FileSet(module.resolve("dist"), FileSet.split("*.jar"), null).links(module, false).collect()))
                .containsExactly("app.jar");
        assertThat(names(new FileSet(module.resolve("dist"), null, Arrays.asList("leak*")).links(module, false).collect()))
                .containsExactly("app.jar");
    }

    @Test
    void linksToDirectoriesAndBrokenLinksAreNeverFollowed() throws Exception {
        Path module = module();
        Files.createSymbolicLink(module.resolve("dist/root"), dir.getRoot());
        Files.createSymbolicLink(module.resolve("dist/self"), module);
        Files.createSymbolicLink(module.resolve("dist/broken"), module.resolve("nowhere"));
        assertThat(names(new FileSet(module.resolve("dist"), null, null).links(module, true).collect()))
                .containsExactly("app.jar");
    }
}
