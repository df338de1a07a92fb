package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The tests that failed and then passed on a rerun ({@code -Dsurefire.rerunFailingTestsCount=N}: Surefire writes a
 * {@code flakyFailure} or {@code flakyError} element in a test that passed in the end), as one line:
 * {@code 2 flaky (passed on a rerun): CartTest.total, PricingTest.hat}. The names are kept up to
 * {@value #MAX_NAMES} characters; past them the count says the rest.
 */
public final class FlakyTests {
    static final int MAX_NAMES = 300;

    private final List<String> names = new ArrayList<>();
    private int namesLength;
    private int count;
    private boolean cut;

    /** @param test the report's class name and test name */
    void add(String className, String test) {
        count++;
        String name = TestFailure.simpleName(className) + (test.isEmpty() ? "" : "." + test);
        if (!cut && namesLength + name.length() <= MAX_NAMES) {
            names.add(name);
            namesLength += name.length() + 2;
        } else {
            cut = true;
        }
    }

    /** How many flaky tests the reports hold. */
    public int count() {
        return count;
    }

    /** {@code 2 flaky (passed on a rerun): CartTest.total, PricingTest.hat}, or "" when there are none. */
    public String describe() {
        if (count == 0) {
            return "";
        }
        String shown = String.join(", ", names);
        if (cut) {
            shown += (shown.isEmpty() ? "" : ", ") + Text.ELLIPSIS;
        }
        return count + " flaky (passed on a rerun): " + shown;
    }
}
