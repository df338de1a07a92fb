package io.github.codepipeline.maven.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Markdown page offers and asks for, as far as links go: the anchors GitHub gives its headings, the explicit
 * {@code <a id="…"></a>} anchors (the site's ids are Doxia's, {@code A_partner_job.27s_whole_life}, so a link into a
 * site page needs one), and the links of its text. Fenced code blocks and inline code hold neither.
 */
final class MarkdownPage {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"\\s*>\\s*</a>");
    private static final Pattern LINK = Pattern.compile("!?\\[((?:[^\\[\\]]|\\[[^\\]]*])*)]\\(\\s*<?([^()\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");

    /** A link as written, with the line it is on. */
    static final class Link {
        final int line;
        final String target;

        Link(int line, String target) {
            this.line = line;
            this.target = target;
        }
    }

    /** An explicit anchor and the GitHub anchor of the heading that follows it (null: no heading follows). */
    static final class Explicit {
        final int line;
        final String id;
        final String nextHeading;

        Explicit(int line, String id, String nextHeading) {
            this.line = line;
            this.id = id;
            this.nextHeading = nextHeading;
        }
    }

    final Path file;
    final Set<String> headingAnchors = new LinkedHashSet<>();
    final Set<String> explicitAnchors = new LinkedHashSet<>();
    final List<Explicit> explicit = new ArrayList<>();
    final List<Link> links = new ArrayList<>();

    private MarkdownPage(Path file) {
        this.file = file;
    }

    static MarkdownPage read(Path file) throws IOException {
        return parse(file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    static MarkdownPage parse(Path file, String text) {
        MarkdownPage page = new MarkdownPage(file);
        Map<String, Integer> seen = new HashMap<>();
        List<Explicit> waiting = new ArrayList<>();
        String fence = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.trim();
            if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                fence = trimmed.substring(0, 3);
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = gitHubAnchor(heading.group(2));
                int count = seen.merge(anchor, 1, Integer::sum);
                String unique = count == 1 ? anchor : anchor + "-" + (count - 1);
                page.headingAnchors.add(unique);
                for (Explicit e : waiting) {
                    page.explicit.add(new Explicit(e.line, e.id, unique));
                }
                waiting.clear();
            } else if (!trimmed.isEmpty() && !EXPLICIT_ANCHOR.matcher(trimmed).matches()) {
                for (Explicit e : waiting) {
                    page.explicit.add(new Explicit(e.line, e.id, null));
                }
                waiting.clear();
            }
            String prose = INLINE_CODE.matcher(line).replaceAll("");
            Matcher anchor = EXPLICIT_ANCHOR.matcher(prose);
            while (anchor.find()) {
                page.explicitAnchors.add(anchor.group(1));
                waiting.add(new Explicit(i + 1, anchor.group(1), null));
            }
            Matcher link = LINK.matcher(prose);
            while (link.find()) {
                page.links.add(new Link(i + 1, link.group(2)));
            }
        }
        for (Explicit e : waiting) {
            page.explicit.add(new Explicit(e.line, e.id, null));
        }
        return page;
    }

    /**
     * GitHub's anchor of a heading: its text as rendered (no code marks, link targets or emphasis), lower case, with
     * every character but letters, digits, spaces, hyphens and underscores removed, and spaces as hyphens.
     */
    static String gitHubAnchor(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "")
                .replace("`", "").replace("*", "");
        StringBuilder anchor = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                anchor.appendCodePoint(c);
            } else if (c == ' ') {
                anchor.append('-');
            }
        });
        return anchor.toString();
    }
}
