package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The README's "Try it without an AWS account" demo, run exactly as the README says. */
class DemoIT {
    @Test
    void demoProjectUsesThisVersionOfThePlugin() throws IOException {
        String pom = new String(Files.readAllBytes(Paths.get(System.getProperty("it.projects"), "..", "demo", "pom.xml")),
                StandardCharsets.UTF_8);
        assertThat(pom).as("demo/pom.xml must declare the version this build makes; update it with the project version")
                .contains("<version>" + MavenBuild.pluginVersion() + "</version>");
    }

    @Test
    void dryRunOfTheDemoShowsTheReportWithoutAnyAwsAccount() {
        MavenBuild.Result result = MavenBuild.of("../demo", "demo")
                .env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null).env("AWS_REGION", null)
                .args("verify", "-Dcodepipeline.jobId=11111111-2222-4333-8444-555555555555", "-Dcodepipeline.dryRun=true")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.log).contains(
                "[INFO] CodePipeline: dry run",
                "job ID:                11111111-2222-4333-8444-555555555555",
                "failure type:          JobFailed",
                "| Maven build failed in module demo-shop",
                "| demo-shop (maven-compiler-plugin:compile): Compilation failure",
                "Cart.java:[5,9] cannot find symbol; symbol: class Price");
    }
}
