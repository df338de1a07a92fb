package io.github.codepipeline.maven.config;

import java.util.Map;

/**
 * The CI run a build belongs to, read from the variables the common CI systems set, for the external execution
 * ID when {@code codepipeline.externalExecutionId} is not set: the CodePipeline console then links back to the run
 * (through the action type's {@code {ExternalExecutionId}} URL template). Checked in this order; the first match
 * wins:
 * <ol>
 *   <li>GitHub Actions: {@code $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID}</li>
 *   <li>GitLab CI: {@code CI_JOB_URL}</li>
 *   <li>AWS CodeBuild: {@code CODEBUILD_BUILD_ARN}, else {@code CODEBUILD_BUILD_ID}</li>
 *   <li>Buildkite: {@code BUILDKITE_BUILD_URL}</li>
 *   <li>CircleCI: {@code CIRCLE_BUILD_URL}</li>
 *   <li>Azure Pipelines: {@code $SYSTEM_COLLECTIONURI$SYSTEM_TEAMPROJECT/_build/results?buildId=$BUILD_BUILDID}</li>
 *   <li>Bitbucket Pipelines: {@code $BITBUCKET_GIT_HTTP_ORIGIN/pipelines/results/$BITBUCKET_BUILD_NUMBER}</li>
 *   <li>Travis CI: {@code TRAVIS_BUILD_WEB_URL}</li>
 *   <li>TeamCity: {@code teamcity:$BUILD_NUMBER} when {@code TEAMCITY_VERSION} is set (TeamCity exports no URL)</li>
 *   <li>Jenkins (and tools that mimic it): {@code BUILD_URL}</li>
 * </ol>
 * A value longer than the API's 1500 characters is cut to 1500.
 */
public final class CiRun {
    private final String id;
    private final String system;

    private CiRun(String id, String system) {
        this.id = id.length() > ReportSettings.MAX_EXTERNAL_EXECUTION_ID
                ? id.substring(0, ReportSettings.MAX_EXTERNAL_EXECUTION_ID) : id;
        this.system = system;
    }

    /** The run found in {@code env}, or {@code null} when no known CI system is recognised. */
    public static CiRun detect(Map<String, String> env) {
        if (has(env, "GITHUB_RUN_ID") && has(env, "GITHUB_REPOSITORY")) {
            String server = has(env, "GITHUB_SERVER_URL") ? env.get("GITHUB_SERVER_URL") : "https://github.com";
            return new CiRun(strip(server) + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/" + env.get("GITHUB_RUN_ID"),
                    "GitHub Actions");
        }
        if (has(env, "CI_JOB_URL")) {
            return new CiRun(env.get("CI_JOB_URL"), "GitLab CI");
        }
        if (has(env, "CODEBUILD_BUILD_ARN")) {
            return new CiRun(env.get("CODEBUILD_BUILD_ARN"), "AWS CodeBuild");
        }
        if (has(env, "CODEBUILD_BUILD_ID")) {
            return new CiRun(env.get("CODEBUILD_BUILD_ID"), "AWS CodeBuild");
        }
        if (has(env, "BUILDKITE_BUILD_URL")) {
            return new CiRun(env.get("BUILDKITE_BUILD_URL"), "Buildkite");
        }
        if (has(env, "CIRCLE_BUILD_URL")) {
            return new CiRun(env.get("CIRCLE_BUILD_URL"), "CircleCI");
        }
        if (has(env, "SYSTEM_COLLECTIONURI") && has(env, "SYSTEM_TEAMPROJECT") && has(env, "BUILD_BUILDID")) {
            return new CiRun(strip(env.get("SYSTEM_COLLECTIONURI")) + "/" + env.get("SYSTEM_TEAMPROJECT")
                    + "/_build/results?buildId=" + env.get("BUILD_BUILDID"), "Azure Pipelines");
        }
        if (has(env, "BITBUCKET_GIT_HTTP_ORIGIN") && has(env, "BITBUCKET_BUILD_NUMBER")) {
            return new CiRun(strip(env.get("BITBUCKET_GIT_HTTP_ORIGIN")) + "/pipelines/results/"
                    + env.get("BITBUCKET_BUILD_NUMBER"), "Bitbucket Pipelines");
        }
        if (has(env, "TRAVIS_BUILD_WEB_URL")) {
            return new CiRun(env.get("TRAVIS_BUILD_WEB_URL"), "Travis CI");
        }
        if (has(env, "TEAMCITY_VERSION") && has(env, "BUILD_NUMBER")) {
            return new CiRun("teamcity:" + env.get("BUILD_NUMBER"), "TeamCity");
        }
        if (has(env, "BUILD_URL")) {
            return new CiRun(env.get("BUILD_URL"), "Jenkins");
        }
        return null;
    }

    private static boolean has(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.trim().isEmpty();
    }

    private static String strip(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The identifier, at most 1500 characters. */
    public String id() {
        return id;
    }

    /** The CI system's name, for logs. */
    public String system() {
        return system;
    }
}
