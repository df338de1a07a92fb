package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.PluginDescriptor;
import io.github.codepipeline.maven.PluginDescriptor.Goal;
import io.github.codepipeline.maven.PluginDescriptor.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The release profile and the site, as CONTRIBUTING.md has them ({@code mvn -Prelease package
 * -Dgpg.skip}, {@code mvn site}), in one Maven run on a copy of this project: its pom, main sources and site, not its
 * tests (they are this build's business). Then what Maven Central takes and what users read is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseIT {
    private static final Path PROJECT = Paths.get(System.getProperty("it.projects")).getParent();
    private static final String NAME = "codepipeline-maven-plugin-" + MavenBuild.pluginVersion();

    private MavenBuild build;
    private MavenBuild.Result result;

    /**
     * One Maven run for both, the site first: once the shade plugin has written the dependency-reduced POM under
     * target/, the rest of a Maven run takes target/ for the project's base directory and would miss src/site.
     */
    @BeforeAll
    void buildTheSiteAndTheRelease() {
        build = copyOfThisProject("release");
        result = build.args("-Prelease", "-Dgpg.skip", "site", "package").run();
        assertThat(result.exitCode).as(result.toString()).isZero();
    }

    @Test
    void releaseHasThePluginJarItsSourcesAndItsJavadoc() throws IOException {
        Path target = build.directory().resolve("target");
        try (JarFile plugin = new JarFile(target.resolve(NAME + ".jar").toFile())) {
            // The shaded plugin jar: its descriptor and the relocated SDK.
            assertThat(plugin.getEntry("META-INF/maven/plugin.xml")).isNotNull();
            assertThat(Collections.list(plugin.entries())).extracting(JarEntry::getName)
                    .anyMatch(name -> name.startsWith("io/github/codepipeline/maven/shaded/awssdk/services/codepipeline/"));
        }
        assertThat(target.resolve(NAME + "-sources.jar")).isRegularFile();
        assertThat(target.resolve(NAME + "-javadoc.jar")).isRegularFile();
        // -Dgpg.skip: nothing signed (and, with it, the key check skipped).
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".asc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(result.log).contains("Skipping Rule Enforcement.");
    }

    /** The plugin's own sources, all of them, and nothing of the AWS SDK it bundles. */
    @Test
    void sourcesJarHoldsThePluginsOwnSources() throws IOException {
        Set<String> own;
        Path sources = PROJECT.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            own = files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> sources.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> jar = javaFiles(build.directory().resolve("target/" + NAME + "-sources.jar"));

        assertThat(jar).containsAll(own);
        // Besides ours, only the help goal maven-plugin-plugin generates.
        assertThat(jar).containsOnlyElementsOf(union(own, "io/github/codepipeline/maven/codepipeline_maven_plugin/HelpMojo.java"));
    }

    @Test
    void javadocJarDocumentsTheGoals() throws IOException {
        try (JarFile jar = new JarFile(build.directory().resolve("target/" + NAME + "-javadoc.jar").toFile())) {
            assertThat(jar.getEntry("index.html")).isNotNull();
            assertThat(jar.getEntry("io/github/codepipeline/maven/ReportFailureMojo.html")).isNotNull();
            assertThat(jar.getEntry("io/github/codepipeline/maven/ReportSuccessMojo.html")).isNotNull();
        }
    }

    /** One page per goal, with every parameter of the plugin descriptor: its property, default and since. */
    @Test
    void siteHasAPagePerGoalWithEveryParameter() throws Exception {
        Path site = build.directory().resolve("target/site");
        List<Goal> goals = PluginDescriptor.read(build.directory().resolve("target/classes/META-INF/maven/plugin.xml"));
        assertThat(goals).extracting(goal -> goal.name).contains("report-failure", "report-success", "job-details");
        assertThat(site.resolve("plugin-info.html")).isRegularFile();
        // usage.md.vm: the coordinates are filled in.
        assertThat(read(site.resolve("usage.html"))).contains("&lt;artifactId&gt;codepipeline-maven-plugin&lt;/artifactId&gt;")
                .contains("&lt;version&gt;" + MavenBuild.pluginVersion() + "&lt;/version&gt;");
        for (Goal goal : goals) {
            String page = read(site.resolve(goal.name + "-mojo.html"));
            assertThat(page).as(goal.name).contains("codepipeline:" + goal.name);
            for (Parameter parameter : goal.parameters) {
                String details = details(page, parameter.name);
                assertThat(details).as(goal.name + " " + parameter.name).isNotNull();
                if (parameter.property != null) {
                    assertThat(details).contains("<strong>User Property</strong>: <code>" + parameter.property + "</code>");
                }
                if (parameter.defaultValue != null) {
                    assertThat(details).contains("<strong>Default</strong>: <code>" + parameter.defaultValue + "</code>");
                }
                if (!goal.isHelp()) {
                    assertThat(details).contains("<strong>Since</strong>: <code>0.1.0</code>");
                }
            }
        }
    }

    /**
     * Every page of src/site/markdown is rendered, maven-site-plugin prints no warning, and every relative link and
     * anchor of the rendered site resolves: a page of the site, an id on it.
     */
    @Test
    void siteRendersEveryPageWithoutAWarningAndItsLinksResolve() throws IOException {
        Path site = build.directory().resolve("target/site");
        String log = result.log;
        int start = log.indexOf("--- maven-site-plugin:");
        assertThat(start).as(result.toString()).isNotNegative();
        int end = log.indexOf("\n[INFO] --- ", start + 1);
        assertThat(log.substring(start, end < 0 ? log.length() : end)).as("the site's part of the log")
                .doesNotContain("[WARNING]").doesNotContain("[ERROR]");
        try (Stream<Path> pages = Files.list(PROJECT.resolve("src/site/markdown"))) {
            assertThat(pages.map(page -> page.getFileName().toString().replaceFirst("\\.md(\\.vm)?$", ".html")))
                    .allSatisfy(page -> assertThat(site.resolve(page)).isRegularFile());
        }
        Pattern id = Pattern.compile("\\b(?:id|name)=\"([^\"]+)\"");
        Pattern href = Pattern.compile("\\bhref=\"([^\"]+)\"");
        Map<String, Set<String>> ids = new HashMap<>();
        List<Path> html;
        try (Stream<Path> files = Files.list(site)) {
            html = files.filter(file -> file.toString().endsWith(".html")).collect(Collectors.toList());
        }
        for (Path page : html) {
            Set<String> on = new TreeSet<>();
            Matcher m = id.matcher(read(page));
            while (m.find()) {
                on.add(m.group(1));
            }
            ids.put(page.getFileName().toString(), on);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : html) {
            Matcher link = href.matcher(read(page));
            while (link.find()) {
                String target = link.group(1).replace("&amp;", "&");
                if (target.matches("^([a-z][a-z0-9+.-]*:|//).*")) {
                    continue;
                }
                String path = target.replaceFirst("#.*", "");
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                String name = path.isEmpty() ? page.getFileName().toString() : path;
                if (!path.isEmpty() && !Files.exists(site.resolve(path))) {
                    broken.add(page.getFileName() + ": " + target);
                } else if (anchor != null && !anchor.isEmpty() && ids.containsKey(name) && !ids.get(name).contains(anchor)) {
                    broken.add(page.getFileName() + ": " + target + " (no such id)");
                }
            }
        }
        assertThat(broken).as("links of the rendered site").isEmpty();
    }

    /** Without -Dgpg.skip and no key, the profile stops at once with one line saying what to do. */
    @Test
    void releaseWithoutAKeySaysSoInOneLine() {
        MavenBuild.Result unsigned = copyOfThisProject("release-without-key").args("-Prelease", "validate").run();

        assertThat(unsigned.exitCode).as(unsigned.toString()).isEqualTo(1);
        assertThat(unsigned.lines("The release profile signs the artifacts")).containsExactly(
                "[ERROR] The release profile signs the artifacts: set -Dgpg.keyname=KEY_ID (a secret key in your gpg "
                        + "keyring, or a gpg.keyname property in settings.xml), or build unsigned with -Dgpg.skip.");
    }

    /** The parameter's section of a goal page, from its heading on. */
    private static String details(String page, String parameter) {
        int start = page.indexOf("<h3>&lt;" + parameter + "&gt;</h3>");
        return start < 0 ? null : page.substring(start, page.indexOf("</section>", start));
    }

    private static MavenBuild copyOfThisProject(String testName) {
        MavenBuild build = MavenBuild.emptyFolder(testName);
        for (String path : new String[] {"pom.xml", "LICENSE", "src/main", "src/site"}) {
            copy(PROJECT.resolve(path), build.directory().resolve(path));
        }
        return build;
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> javaFiles(Path jarFile) throws IOException {
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            return Collections.list(jar.entries()).stream().map(JarEntry::getName).filter(name -> name.endsWith(".java"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> union(Set<String> set, String element) {
        Set<String> union = new TreeSet<>(set);
        union.add(element);
        return union;
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
