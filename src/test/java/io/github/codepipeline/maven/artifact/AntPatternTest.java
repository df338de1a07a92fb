package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AntPatternTest {
    @Test
    void doubleStarMatchesAnyNumberOfFoldersNoneIncluded() {
        AntPattern jars = new AntPattern("**/*.jar");
        assertThat(jars.matches("a.jar")).isTrue();
        assertThat(jars.matches("target/a.jar")).isTrue();
        assertThat(jars.matches("x/y/z/a.jar")).isTrue();
        assertThat(jars.matches("a.jar.sha1")).isFalse();
    }

    @Test
    void singleStarAndQuestionMarkStayWithinOneFolder() {
        assertThat(new AntPattern("target/*.jar").matches("target/shop.jar")).isTrue();
        assertThat(new AntPattern("target/*.jar").matches("target/lib/dep.jar")).isFalse();
        assertThat(new AntPattern("v?.txt").matches("v1.txt")).isTrue();
        assertThat(new AntPattern("v?.txt").matches("v10.txt")).isFalse();
    }

    @Test
    void trailingSlashMeansEverythingBelowAndDotsAreLiteral() {
        assertThat(new AntPattern("scripts/").matches("scripts/deploy/run.sh")).isTrue();
        assertThat(new AntPattern("scripts/**").matches("scripts/run.sh")).isTrue();
        assertThat(new AntPattern("appspec.yml").matches("appspecXyml")).isFalse();
        assertThat(new AntPattern("./appspec.yml").matches("appspec.yml")).isTrue();
        assertThat(new AntPattern("target\\*.war").matches("target/shop.war")).isTrue();
    }
}
