package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.it.ReadmeBlocks.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start (both forms, and the {@code -pl} case of its table) and its worker quick start, run from the
 * README's own blocks: the XML it shows is the build's, the commands it shows are the ones run, and the output it shows
 * is what Maven and the stand-in print (numbers that differ from run to run, the port and the Maven and Java versions
 * aside). The dry run of the demo is {@link DemoIT}'s.
 */
class ReadmeIT extends EndpointSupport {
    private static final String QUICK_START = "## Quick start";
    private static final String WORKER_QUICK_START = "## Worker quick start (one machine, no AWS account)";
    private static final String CLIENT_TOKEN = "readme-client-token-4711";
    /** The {@code <plugins>} that declares this plugin (not pluginManagement's). */
    private static final Pattern PLUGINS = Pattern.compile(
            "\\s*<plugins>\\s*<plugin>\\s*<groupId>io\\.github\\.codepipeline\\.maven</groupId>.*?</plugins>", Pattern.DOTALL);

    @Test
    void theReadmeDeclaresThisVersionOfThePlugin() {
        for (Block block : ReadmeBlocks.section(QUICK_START).subList(0, 2)) {
            assertThat(block.text()).as("the quick start's XML; update it with the project version")
                    .contains("<version>" + MavenBuild.pluginVersion() + "</version>");
        }
    }

    @Test
    void quickStartInThePomReportsTheFailureAsTheReadmeShows() throws IOException {
        MavenBuild build = MavenBuild.of("compile-failure", "readme-pom");
        Path pom = build.directory().resolve("pom.xml");
        Matcher plugins = PLUGINS.matcher(ReadmeBlocks.section(QUICK_START).get(0).text());
        assertThat(plugins.find()).as("the README's <build><plugins>").isTrue();
        write(pom, PLUGINS.matcher(read(pom)).replaceFirst(Matcher.quoteReplacement(plugins.group())));

        assertReportedAsTheReadmeShows(run(build));
    }

    @Test
    void quickStartAsCoreExtensionReportsTheFailureAsTheReadmeShows() throws IOException {
        MavenBuild build = MavenBuild.of("compile-failure", "readme-core-extension");
        Path pom = build.directory().resolve("pom.xml");
        write(pom, PLUGINS.matcher(read(pom)).replaceFirst(""));
        assertThat(read(pom)).doesNotContain("codepipeline");
        write(Files.createDirectories(build.directory().resolve(".mvn")).resolve("extensions.xml"),
                ReadmeBlocks.section(QUICK_START).get(1).text());

        assertReportedAsTheReadmeShows(run(build));
    }

    /** The README's table: with -pl, a plugin declared only in an aggregator that is not the module's parent is not loaded. */
    @Test
    void withPlOnAModuleThatDoesNotDeclareThePluginOnlyTheCoreExtensionReports() throws IOException {
        MavenBuild pomForm = MavenBuild.of("aggregator-only", "readme-pl-pom").args("-pl", "app");
        MavenBuild.Result notLoaded = run(pomForm);
        assertThat(notLoaded.exitCode).as(notLoaded.toString()).isEqualTo(1);
        assertThat(notLoaded.log).contains("COMPILATION ERROR").doesNotContain("CodePipeline");
        assertThat(endpoint.requests()).isEmpty();

        MavenBuild coreForm = MavenBuild.of("aggregator-only", "readme-pl-core").args("-pl", "app");
        write(Files.createDirectories(coreForm.directory().resolve(".mvn")).resolve("extensions.xml"),
                ReadmeBlocks.section(QUICK_START).get(1).text());
        MavenBuild.Result reported = run(coreForm);
        assertThat(reported.exitCode).as(reported.toString()).isEqualTo(1);
        assertThat(endpoint.bodies(CodePipelineEndpoint.FAILURE)).singleElement()
                .satisfies(body -> assertThat(body.get("failureDetails").toString()).contains("app (maven-compiler-plugin"));
    }

