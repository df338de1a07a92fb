package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The count line of a module whose tests failed: {@code 3 of 412 tests failed (2 failures, 1 error)}. */
class FailedTestsCountsTest {
    private static String describe(int tests, int failures, int errors) {
        return new FailedTests.Counts(tests, failures, errors).describe();
    }

    /** Break guarded (caught by an IT alone before): the singular of one test run. */
    @Test
    void oneTestRunAndFailedIsSingular() {
        assertThat(describe(1, 1, 0)).isEqualTo("1 of 1 test failed");
        assertThat(describe(1, 0, 1)).isEqualTo("1 of 1 test failed (1 error)");
    }

    @Test
    void failuresAndErrorsAreCountedApartAndPluralised() {
        assertThat(describe(412, 2, 1)).isEqualTo("3 of 412 tests failed (2 failures, 1 error)");
        assertThat(describe(412, 1, 2)).isEqualTo("3 of 412 tests failed (1 failure, 2 errors)");
        assertThat(describe(2, 2, 0)).isEqualTo("2 of 2 tests failed");
        assertThat(describe(5, 0, 3)).isEqualTo("3 of 5 tests failed (3 errors)");
    }

    @Test
    void fewerTestsThanFailuresIsNotSaidAndNoFailureSaysNothing() {
        assertThat(describe(0, 2, 0)).isEqualTo("2 tests failed");
        assertThat(describe(0, 0, 1)).isEqualTo("1 test failed (1 error)");
        assertThat(describe(5, 0, 0)).isEmpty();
        assertThat(describe(0, 0, 0)).isEmpty();
    }
}
