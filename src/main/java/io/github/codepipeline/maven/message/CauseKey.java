package io.github.codepipeline.maven.message;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes two failed modules' causes the same, so that they share one section ({@link Section#cause}): the goal,
 * header and details with the module's own name (as written, and as packages spell it: {@code shop-api},
 * {@code shopapi}, {@code shop.api}, {@code shop_api}), paths and compiler source positions taken out.
 */
final class CauseKey {
    /** A compiler error's source position, as the details show it ({@code Cart.java:[5,9]}): where, not what. */
    private static final Pattern SOURCE_POSITION = Pattern.compile("[^\\s/\\\\]+\\.(?:java|kt|groovy|scala):\\[\\d+,\\d+\\]");
    /** A file path or URL path ({@code /home/ci/work/api/target}, {@code C:\\work\\api}): where, not what. */
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?(?:[/\\\\][^/\\\\\\s:;,'\"()\\[\\]<>]+)+[/\\\\]?");

    private CauseKey() {}

    /** Sets the section's {@link Section#cause}: its header after the name, and its details, as {@link #of} says. */
    static Section withCause(Section section, String moduleName) {
        StringBuilder text = new StringBuilder(section.rest()).append('\n').append(section.omitted());
        for (String line : section.details) {
            text.append('\n').append(line);
        }
        section.cause = of(text.toString(), moduleName);
        return section;
    }

    /** {@code text} without the module's name, paths and compiler source positions. */
    static String of(String text, String moduleName) {
        String key = text;
        if (moduleName != null && !moduleName.isEmpty()) {
            Set<String> spellings = new LinkedHashSet<>(Arrays.asList(moduleName, moduleName.replaceAll("[-_.]", ""),
                    moduleName.replaceAll("[-_.]", "."), moduleName.replaceAll("[-_.]", "_")));
            for (String spelling : spellings) {
                if (!spelling.isEmpty()) {
                    key = Pattern.compile("(?<![\\p{Alnum}])" + Pattern.quote(spelling) + "(?![\\p{Alnum}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(key).replaceAll("\u0000module");
                }
            }
        }
        key = SOURCE_POSITION.matcher(key).replaceAll("\u0000source");
        return PATH.matcher(key).replaceAll("\u0000path");
    }
}
