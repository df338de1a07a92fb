package io.github.codepipeline.maven.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CiRunTest {
    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void noKnownCiGivesNothing() {
        assertThat(CiRun.detect(env("HOME", "/root", "BUILD_URL", " "))).isNull();
    }

    @Test
    void githubActionsRunUrl() {
        CiRun run = CiRun.detect(env("GITHUB_SERVER_URL", "https://github.example.com/", "GITHUB_REPOSITORY", "acme/shop",
                "GITHUB_RUN_ID", "123", "BUILD_URL", "https://jenkins/job/1/"));
        assertThat(run.id()).isEqualTo("https://github.example.com/acme/shop/actions/runs/123");
        assertThat(run.system()).isEqualTo("GitHub Actions");
    }

    @Test
    void eachSystemByItsVariables() {
        assertThat(CiRun.detect(env("CI_JOB_URL", "https://gitlab/acme/-/jobs/9")).id()).isEqualTo("https://gitlab/acme/-/jobs/9");
        assertThat(CiRun.detect(env("CODEBUILD_BUILD_ID", "shop:abc", "CODEBUILD_BUILD_ARN", "arn:aws:codebuild:us-east-1:1:build/shop:abc")).id())
                .isEqualTo("arn:aws:codebuild:us-east-1:1:build/shop:abc");
        assertThat(CiRun.detect(env("CODEBUILD_BUILD_ID", "shop:abc")).id()).isEqualTo("shop:abc");
        assertThat(CiRun.detect(env("BUILDKITE_BUILD_URL", "https://buildkite.com/acme/shop/builds/7")).system()).isEqualTo("Buildkite");
        assertThat(CiRun.detect(env("CIRCLE_BUILD_URL", "https://circleci.com/gh/acme/shop/5")).system()).isEqualTo("CircleCI");
        assertThat(CiRun.detect(env("SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/", "SYSTEM_TEAMPROJECT", "shop",
                "BUILD_BUILDID", "42")).id()).isEqualTo("https://dev.azure.com/acme/shop/_build/results?buildId=42");
        assertThat(CiRun.detect(env("BITBUCKET_GIT_HTTP_ORIGIN", "http://bitbucket.org/acme/shop", "BITBUCKET_BUILD_NUMBER", "3")).id())
                .isEqualTo("http://bitbucket.org/acme/shop/pipelines/results/3");
        assertThat(CiRun.detect(env("TRAVIS_BUILD_WEB_URL", "https://travis/b/1")).system()).isEqualTo("Travis CI");
        assertThat(CiRun.detect(env("TEAMCITY_VERSION", "2025.1", "BUILD_NUMBER", "88")).id()).isEqualTo("teamcity:88");
        assertThat(CiRun.detect(env("BUILD_URL", "https://jenkins/job/shop/12/")).system()).isEqualTo("Jenkins");
    }

    @Test
    void longIdentifiersAreCutToTheApiLimit() {
        StringBuilder url = new StringBuilder("https://jenkins/");
        while (url.length() < 2000) {
            url.append("x");
        }
        assertThat(CiRun.detect(env("BUILD_URL", url.toString())).id()).hasSize(1500);
    }
}
