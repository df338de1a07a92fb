package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestFailureTest {
    @Test
    void theTestMethodsFrameGivesTheLineEvenBelowAHelperOfTheSameClass() {
        String trace = "java.lang.NullPointerException: boom\n\tat com.example.PriceTest.price(PriceTest.java:13)\n"
                + "\tat com.example.PriceTest.shoe(PriceTest.java:18)\n\tat java.base/jdk.internal.Method.invoke(Method.java:1)";

        assertThat(TestFailure.of("com.example.PriceTest", "shoe", "boom", "java.lang.NullPointerException", trace).line())
                .isEqualTo("PriceTest.shoe:18 NullPointerException: boom");
        assertThat(TestFailure.line(trace, "com.example.PriceTest", "other")).isEqualTo(13);
        assertThat(TestFailure.line(trace, "com.example.Else", "shoe")).isEqualTo(-1);
    }

    @Test
    void aNestedClassOrLambdaFrameCountsForItsTestClass() {
        String trace = "java.lang.AssertionError: x\n\tat com.example.CartTest$Inner.lambda$check$0(CartTest.java:77)";

        assertThat(TestFailure.line(trace, "com.example.CartTest", "check")).isEqualTo(77);
    }

    @Test
    void withoutAMessageAttributeTheTraceGivesTheMessage() {
        String trace = "java.lang.IllegalStateException: not ready\nsecond line\n\tat a.B.c(B.java:1)";

        assertThat(TestFailure.of("a.XTest", "y", "", "java.lang.IllegalStateException", trace).line())
                .isEqualTo("XTest.y: IllegalStateException: not ready second line");
    }

    @Test
    void aGroovyNullPointerKeepsItsType() {
        assertThat(TestFailure.of("shop.SpecTest", "puts", "Cannot invoke method put() on null object",
                "java.lang.NullPointerException", "").line())
                .isEqualTo("SpecTest.puts: NullPointerException: Cannot invoke method put() on null object");
    }

    @Test
    void assertionTypesAndFooledTypesAreNotShown() {
        assertThat(TestFailure.of("a.T", "m", "x", "org.codehaus.groovy.runtime.powerassert.PowerAssertionError", "").text)
                .isEqualTo("x");
        assertThat(TestFailure.of("a.T", "m", "value of: f()\nexpected: 1", "value of", "").text)
                .isEqualTo("value of: f() expected: 1");
        assertThat(TestFailure.of("a.T", "m", "", "java.lang.StackOverflowError", "").text).isEqualTo("StackOverflowError");
    }

    @Test
    void aLongMessageIsCutAfterAWordWithinTheBudget() {
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            message.append("word").append(i).append(' ');
        }
        String text = TestFailure.of("a.T", "m", message.toString(), "java.lang.AssertionError", "").text;

        assertThat(text).hasSizeLessThanOrEqualTo(TestFailure.MAX_MESSAGE).endsWith("\u2026").doesNotContain("  ");
        assertThat(text.substring(0, text.length() - 1)).matches(".* word\\d+");
    }
}
