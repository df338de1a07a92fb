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
}
