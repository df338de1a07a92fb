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

    @Test
    void aKotlinNameWithSpacesKeepsItsLine() {
        TestFailure failure = TestFailure.of("shop.TestCookie", "cookie set on unspecified path is set to root URL",
                "expected: </> but was: <null>", "org.opentest4j.AssertionFailedError",
                "org.opentest4j.AssertionFailedError: expected: </> but was: <null>\n"
                        + "\tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:150)\n"
                        + "\tat shop.TestCookie.cookie set on unspecified path is set to root URL(TestCookie.kt:15)\n");

        assertThat(failure.line()).isEqualTo("TestCookie.cookie set on unspecified path is set to root URL:15"
                + " expected: </> but was: <null>");
    }

    @Test
    void aLineInAnotherMethodOfTheClassNamesThatMethod() {
        TestFailure failure = TestFailure.of("shop.TestBrokenEach", "deletes users", "boom",
                "java.lang.IllegalStateException", "java.lang.IllegalStateException: boom\n"
                        + "\tat shop.TestBrokenEach.setUp(TestBrokenEach.java:33)\n"
                        + "\tat java.base/java.lang.reflect.Method.invoke(Method.java:569)\n");

        assertThat(failure.line()).isEqualTo("TestBrokenEach.setUp:33 IllegalStateException: boom");
    }

    @Test
    void aLambdaOfTheTestKeepsTheTestsName() {
        TestFailure failure = TestFailure.of("shop.CartTest", "total", "boom", "java.lang.IllegalStateException",
                "java.lang.IllegalStateException: boom\n\tat shop.CartTest.lambda$total$0(CartTest.java:12)\n");

        assertThat(failure.line()).isEqualTo("CartTest.total:12 IllegalStateException: boom");
    }

    /** jsoup's StringUtilTest.padding (JUnit 5.14, Surefire 3.5.6) with padding(45) tapping out at 40, not 30. */
    @Test
    void aValueOfOnlySpacesIsSpelledOutNotJoinedIntoOneSpace() {
        String message = "expected: <" + " ".repeat(30) + "> but was: <" + " ".repeat(40) + ">";
        String trace = "org.opentest4j.AssertionFailedError: " + message + "\n"
                + "\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)\n"
                + "\tat org.jsoup.internal.StringUtilTest.padding(StringUtilTest.java:35)\n";

        assertThat(TestFailure.of("org.jsoup.internal.StringUtilTest", "padding", message,
                "org.opentest4j.AssertionFailedError", trace).line())
                .isEqualTo("StringUtilTest.padding:35 expected: <(30 spaces)> but was: <(40 spaces)>");
    }

    @Test
    void otherDelimitedWhitespaceValuesAreSpelledOutAndAlignmentIsStillJoined() {
        assertThat(TestFailure.spellWhitespaceValues("expected:<[   ]> but was:<[\t\t]>"))
                .isEqualTo("expected:<[(3 spaces)]> but was:<[(2 whitespace characters)]>");
        assertThat(TestFailure.spellWhitespaceValues("expected: \"  \" but was: ' '")).isEqualTo("expected: \"(2 spaces)\" but was: ' '");
        // Truth aligns its keys, Hamcrest indents "but:", AssertJ puts values on lines of their own: still one space.
        assertThat(TestFailure.of("a.T", "m", "missing (1)   : c\nunexpected (1): b", "java.lang.AssertionError", "").text)
                .isEqualTo("missing (1) : c unexpected (1): b");
        assertThat(TestFailure.of("a.T", "m", "Expected: is <1>\n     but: was <0>", "java.lang.AssertionError", "").text)
                .isEqualTo("Expected: is <1> but: was <0>");
        assertThat(TestFailure.of("a.T", "m", "expected: \"a\"   \"b\"\n  \"c\"", "java.lang.AssertionError", "").text)
                .isEqualTo("expected: \"a\" \"b\" \"c\"");
    }
}
