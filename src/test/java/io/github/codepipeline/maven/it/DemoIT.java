package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Try it without an AWS account" demo, run with the README's own command (its last). */
class DemoIT {
    @Test
    void demoProjectUsesThisVersionOfThePlugin() throws IOException {
        String pom = new String(Files.readAllBytes(Paths.get(System.getProperty("it.projects"), "..", "demo", "pom.xml")),
                StandardCharsets.UTF_8);
        assertThat(pom).as("demo/pom.xml must declare the version this build makes; update it with the project version")
                .contains("<version>" + MavenBuild.pluginVersion() + "</version>");
    }

    @Test
    void dryRunOfTheDemoShowsTheReportWithoutAnyAwsAccount() throws IOException {
        List<String> commands = ReadmeBlocks.section("## Try it without an AWS account").get(0).commands();
        String demo = "mvn -B -f demo/pom.xml ";
        assertThat(commands.get(commands.size() - 1)).as("the README's demo command").startsWith(demo);
        String[] args = commands.get(commands.size() - 1).substring(demo.length()).split(" ");
        MavenBuild.Result result = MavenBuild.of("../demo", "demo") // a copy of demo/, so no -f
                .env("AWS_ACCESS_KEY_ID", null).env("AWS_SECRET_ACCESS_KEY", null).env("AWS_REGION", null)
                .args(args).run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        List<String> shown = normalised(readmeDemoOutput());
        assertThat(shown).as("the README's demo output").hasSizeGreaterThan(5);
        List<String> log = normalised(Arrays.asList(result.log.split("\\R")));
        int first = log.indexOf(shown.get(0));
        assertThat(first).as(result.toString()).isNotNegative();
        assertThat(log.subList(first, Math.min(log.size(), first + shown.size())))
                .as("the README shows these lines, in this order, with nothing in between").isEqualTo(shown);
    }

    /**
     * The message ends with the Maven and Java versions that ran the build, which differ from machine to machine, and so
     * does the message's length: both are compared without their numbers.
     */
    private static List<String> normalised(List<String> lines) {
        List<String> out = new java.util.ArrayList<>();
        for (String line : lines) {
            out.add(line.replaceFirst("\\| Maven \\S+, Java \\S+$", "| Maven M, Java J")
                    .replaceFirst("message \\(\\d+ characters\\):$", "message (N characters):"));
        }
        return out;
    }

    /** The lines of the README's block after "After Maven's `BUILD FAILURE` you see:". */
    private static List<String> readmeDemoOutput() throws IOException {
        List<String> readme = Files.readAllLines(Paths.get(System.getProperty("it.projects"), "..", "README.md"),
                StandardCharsets.UTF_8);
        int start = readme.indexOf("After Maven's `BUILD FAILURE` you see:") + 3;
        assertThat(start).as("the README's demo section").isGreaterThan(2);
        return readme.subList(start, readme.subList(start, readme.size()).indexOf("```") + start);
    }
}
