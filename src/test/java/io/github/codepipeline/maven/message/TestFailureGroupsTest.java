package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One line per cause; its count is of all the cause's tests, also of those whose names no longer fit. */
class TestFailureGroupsTest {
    private static final String NPE = "Cannot invoke \"com.example.Price.amount()\" because \"price\" is null";

    private static TestFailure npe(String method) {
        return TestFailure.of("com.example.PricingTest", method, NPE, "java.lang.NullPointerException",
                "java.lang.NullPointerException: x\n\tat com.example.PricingTest." + method + "(PricingTest.java:28)");
    }

    /**
     * Break guarded (caught by BigReportsIT alone before): the line's count taken from the names shown instead of the
     * tests. 100 tests of one cause: their names overflow the 600 characters after 26 of them, the count says 100.
     */
    @Test
    void theCountIsOfEveryTestOfTheCauseWhenTheNamesOverflowTheirShare() {
        TestFailureGroups groups = new TestFailureGroups(1_000_000);
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String method = String.format("item%03d", i);
            groups.add(npe(method));
            if (i < 26) {
                shown.add("PricingTest." + method + ":28");
            }
        }

        assertThat(groups.lines()).containsExactly("NullPointerException: " + NPE + " \u2014 100 tests: "
                + String.join(", ", shown) + ", " + Text.ELLIPSIS);
        assertThat(groups.counts()).containsExactly(100);
        assertThat(groups.tests()).isEqualTo(100);
    }

    @Test
    void namesThatFitAreAllShownWithoutAnEllipsisAndTheBiggestCauseComesFirst() {
        TestFailureGroups groups = new TestFailureGroups(1_000_000);
        groups.add(TestFailure.of("com.example.CartTest", "total", "expected: <42> but was: <41>",
                "org.opentest4j.AssertionFailedError", ""));
        groups.add(npe("hat"));
        groups.add(npe("shoe"));
        groups.add(npe("shoe")); // the same report read twice: once

        assertThat(groups.lines()).containsExactly(
                "NullPointerException: " + NPE + " \u2014 2 tests: PricingTest.hat:28, PricingTest.shoe:28",
                "CartTest.total: expected: <42> but was: <41>");
        assertThat(groups.counts()).containsExactly(2, 1);
        assertThat(groups.tests()).isEqualTo(3);
    }
}