    @Test
    void workerQuickStartRunsAsWritten() throws Exception {
        List<Block> blocks = ReadmeBlocks.section(WORKER_QUICK_START);
        List<String> commands = blocks.get(0).commands();
        assertThat(commands).as("the worker quick start's commands").hasSize(3);
        assertThat(commands.get(0)).endsWith(" &");
        assertThat(commands.get(2)).startsWith("mvn ");

        Path work = Files.createDirectories(Paths.get(System.getProperty("it.work"), "readme-worker"));
        Path standInLog = work.resolve("local-codepipeline.log");
        List<String> standIn = new ArrayList<>(Arrays.asList(commands.get(0).replaceFirst("\\s*&$", "").split(" ")));
        standIn.addAll(Arrays.asList("--port", "0")); // a free port: 8787 may be taken on a shared machine
        Process stub = new ProcessBuilder(standIn).directory(ReadmeBlocks.repository().toFile())
                .redirectErrorStream(true).redirectOutput(standInLog.toFile()).start();
        try {
            String port = awaitPort(standInLog, stub);
            MavenBuild worker = MavenBuild.emptyFolder("readme-worker").env("AWS_REGION", null)
                    .mavenOpts("-Dmaven.repo.local=" + System.getProperty("it.localRepository"));
            for (Map.Entry<String, String> variable : ReadmeBlocks.exports(commands.get(1)).entrySet()) {
                worker.env(variable.getKey(), variable.getValue());
            }
            List<String> args = Arrays.asList(commands.get(2).replace("127.0.0.1:8787", "127.0.0.1:" + port).split(" "));
            MavenBuild.Result result = worker.args(args.subList(1, args.size()).toArray(new String[0])).run();

            assertThat(result.exitCode).as(result.toString()).isZero();
            assertThat(stub.waitFor(60, TimeUnit.SECONDS)).as("the stand-in ends after the job's result").isTrue();
            List<String> printed = Files.readAllLines(standInLog, StandardCharsets.UTF_8).stream()
                    .map(line -> normalised(line).replace("127.0.0.1:" + port, "127.0.0.1:8787")).collect(Collectors.toList());
            assertThat(printed).as("what the stand-in prints").isEqualTo(normalised(blocks.get(1).lines));
            List<String> workerLines = normalised(Arrays.stream(result.log.split("\\R"))
                    .filter(line -> !line.startsWith("[INFO] [job ")).collect(Collectors.toList()));
            List<String> shown = normalised(blocks.get(2).lines);
            int first = workerLines.indexOf(shown.get(0));
            assertThat(first).as(result.toString()).isNotNegative();
            assertThat(workerLines.subList(first, Math.min(workerLines.size(), first + shown.size())))
                    .as("the worker's last lines, as the README shows them").isEqualTo(shown);
        } finally {
            stub.destroy();
        }
    }

    /** The quick start's commands: the README's exports, with the job's own values, then its {@code mvn} line. */
    private MavenBuild.Result run(MavenBuild build) {
        List<String> commands = ReadmeBlocks.section(QUICK_START).get(2).commands();
        assertThat(commands).as("the quick start's commands").hasSize(4).last().asString().startsWith("mvn ");
        for (String export : commands.subList(0, 3)) {
            for (Map.Entry<String, String> variable : ReadmeBlocks.exports(export).entrySet()) {
                build.env(variable.getKey(), variable.getValue().replace("$JOB_ID", readmeJobId())
                        .replace("$CLIENT_TOKEN", CLIENT_TOKEN));
            }
        }
        // The one thing the README leaves to AWS: where CodePipeline is.
        build.env("AWS_ENDPOINT_URL_CODEPIPELINE", endpoint.url());
        String[] mvn = commands.get(3).split(" ");
        return build.args(Arrays.copyOfRange(mvn, 1, mvn.length)).run();
    }

    private void assertReportedAsTheReadmeShows(MavenBuild.Result result) {
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(endpoint.refusals()).isEmpty();
        assertThat(endpoint.bodies(CodePipelineEndpoint.FAILURE)).singleElement().satisfies(body -> assertThat(body)
                .containsEntry("jobId", readmeJobId()).containsEntry("clientToken", CLIENT_TOKEN));
        String shown = normalised(readmeReportLine());
        assertThat(normalised(Arrays.asList(result.log.split("\\R")))).as(result.toString()).containsOnlyOnce(shown);
    }

    private static String readmeReportLine() {
        List<String> lines = ReadmeBlocks.section(QUICK_START).get(3).lines;
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static String readmeJobId() {
        Matcher id = Pattern.compile("job (\\S+) \\(").matcher(readmeReportLine());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static List<String> normalised(List<String> lines) {
        return lines.stream().map(ReadmeIT::normalised).collect(Collectors.toList());
    }

    /** What differs from run to run and machine to machine: lengths, durations, the Maven and Java versions. */
    private static String normalised(String line) {
        return line.replaceFirst("\\| Maven \\S+, Java \\S+$", "| Maven M, Java J")
                .replaceFirst("\\((\\w+), \\d+ characters\\) in \\d+ ms", "($1, N characters) in N ms")
                .replaceFirst(", \\d+(\\.\\d+)? (s|min|ms)( \\d+ s)?, result: ", ", N s, result: ");
    }

    private static String awaitPort(Path log, Process stub) throws Exception {
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        for (int i = 0; i < 200; i++) {
            if (Files.exists(log)) {
                Matcher port = listening.matcher(read(log));
                if (port.find()) {
                    return port.group(1);
                }
            }
            assertThat(stub.isAlive()).as("the stand-in runs: " + (Files.exists(log) ? read(log) : "")).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("the stand-in printed no port: " + read(log));
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
