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

    /** How many of {@code failures} were added when the share was full, or -1 when it never was. */
    private static int addedUntilFull(int share, TestFailure... failures) {
        TestFailureGroups groups = new TestFailureGroups(share);
        for (int i = 0; i < failures.length; i++) {
            groups.add(failures[i]);
            if (groups.full()) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * What a test costs the share: a new cause its line and 5; the second test of a cause what it adds to the line,
     * and 8; a later one its name, 2 and 8.
     */
    @Test
    void eachTestIsChargedWhatItAddsToTheMessage() {
        TestFailure hat = npe("hat");
        TestFailure shoe = npe("shoe");
        TestFailure sock = npe("sock");
        TestFailureGroups two = new TestFailureGroups(1_000_000);
        two.add(hat);
        two.add(shoe);
        int first = hat.line().length() + 5;
        int second = two.lines().get(0).length() - hat.line().length() + 8;
        int third = sock.label().length() + 2 + 8;

        assertThat(addedUntilFull(first, hat, shoe, sock)).isEqualTo(1);
        assertThat(addedUntilFull(first + 1, hat, shoe, sock)).isEqualTo(2);
        assertThat(addedUntilFull(first + second, hat, shoe, sock)).isEqualTo(2);
        assertThat(addedUntilFull(first + second + 1, hat, shoe, sock)).isEqualTo(3);
        assertThat(addedUntilFull(first + second + third, hat, shoe, sock)).isEqualTo(3);
        assertThat(addedUntilFull(first + second + third + 1, hat, shoe, sock)).isEqualTo(-1);
    }

    /** Names are added while they take less than 600 characters: at exactly 600 the next one is counted only. */
    @Test
    void atExactly600CharactersOfNamesTheNextTestIsOnlyCounted() {
        TestFailureGroups groups = new TestFailureGroups(1_000_000);
        List<String> shown = new ArrayList<>();
        // 22 + 23 * (22 + 2) + (24 + 2) = 600 characters of names
        for (int i = 0; i < 24; i++) {
            String method = String.format("item%03d", i);
            groups.add(npe(method));
            shown.add("PricingTest." + method + ":28");
        }
        groups.add(npe("item00024"));
        shown.add("PricingTest.item00024:28");
        groups.add(npe("item999"));

        assertThat(groups.lines()).containsExactly("NullPointerException: " + NPE + " \u2014 26 tests: "
                + String.join(", ", shown) + ", " + Text.ELLIPSIS);
    }
}
