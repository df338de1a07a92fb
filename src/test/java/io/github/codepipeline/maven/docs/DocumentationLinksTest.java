package io.github.codepipeline.maven.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.PluginDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link and anchor of the README, CONTRIBUTING, CHANGELOG, bench/README and the site's pages resolves,
 * on GitHub and on the site ({@link LinkChecker} has the rules), and every site page is in the site's menu.
 */
class DocumentationLinksTest {
    /** The project-information pages of pom.xml's {@code <reporting>}. */
    private static final List<String> PROJECT_INFO = Arrays.asList("dependency-info.html", "licenses.html", "scm.html",
            "issue-management.html", "team.html", "summary.html", "project-info.html", "plugin-info.html");
    private static final Pattern MENU_ITEM = Pattern.compile("<item\\s+name=\"[^\"]*\"\\s+href=\"([^\"]+)\"");

    private final Path root = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @Test
    void everyInternalLinkAndAnchorResolves() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String file : Arrays.asList("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "bench/README.md")) {
            files.add(root.resolve(file));
        }
        files.addAll(sitePages());
        assertThat(files).allSatisfy(file -> assertThat(file).exists());

        List<String> problems = new LinkChecker(root, generatedPages()).check(files);

        assertThat(problems).as("broken links and anchors").isEmpty();
    }

    @Test
    void everySitePageIsInTheMenuAndEveryMenuItemExists() throws Exception {
        String siteXml = new String(Files.readAllBytes(root.resolve("src/site/site.xml")), StandardCharsets.UTF_8);
        Set<String> menu = new LinkedHashSet<>();
        Matcher item = MENU_ITEM.matcher(siteXml);
        while (item.find()) {
            menu.add(item.group(1));
        }
        Set<String> pages = sitePages().stream().map(p -> p.getFileName().toString().replaceFirst("\\.md(\\.vm)?$", ".html"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(menu).as("site.xml's menu").containsAll(pages);
        Set<String> known = new LinkedHashSet<>(pages);
        known.addAll(generatedPages());
        assertThat(menu.stream().filter(href -> !href.startsWith("https://") && !known.contains(href)))
                .as("menu items that are no page of the site").isEmpty();
    }

    /** The checker itself finds what it is there to find. */
    @Test
    void brokenLinksMissingAnchorsAndLinksThatOnlyWorkInOnePlaceAreFound(@TempDir Path repo) throws IOException {
        Path site = Files.createDirectories(repo.resolve("src/site/markdown"));
        write(repo.resolve("README.md"), "# Read me\n\n## Quick start `now`\n\n[a](src/site/markdown/guide.md#limits) "
                + "[b](src/site/markdown/guide.md#no-such) [c](#quick-start-now) [d](#quick-start) [e](missing.md) "
                + "[f](src/site/markdown/guide.html) `[g](inline-code.md)`\n\n```\n[h](fenced.md)\n```\n");
        write(site.resolve("guide.md"), "# Guide\n\n<a id=\"limits\"></a>\n\n## Limits\n\n## Stopping\n\n"
                + "<a id=\"stale\"></a>\n\n## Renamed\n\n[i](other.md) [j](other.html#x) [k](../../../README.md) "
                + "[l](" + LinkChecker.REPOSITORY + "/blob/main/README.md#quick-start-now) [m](#stopping) "
                + "[n](plugin-info.html) [o](work-mojo.html) [p](" + LinkChecker.REPOSITORY + "/blob/main/nope.md)\n");
        write(site.resolve("other.md"), "# Other\n\n## X\n");

        List<String> problems = new LinkChecker(repo, new LinkedHashSet<>(Arrays.asList("plugin-info.html")))
                .check(Arrays.asList(repo.resolve("README.md"), site.resolve("guide.md")));

        assertThat(problems).containsExactlyInAnyOrder(
                "README.md:5: src/site/markdown/guide.md#no-such: src/site/markdown/guide.md has no <a id=\"no-such\"></a>"
                        + " (the site's headings have Doxia's ids, not GitHub's)",
                "README.md:5: #quick-start: README.md has no heading with the anchor #quick-start (its anchors:"
                        + " [read-me, quick-start-now])",
                "README.md:5: missing.md: missing.md does not exist",
                "README.md:5: src/site/markdown/guide.html: outside the site, link to the .md file",
                "src/site/markdown/guide.md:9: <a id=\"stale\"> is not right before the heading it names (next heading:"
                        + " renamed)",
                "src/site/markdown/guide.md:13: other.html#x: src/site/markdown/other.md has no <a id=\"x\"></a> (the"
                        + " site's headings have Doxia's ids, not GitHub's)",
                "src/site/markdown/guide.md:13: ../../../README.md leaves the site: link to " + LinkChecker.REPOSITORY
                        + "/blob/main/README.md",
                "src/site/markdown/guide.md:13: #stopping: src/site/markdown/guide.md has no <a id=\"stopping\"></a> (the"
                        + " site's headings have Doxia's ids, not GitHub's)",
                "src/site/markdown/guide.md:13: work-mojo.html: no such page of the site",
                "src/site/markdown/guide.md:13: " + LinkChecker.REPOSITORY + "/blob/main/nope.md: nope.md does not exist");
    }

    @Test
    void gitHubAnchorsOfHeadings() {
        assertThat(MarkdownPage.gitHubAnchor("A partner job's whole life")).isEqualTo("a-partner-jobs-whole-life");
        assertThat(MarkdownPage.gitHubAnchor("The pom or `.mvn/extensions.xml`")).isEqualTo("the-pom-or-mvnextensionsxml");
        assertThat(MarkdownPage.gitHubAnchor("Worker quick start (one machine, no AWS account)"))
                .isEqualTo("worker-quick-start-one-machine-no-aws-account");
        assertThat(MarkdownPage.gitHubAnchor("Big builds: composing the failure message (`bench/big-build.sh`)"))
                .isEqualTo("big-builds-composing-the-failure-message-benchbig-buildsh");
        assertThat(MarkdownPage.gitHubAnchor("What `download-input` and [upload-output](x.md) refuse"))
                .isEqualTo("what-download-input-and-upload-output-refuse");
    }

    private List<Path> sitePages() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("src/site/markdown"))) {
            return files.filter(p -> p.toString().matches(".*\\.md(\\.vm)?$")).sorted().collect(Collectors.toList());
        }
    }

    /** What {@code mvn site} generates besides src/site's pages: the project information and a page per goal. */
    private Set<String> generatedPages() throws Exception {
        Set<String> pages = new LinkedHashSet<>(PROJECT_INFO);
        Path descriptor = root.resolve("target/classes/META-INF/maven/plugin.xml");
        assertThat(descriptor).as("the plugin descriptor, generated at process-classes").exists();
        for (PluginDescriptor.Goal goal : PluginDescriptor.read(descriptor)) {
            pages.add(goal.name + "-mojo.html");
        }
        return pages;
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
