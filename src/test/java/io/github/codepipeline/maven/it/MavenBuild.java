package io.github.codepipeline.maven.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a real Maven build of a project under {@code it/} as a child process: the project is copied to
 * {@code target/it-work/<test>/<project>} with {@code @plugin.version@} replaced in its XML files, and run isolated from
 * the developer's machine: a clean environment (no AWS, CodePipeline, CI, proxy or JVM-option variables leak in),
 * {@code MAVEN_SKIP_RC} (no {@code ~/.mavenrc} or {@code /etc/mavenrc}), and user and global settings files that the
 * test controls ({@code -s}, {@code -gs}; a test may pass its own {@code -s}): nothing but the local repository of the
 * outer build.
 */
public final class MavenBuild {
    public static final String ACCESS_KEY = "AKIDEXAMPLEKEY000001";
    public static final String SECRET_KEY = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    private static final long TIMEOUT_SECONDS = 300;
    /** What CI systems set and the plugin reads for the external execution ID: results must not depend on the CI. */
    private static final Pattern CI_VARIABLES = Pattern.compile("GITHUB_.*|CI_JOB_URL|CODEBUILD_.*|BUILDKITE_.*|CIRCLE_.*"
            + "|SYSTEM_COLLECTIONURI|SYSTEM_TEAMPROJECT|BUILD_BUILDID|BITBUCKET_.*|TRAVIS_.*|TEAMCITY_VERSION|BUILD_URL|BUILD_NUMBER");
    /** The plugin routes its calls through these: a developer's proxy must not stand between a test and its endpoint. */
    private static final Pattern PROXY_VARIABLES = Pattern.compile("(?i)https?_proxy|no_proxy");

    private final Path directory;
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String mavenHome = System.getProperty("maven.home");

