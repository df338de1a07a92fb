package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    private static final String GRIN = "\uD83D\uDE00"; // U+1F600, two UTF-16 units

    @Test
    void cleanRemovesAnsiCodesOfEveryKind() {
        assertThat(Text.clean("\u001B[1;31mred\u001B[m and \u001B[0m\u001B[36mcyan\u001B[0;39m")).isEqualTo("red and cyan");
        assertThat(Text.clean("\u001B]8;;https://example.com\u0007link\u001B]8;;\u001B\\ \u001B7saved\u001B8\u001B(B"))
                .isEqualTo("link saved");
    }

    @Test
    void cleanNormalisesLineBreaksAndDropsControlCharacters() {
        assertThat(Text.clean("a\r\nb\rc\nd")).isEqualTo("a\nb\nc\nd");
        assertThat(Text.clean("tab\there\u0000\u0007\u0008\u007F\u0085\u2028\u2029\u009Bend")).isEqualTo("tab hereend");
    }

    @Test
    void cleanKeepsTextOutsideAsciiAndDropsOnlyLoneSurrogates() {
        assertThat(Text.clean("café 中文 " + GRIN)).isEqualTo("café 中文 " + GRIN);
        assertThat(Text.clean("a\uD83Db\uDE00c" + GRIN.charAt(0))).isEqualTo("abc");
    }

    @Test
    void cleanOfNullIsEmpty() {
        assertThat(Text.clean(null)).isEmpty();
    }

    @Test
    void firstLineIsTheFirstNonBlankLineTrimmed() {
        assertThat(Text.firstLine("\n  \n  first  \nsecond")).isEqualTo("first");
        assertThat(Text.firstLine(" \n ")).isEmpty();
        assertThat(Text.firstLine("")).isEmpty();
        assertThat(Text.firstLine(null)).isEmpty();
    }

    @Test
    void truncateEndsInAnEllipsisAndNeverSplitsASurrogatePair() {
        assertThat(Text.truncate("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Text.truncate("abcdef", 4)).isEqualTo("abc" + Text.ELLIPSIS);
        assertThat(Text.truncate("ab" + GRIN + "cd", 4)).isEqualTo("ab" + Text.ELLIPSIS);
        assertThat(Text.truncate("ab" + GRIN + "cd", 5)).isEqualTo("ab" + GRIN + Text.ELLIPSIS);
        assertThat(Text.truncate(GRIN + GRIN, 2)).isEqualTo(Text.ELLIPSIS);
        assertThat(Text.truncate("abc", 1)).isEqualTo(Text.ELLIPSIS);
        assertThat(Text.truncate("abc", 0)).isEmpty();
        assertThat(Text.truncate("", 0)).isEmpty();
    }
}
