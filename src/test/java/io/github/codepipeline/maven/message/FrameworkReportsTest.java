package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports written by the real test frameworks (src/test/resources/reports, from it/test-frameworks). */
class FrameworkReportsTest {
    static File fixture(String module) {
        try {
            return new File(FrameworkReportsTest.class.getResource("/reports/" + module).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FailedTests read(String module) {
        return TestReports.failedTests(List.of(fixture(module)), 0, 5000);
    }

    @Test
    void junit5WithAssertJTruthAndHamcrest() {
        FailedTests tests = read("junit5");

        assertThat(tests.counts().describe()).isEqualTo("18 of 20 tests failed (13 failures, 5 errors)");
        assertThat(tests.tests()).containsExactly(
                "NullPointerException: Cannot invoke \"java.util.Map.get(Object)\" because \"this.prices\" is null"
                        + " \u2014 3 tests: PricingTest.hat:28, PricingTest.shoe:18, PricingTest.sock:23",
                "even quantity ==> expected: <0> but was: <1> \u2014 2 tests: CartTest.quantities(int)[1]:40,"
                        + " CartTest.quantities(int)[3]:40",
                "AssertionLibrariesTest.hamcrestHasItem:41 sizes Expected: a collection containing <42> but: mismatches"
                        + " were: [was <40>, was <41>]",
                "AssertionLibrariesTest.assertjEquals:46 expected: \"red shoe\" but was: \"blue shoe\"",
                "AssertionLibrariesTest.assertjThrown:57 Expecting code to raise a throwable.",
                "AssertionLibrariesTest.assertjContainsExactly:52 [cart items] Expecting actual: [\"shoe\", \"sock\"] to"
                        + " contain exactly (and in same order): [\"shoe\", \"hat\"] but some elements were not found:"
                        + " [\"hat\"] and others were not expected: [\"sock\"]",
                "AssertionLibrariesTest.truthValue:21 value of: total() expected: 42 but was : 41",
                "AssertionLibrariesTest.hamcrestIs:36 Expected: is <1> but: was <0>",
                "AssertionLibrariesTest.truthList:31 missing (1) : c unexpected (1): b --- expected : [a, c] but was : [a, b]",
                "AssertionLibrariesTest.truthWithMessage:26 value of: total() value of: total() expected: 42 but was : 41",
                "CartTest.total:18 total of the cart ==> expected: <42> but was: <41>",
                "CartTest.rejectsNegative:29 Expected java.lang.IllegalArgumentException to be thrown, but nothing was"
                        + " thrown.",
                "CartTest.firstItem:23 IndexOutOfBoundsException: Index 0 out of bounds for length 0",
                "CartTest.isEmpty:34 cart should hold more than three items ==> expected: <true> but was: <false>",
                "PricingTest.deepState:33 IllegalStateException: pricing table not loaded Caused by the missing file"
                        + " prices.csv at somewhere");
        assertThat(tests.testsPerLine()).startsWith(3, 2, 1);
        assertThat(tests.total()).isEqualTo(18);
    }

    @Test
    void junit4WithHamcrestAndTruth() {
        FailedTests tests = read("junit4");

        assertThat(tests.counts().describe()).isEqualTo("5 of 6 tests failed (4 failures, 1 error)");
        assertThat(tests.tests()).containsExactly(
                "LegacyCartTest.strings:36 expected:<[red] shoe> but was:<[blue] shoe>",
                "LegacyCartTest.hamcrest:26 count Expected: is <1> but: was <0>",
                "LegacyCartTest.total:16 total of the cart expected:<42> but was:<41>",
                "LegacyCartTest.truth:31 expected to contain: shoe but was : []",
                "LegacyCartTest.firstItem:21 IndexOutOfBoundsException: Index 0 out of bounds for length 0");
    }

    @Test
    void testng() {
        FailedTests tests = read("testng");

        // TestNG counts a test that threw as a failure: the type still says it was no assertion
        assertThat(tests.counts().describe()).isEqualTo("4 of 6 tests failed");
        assertThat(tests.tests()).containsExactly(
                "OrderTest.amount[2](2):29 expected [1] but found [2]",
                "OrderTest.lists:34 Lists differ at element [1]: c != b expected [c] but found [b]",
                "OrderTest.lookup:19 NullPointerException: Cannot invoke \"String.length()\" because the return value of"
                        + " \"java.util.Map.get(Object)\" is null",
                "OrderTest.total:13 total of the order expected [42] but found [41]");
    }

    @Test
    void aSmallShareStillCountsEveryFailingTest() {
        FailedTests tests = TestReports.failedTests(List.of(fixture("junit5")), 0, 300);

        assertThat(tests.tests()).hasSizeLessThan(5);
        assertThat(tests.total()).isEqualTo(18);
        assertThat(tests.counts().describe()).isEqualTo("18 of 20 tests failed (13 failures, 5 errors)");
    }

    @Test
    void junit5NestedClassesAreCountedAsSurefireCountsThem() {
        // Surefire: "Tests run: 9, Failures: 3, Errors: 2"; the outer class's report root says tests="0".
        FailedTests tests = read("junit5-nested");

        assertThat(tests.counts().describe()).isEqualTo("5 of 9 tests failed (3 failures, 2 errors)");
        assertThat(tests.tests()).containsExactly(
                "IllegalStateException: no database \u2014 2 tests: BrokenSetUpTest.setUp:9",
                "CartTest.quantities(int)[2]:48 expected: <true> but was: <false>",
                "CartTest$WithItems.total:22 total ==> expected: <42> but was: <41>",
                "CartTest$WithItems$Discounted.tenPercent:35 expected: <90> but was: <91>");
        assertThat(tests.total()).isEqualTo(5);
    }

    @Test
    void junit5RerunsNameTheFlakyTestAndHowManyRunsTheFailingOneFailed() {
        // Surefire: "Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Flakes: 1"; the root counts the last rerun alone.
        FailedTests tests = TestReports.failedTests(List.of(fixture("junit5-reruns")), 0, 5000,
                io.github.codepipeline.maven.config.Secrets.none(), true);

        assertThat(tests.counts().describe()).isEqualTo("1 of 3 tests failed");
        assertThat(tests.tests()).containsExactly(
                "FlakyTest.alwaysFails:18 total ==> expected: <42> but was: <41> (failed 3 of 3 runs)");
        assertThat(tests.flaky().describe()).isEqualTo("1 flaky (passed on a rerun): FlakyTest.passesOnSecondRun");
        assertThat(TestReports.testRun(List.of(fixture("junit5-reruns")), 0, true).counts().tests).isEqualTo(3);
    }
}
