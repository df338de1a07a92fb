package io.github.codepipeline.maven.message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A goal's headline made short enough to be kept whole up to the facts it states: Maven's wrapping words go (the
 * section's header names the goal already), so do the Java type names of the exceptions it quotes; the error's own
 * words stay. {@code Execution greet of goal it.example:x:1.0:hello failed: Unable to load the mojo 'hello' …
 * due to an API incompatibility: org.codehaus.plexus.component.repository.exception.ComponentLookupException:
 * com/example/HelloMojo has been compiled by a more recent version of the Java Runtime (class file version 65.0),
 * this version of the Java Runtime only recognizes class file versions up to 61.0} keeps both versions, and
 * says which Java each is.
 */
final class Headline {
    /** Maven's {@code Failed to execute goal … on project api: }: the section's header names the module and goal. */
    private static final Pattern GOAL_PREFIX = Pattern.compile("^Failed to execute goal .*? on project [^:]+: ");
    /** Maven's {@code PluginExecutionException} words: the goal and execution are in the section's header. */
    private static final Pattern EXECUTION_FAILED = Pattern.compile("^Execution \\S+ of goal \\S+ failed: (?=\\S)");
    /** A quoted exception's Java type after another's words: {@code …: org.x.FooException: }. */
    private static final Pattern QUOTED_TYPE = Pattern.compile(
            "(?<=: )(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): (?=\\S)");
    /** {@code class file version 65.0}: which Java that is, for a reader who does not know the numbers. */
    private static final Pattern CLASS_FILE_VERSION = Pattern.compile("(class file versions?(?: up to)? )(\\d{2})\\.0(?! \\(Java)");

    private Headline() {}

    /** {@code text} without Maven's {@code Failed to execute goal … on project api: } at its start. */
    static String withoutGoalPrefix(String text) {
        return GOAL_PREFIX.matcher(text).replaceFirst("");
    }

    static String compact(String headline) {
        String text = EXECUTION_FAILED.matcher(headline).replaceFirst("");
        text = QUOTED_TYPE.matcher(text).replaceAll("");
        Matcher m = CLASS_FILE_VERSION.matcher(text);
        StringBuffer sb = new StringBuffer();
        while (m.find()) {
            int major = Integer.parseInt(m.group(2));
            String java = major >= 49 ? " (Java " + (major - 44) + ")" : "";
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + ".0" + java));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