    private MavenBuild(Path directory) {
        this.directory = directory;
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        environment.put("AWS_REGION", "us-east-1");
        // Keep the developer's AWS files and EC2 metadata out of the tests.
        environment.put("AWS_CONFIG_FILE", directory.resolve("no-aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", directory.resolve("no-aws-credentials").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    /** A fresh copy of {@code it/<project>} for the test {@code testName}. */
    public static MavenBuild of(String project, String testName) {
        Path source = Paths.get(required("it.projects")).resolve(project);
        Path target = Paths.get(required("it.work")).resolve(testName).resolve(project);
        copy(source, target);
        return new MavenBuild(target);
    }

    /** An empty folder, for goals that need no project. */
    public static MavenBuild emptyFolder(String testName) {
        Path target = Paths.get(required("it.work")).resolve(testName).resolve("empty");
        try {
            delete(target);
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MavenBuild(target);
    }

    /** A build in a folder an earlier build (say, download-input) filled. */
    public static MavenBuild in(Path directory) {
        return new MavenBuild(directory);
    }

    public static String pluginVersion() {
        return required("plugin.version");
    }

    public static String goal(String goal) {
        return "io.github.codepipeline.maven:codepipeline-maven-plugin:" + pluginVersion() + ":" + goal;
    }

    public MavenBuild env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    public MavenBuild args(String... args) {
        arguments.addAll(Arrays.asList(args));
        return this;
    }

    public MavenBuild mavenHome(String home) {
        this.mavenHome = home;
        return this;
    }

    /** Runs Maven on the JDK at {@code home} (its {@code JAVA_HOME}) instead of the JDK that runs the tests. */
    public MavenBuild javaHome(String home) {
        return env("JAVA_HOME", home);
    }

    /** Sets {@code MAVEN_OPTS} (the JVM options of the Maven process), which is otherwise removed from the environment. */
    public MavenBuild mavenOpts(String options) {
        return env("MAVEN_OPTS", options);
    }

    /** Starts Maven's JVM with C1 only: half the start-up time, for builds that do little but start and report. */
    public MavenBuild quickJvm() {
        return mavenOpts("-XX:TieredStopAtLevel=1");
    }

    public Path directory() {
        return directory;
    }

    public Result run() {
        return start().waitFor(TIMEOUT_SECONDS);
    }

    /** Starts the build and returns at once; the caller waits, or signals the Maven process. */
    public Running start() {
        List<String> command = new ArrayList<>(SignalDisposition.LAUNCHER);
        command.add(Paths.get(mavenHome, "bin", "mvn").toString());
        command.add("-B");
        command.add("-Dmaven.repo.local=" + required("it.localRepository"));
        command.add("-Dstyle.color=never");
        if (!arguments.contains("-s")) {
            command.add("-s");
            command.add(settings("it-settings.xml", "<localRepository>" + required("it.localRepository") + "</localRepository>"));
        }
        if (!arguments.contains("-gs") && !arguments.contains("-is")) {
            // Maven 4 calls the global settings "installation settings" (-is) and warns about -gs.
            command.add(isMaven4() ? "-is" : "-gs");
            command.add(settings("it-global-settings.xml", ""));
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("CODEPIPELINE_")
                || name.equals("MAVEN_OPTS") || name.equals("MAVEN_ARGS") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS")
                || CI_VARIABLES.matcher(name).matches() || PROXY_VARIABLES.matcher(name).matches());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MAVEN_SKIP_RC", "true");
        env.putAll(environment);
        File log = directory.resolve("build.log").toFile();
        builder.redirectOutput(log);
        try {
            return new Running(builder.start(), log.toPath(), directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@link #mavenHome} is Maven 4 (the only one with the {@code maven-api-*} jars). */
    private boolean isMaven4() {
        File[] jars = Paths.get(mavenHome, "lib").toFile().listFiles((dir, name) -> name.startsWith("maven-api-"));
        return jars != null && jars.length > 0;
    }

    /** A settings file beside the project (outside its folder, so the project's files stay as in {@code it/}). */
    private String settings(String name, String content) {
        Path file = directory.resolveSibling(name);
        try {
            Files.write(file, ("<settings>" + content + "</settings>\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the ITs with mvn verify");
        }
        return value;
    }

    private static void copy(Path source, Path target) {
        try {
            delete(target);
            Files.walkFileTree(source, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.getFileName().toString().equals("target")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(target.resolve(source.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path to = target.resolve(source.relativize(file));
                    if (file.getFileName().toString().endsWith(".xml")) { // pom.xml, .mvn/extensions.xml
                        String pom = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                        Files.write(to, pom.replace("@plugin.version@", pluginVersion()).getBytes(StandardCharsets.UTF_8));
                    } else {
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A build under way. {@code bin/mvn} ends in {@code exec java}, so the process is Maven's JVM itself. */
    public static final class Running {
        private final Process process;
        private final Path log;
        private final Path directory;
        private final long start = System.nanoTime();

        Running(Process process, Path log, Path directory) {
            this.process = process;
            this.log = log;
            this.directory = directory;
        }

        public String log() {
            try {
                return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until the log contains {@code text}. */
        public void awaitLog(String text, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!log().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("'" + text + "' did not appear in the log of " + directory + ":\n" + log());
                }
                Thread.sleep(100);
            }
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Ends Maven's JVM at once (SIGKILL), when a test gives up on it. */
        public void destroy() {
            process.destroyForcibly();
        }

        /** Sends a signal (TERM, INT, ...) to Maven's JVM. */
        public void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + name + " failed");
            }
        }

        public Result waitFor(long seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("mvn did not finish within " + seconds + " s in " + directory + ":\n" + log());
                }
                return new Result(process.exitValue(), log(), (System.nanoTime() - start) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** What a build did: exit code, everything it printed, and how long it took. */
    public static final class Result {
        public final int exitCode;
        public final String log;
        public final long millis;

        Result(int exitCode, String log, long millis) {
            this.exitCode = exitCode;
            this.log = log;
            this.millis = millis;
        }

        /** Lines of the log containing {@code text}. */
        public List<String> lines(String text) {
            List<String> lines = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (line.contains(text)) {
                    lines.add(line);
                }
            }
            return lines;
        }

        @Override
        public String toString() {
            return "exit code " + exitCode + ", log:\n" + log;
        }
    }
}
