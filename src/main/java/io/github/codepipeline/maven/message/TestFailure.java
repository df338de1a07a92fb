package io.github.codepipeline.maven.message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One failing test as the message shows it: {@code CartTest.firstItem:23 IndexOutOfBoundsException: Index 0 out of
 * bounds for length 0}. Made from what a Surefire/Failsafe report holds for it: the test's class and name, the
 * {@code failure}/{@code error} element's {@code message} and {@code type} attributes, and the start of its stack
 * trace.
 *
 * <ul>
 *   <li>the line is that of the test class's own frame in the stack trace (the test method's frame when there is one,
 *       as Surefire's {@code CartTest.firstItem:23}); none when the trace has no frame of the class;</li>
 *   <li>the exception's simple type comes first for errors that are not assertion failures; assertion failures of
 *       JUnit 4/5, opentest4j, TestNG, AssertJ, Truth, Hamcrest, Groovy's power assert and Spock say what failed in
 *       their message alone;</li>
 *   <li>the <em>whole</em> message is kept, its lines joined into one (Truth's {@code value of: total() expected: 42
 *       but was : 41}, Hamcrest's {@code Expected: is <1> but: was <0>}), cut after a word at
 *       {@value #MAX_MESSAGE} characters.</li>
 * </ul>
 */
final class TestFailure {
    /** The per-test budget for the type and message. */
    static final int MAX_MESSAGE = 300;
    /** A report's {@code type} is a class name, except where a framework's {@code toString()} fooled Surefire (Truth). */
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");
    private static final Pattern ASSERTION = Pattern.compile(
            ".*(?:Assert|ComparisonFailure|MultipleFailures|ConditionNotSatisfied|ConditionFailedWith|Expectation).*");
    /** A frame; its method may hold spaces (Kotlin's backtick names: {@code at shop.CookieTest.cookie is set(CookieTest.kt:15)}). */
    private static final Pattern FRAME = Pattern.compile("^\\s*at\\s+(?:[^\\s/]+/)*([^\\s(]+)\\.([^.(]+)\\(([^():]*):(\\d+)\\)");
    private static final Pattern TRACE_TYPE = Pattern.compile(
            "\\s*([\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+)(?::|\\s*$|\\s*\\n)");
    /** A method of the class's own source ({@code setUp}), not a compiler-made {@code lambda$total$0}. */
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /**
     * A value of only whitespace between a pair of delimiters ({@code expected: <   > but was: <     >}, JUnit 4's
     * {@code <[   ]>}, {@code "  "} after an opening quote): joining the message's whitespace would make expected and
     * actual look the same.
     */
    private static final Pattern WHITESPACE_VALUE = Pattern.compile("(?<=<)\\s{2,}(?=>)|(?<=\\[)\\s{2,}(?=])"
            + "|(?<=\\()\\s{2,}(?=\\))|(?<=(?:^|[\\s:=(\\[,<])\")\\s{2,}(?=\")|(?<=(?:^|[\\s:=(\\[,<])')\\s{2,}(?=')");

    /** {@code CartTest.total} or, for a test without a name, {@code CartTest}. */
    final String test;
    /** The line of the test class's frame, or -1. */
    final int line;
    /** {@code IndexOutOfBoundsException: Index 0 out of bounds for length 0}, or the assertion's message; may be "". */
    final String text;
    /** The whole message, before the cut: tests with the same one have the same cause. */
    final String cause;
    /** The report's class and test name: which test this is, whatever its label says. */
    final String id;
    /** How many runs failed, all of them ({@code -Dsurefire.rerunFailingTestsCount}): 1 without reruns. */
    final int runs;

    TestFailure(String test, int line, String text) {
        this(test, line, text, test, 1);
    }

    private TestFailure(String test, int line, String text, String id, int runs) {
        this.test = test;
        this.line = line;
        this.text = Text.cut(text, MAX_MESSAGE);
        this.cause = text;
        this.id = id;
        this.runs = runs;
    }

    /** The same failure, which failed each of {@code runs} runs. */
    TestFailure withRuns(int runs) {
        return new TestFailure(test, line, cause, id, runs);
    }

    /**
     * {@code CartTest#total}, as Surefire's {@code -Dtest} selects the test, or "" when no plain selector does (a
     * {@code @Nested} class, a name with spaces, no name).
     */
    String selector() {
        int hash = id.lastIndexOf('#');
        if (hash < 0) {
            return "";
        }
        String className = simpleName(id.substring(0, hash));
        String name = id.substring(hash + 1);
        String method = methodOf(name);
        // A name with spaces (Kotlin's backticks, a display name) is no method a selector can name by its first word.
        boolean spaced = name.length() > method.length() && name.charAt(method.length()) == ' ';
        return !spaced && IDENTIFIER.matcher(className).matches() && IDENTIFIER.matcher(method).matches()
                ? className + "#" + method : "";
    }

    /** {@code CartTest.total:18}, or {@code CartTest.total} without a line. */
    String label() {
        return line > 0 ? test + ":" + line : test;
    }

    /**
     * {@code CartTest.total:18 total ==> expected: <42> but was: <41>}, {@code CartTest.total: message} without a
     * line; {@code … (failed 3 of 3 runs)} when it was rerun.
     */
    String line() {
        String line = text.isEmpty() ? label() : label() + (this.line > 0 ? " " : ": ") + text;
        return line + runs();
    }

    /** {@code  (failed 3 of 3 runs)}, or "" for a test run once. */
    String runs() {
        return runs > 1 ? " (failed " + runs + " of " + runs + " runs)" : "";
    }

    /**
     * @param className the report's {@code classname}, fully qualified
     * @param name the report's test {@code name} (a method, or a parameterized/dynamic test's display name)
     * @param message the {@code message} attribute, or "" (already cleaned of control characters)
     * @param type the {@code type} attribute, or ""
     * @param trace the start of the element's text (the stack trace), cleaned
     */
    static TestFailure of(String className, String name, String message, String type, String trace) {
        String simpleClass = simpleName(className);
        String test = simpleClass + (name.isEmpty() ? "" : "." + name);
        boolean realType = CLASS_NAME.matcher(type).matches();
        String typeName = realType ? simpleName(type) : "";
        if (type.isEmpty() && message.trim().isEmpty()) {
            Matcher m = TRACE_TYPE.matcher(trace);
            type = m.lookingAt() ? m.group(1) : type; // the trace's first line names the type
        }
        String text = message.trim().isEmpty() ? messageOfTrace(trace, type) : message;
        text = WHITESPACE.matcher(spellWhitespaceValues(text)).replaceAll(" ").trim();
        if (realType && !ASSERTION.matcher(typeName).matches() && !text.startsWith(typeName)) {
            text = text.isEmpty() ? typeName : typeName + ": " + text;
        } else if (text.isEmpty()) {
            text = typeName;
        }
        Frame frame = frame(trace, className, name);
        if (frame != null && frame.method != null) {
            // The line is in another method of the class (a @BeforeEach setUp): name it, as Surefire does.
            test = simpleClass + "." + frame.method;
        }
        return new TestFailure(test, frame == null ? -1 : frame.line, text, className + "#" + name, 1);
    }

    /** {@code <(30 spaces)>} for a value of 30 spaces, which the message's one-line form would show as {@code < >}. */
    static String spellWhitespaceValues(String text) {
        Matcher m = WHITESPACE_VALUE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuffer out = new StringBuffer();
        do {
            String run = m.group();
            boolean spaces = run.chars().allMatch(c -> c == ' ');
            m.appendReplacement(out, "(" + run.length() + (spaces ? " spaces)" : " whitespace characters)"));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** The text before the trace's first frame, without the {@code type: } that starts it. */
    private static String messageOfTrace(String trace, String type) {
        StringBuilder text = new StringBuilder();
        for (String line : trace.split("\n")) {
            if (FRAME.matcher(line).find() || line.trim().startsWith("at ")) {
                break;
            }
            text.append(line).append('\n');
        }
        String start = text.toString().trim();
        if (!type.isEmpty() && start.startsWith(type)) {
            start = start.substring(type.length());
            start = start.startsWith(":") ? start.substring(1) : start;
        }
        return start.trim();
    }

    /** The line of the test method's frame in the trace, else of the class's first frame, else -1. */
    static int line(String trace, String className, String method) {
        Frame frame = frame(trace, className, method);
        return frame == null ? -1 : frame.line;
    }

    /**
     * The test method's frame in the trace ({@code name} as the report gives it: a method, a Kotlin name with
     * spaces, or {@code quantities(int)[1]}), else the class's first frame, which names its method when that is
     * one of the class's own and not the test's ({@code setUp}); {@code null} when the trace has no frame of the
     * class.
     */
    private static Frame frame(String trace, String className, String name) {
        String method = methodOf(name);
        Frame first = null;
        for (String line : trace.split("\n")) {
            Matcher m = FRAME.matcher(line);
            if (!m.find()) {
                continue;
            }
            String frameClass = m.group(1);
            // nested and anonymous classes, lambdas: Cart$1, Cart$Inner
            if (frameClass.equals(className) || frameClass.startsWith(className + "$")) {
                int number = Integer.parseInt(m.group(4).length() > 9 ? "-1" : m.group(4));
                String frameMethod = m.group(2);
                boolean own = frameClass.equals(className);
                if (own && (frameMethod.equals(name) || frameMethod.equals(method))) {
                    return new Frame(null, number);
                }
                if (first == null) {
                    boolean other = own && !name.isEmpty() && IDENTIFIER.matcher(frameMethod).matches();
                    first = new Frame(other ? frameMethod : null, number);
                }
            }
        }
        return first;
    }

    /** A frame of the test class: its line, and its method when it is not the test's. */
    private static final class Frame {
        final String method;
        final int line;

        Frame(String method, int line) {
            this.method = method;
            this.line = line;
        }
    }

    /** {@code quantities} of {@code quantities(int)[1]}, {@code amount} of TestNG's {@code amount[2](2)}. */
    private static String methodOf(String name) {
        int end = name.length();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '(' || c == '[' || c == ' ') {
                end = i;
                break;
            }
        }
        return name.substring(0, end);
    }

    static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
