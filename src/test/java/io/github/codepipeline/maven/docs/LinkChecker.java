package io.github.codepipeline.maven.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the relative links and anchors of the project's Markdown: the README, CONTRIBUTING, CHANGELOG,
 * bench/README and the site's pages ({@code src/site/markdown}). A link works in both places it is read:
 * <ul>
 * <li>on GitHub, where a {@code .md} file is shown as it is and a heading's anchor is GitHub's
 * ({@link MarkdownPage#gitHubAnchor});</li>
 * <li>on the site ({@code mvn site}), where Doxia turns a site page's {@code x.md} links into {@code x.html}, gives
 * headings ids of its own and knows nothing outside {@code src/site/markdown}: a site page links to another site
 * page, to a generated page ({@code plugin-info.html}, a goal's {@code <goal>-mojo.html}, the project information),
 * or to a file of the repository by its GitHub address; an anchor into a site page is an explicit
 * {@code <a id="…"></a>} right before the heading it names, with the heading's GitHub anchor as its id.</li>
 * </ul>
 * Addresses of this repository on GitHub ({@link #REPOSITORY}) are checked as the local files they name.
 */
final class LinkChecker {
    static final String REPOSITORY = "https://github.com/codepipeline/codepipeline-maven-plugin";
    private static final String BLOB = REPOSITORY + "/blob/main/";

    private final Path root;
    private final Path site;
    private final Set<String> generatedPages;
    private final Map<Path, MarkdownPage> pages = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * @param root           the repository's root
     * @param generatedPages the pages {@code mvn site} generates, such as {@code plugin-info.html}
     */
    LinkChecker(Path root, Set<String> generatedPages) {
        this.root = root.toAbsolutePath().normalize();
        this.site = this.root.resolve("src/site/markdown");
        this.generatedPages = generatedPages;
    }

    List<String> check(List<Path> files) throws IOException {
        for (Path file : files) {
            MarkdownPage page = page(file);
            for (MarkdownPage.Explicit anchor : page.explicit) {
                if (!anchor.id.equals(anchor.nextHeading)) {
                    problem(page, anchor.line, "<a id=\"" + anchor.id + "\"> is not right before the heading it names"
                            + " (next heading: " + anchor.nextHeading + ")");
                }
            }
            for (MarkdownPage.Link link : page.links) {
                check(page, link);
            }
        }
        return problems;
    }

    private void check(MarkdownPage page, MarkdownPage.Link link) throws IOException {
        String target = link.target;
        if (target.startsWith(BLOB)) {
            checkFile(page, link, root, target.substring(BLOB.length()), false);
        } else if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return; // another site, mailto:
        } else {
            boolean fromSite = isSitePage(page.file);
            checkFile(page, link, page.file.getParent(), target, fromSite);
        }
    }

    private void checkFile(MarkdownPage page, MarkdownPage.Link link, Path base, String relative, boolean fromSite)
            throws IOException {
        String target = link.target;
        int hash = relative.indexOf('#');
        String path = hash < 0 ? relative : relative.substring(0, hash);
        String anchor = hash < 0 ? null : relative.substring(hash + 1);
        Path file = path.isEmpty() ? page.file : base.resolve(path).normalize();
        if (fromSite && !path.isEmpty()) {
            if (!file.startsWith(site)) {
                problem(page, link.line, target + " leaves the site: link to " + BLOB + root.relativize(file));
                return;
            }
            if (path.endsWith(".html")) {
                String name = path.substring(0, path.length() - ".html".length());
                Path markdown = site.resolve(name + ".md");
                Path velocity = site.resolve(name + ".md.vm");
                if (Files.exists(markdown) || Files.exists(velocity)) {
                    file = Files.exists(markdown) ? markdown : velocity;
                } else if (generatedPages.contains(path)) {
                    return;
                } else {
                    problem(page, link.line, target + ": no such page of the site");
                    return;
                }
            }
        } else if (path.endsWith(".html")) {
            problem(page, link.line, target + ": outside the site, link to the .md file");
            return;
        }
        if (!Files.exists(file)) {
            problem(page, link.line, target + ": " + root.relativize(file) + " does not exist");
            return;
        }
        if (anchor == null || Files.isDirectory(file) || !file.toString().matches(".*\\.md(\\.vm)?$")) {
            return;
        }
        MarkdownPage into = page(file);
        if (isSitePage(file)) {
            if (!into.explicitAnchors.contains(anchor)) {
                problem(page, link.line, target + ": " + root.relativize(file) + " has no <a id=\"" + anchor
                        + "\"></a> (the site's headings have Doxia's ids, not GitHub's)");
            }
        } else if (!into.headingAnchors.contains(anchor) && !into.explicitAnchors.contains(anchor)) {
            problem(page, link.line, target + ": " + root.relativize(file) + " has no heading with the anchor #"
                    + anchor + " (its anchors: " + into.headingAnchors + ")");
        }
    }

    private boolean isSitePage(Path file) {
        return file.toAbsolutePath().normalize().startsWith(site);
    }

    private MarkdownPage page(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        MarkdownPage page = pages.get(key);
        if (page == null) {
            page = MarkdownPage.read(key);
            pages.put(key, page);
        }
        return page;
    }

    private void problem(MarkdownPage page, int line, String what) {
        problems.add(root.relativize(page.file.toAbsolutePath().normalize()) + ":" + line + ": " + what);
    }
}
