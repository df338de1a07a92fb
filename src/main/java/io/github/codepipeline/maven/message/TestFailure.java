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
    private static final Pattern FRAME = Pattern.compile("^\\s*at\\s+(?:[^\\s/]+/)*([^\\s(]+)\\.([^.\\s(]+)\\(([^():]*):(\\d+)\\)");
    private static final Pattern TRACE_TYPE = Pattern.compile(
            "\\s*([\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+)(?::|\\s*$|\\s*\\n)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** {@code CartTest.total} or, for a test without a name, {@code CartTest}. */
    final String test;
    /** The line of the test class's frame, or -1. */
    final int line;
    /** {@code IndexOutOfBoundsException: Index 0 out of bounds for length 0}, or the assertion's message; may be "". */
    final String text;
    /** The whole message, before the cut: tests with the same one have the same cause. */
    final String cause;

    TestFailure(String test, int line, String text) {
        this.test = test;
        this.line = line;
        this.text = Text.cut(text, MAX_MESSAGE);
        this.cause = text;
    }

    /** {@code CartTest.total:18}, or {@code CartTest.total} without a line. */
    String label() {
        return line > 0 ? test + ":" + line : test;
    }

    /** {@code CartTest.total:18 total ==> expected: <42> but was: <41>}, {@code CartTest.total: message} without a line. */
    String line() {
        if (text.isEmpty()) {
            return label();
        }
        return label() + (line > 0 ? " " : ": ") + text;
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
        text = WHITESPACE.matcher(text).replaceAll(" ").trim();
        if (realType && !ASSERTION.matcher(typeName).matches() && !text.startsWith(typeName)) {
            text = text.isEmpty() ? typeName : typeName + ": " + text;
        } else if (text.isEmpty()) {
            text = typeName;
        }
        return new TestFailure(test, line(trace, className, methodOf(name)), text);
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
        int first = -1;
        for (String line : trace.split("\n")) {
            Matcher m = FRAME.matcher(line);
            if (!m.find()) {
                continue;
            }
            String frameClass = m.group(1);
            // nested and anonymous classes, lambdas: Cart$1, Cart$Inner
            if (frameClass.equals(className) || frameClass.startsWith(className + "$")) {
                int number = Integer.parseInt(m.group(4).length() > 9 ? "-1" : m.group(4));
                if (m.group(2).equals(method) && frameClass.equals(className)) {
                    return number;
                }
                first = first < 0 ? number : first;
            }
        }
        return first;
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
