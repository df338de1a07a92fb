package io.github.codepipeline.maven.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Text#cut}: after a whole word when a space is near the end of the room, else as {@link Text#truncate}. */
class TextCutTest {
    private static final String E = Text.ELLIPSIS;
    private static final String GRIN = "\uD83D\uDE00";

    @Test
    void aCutEndsAfterTheLastWholeWordThatFits() {
        assertThat(Text.cut("cannot find symbol; symbol: class Price", 30)).isEqualTo("cannot find symbol; symbol:" + E);
        assertThat(Text.cut("one two three", 9)).isEqualTo("one two" + E);
    }

    @Test
    void textThatFitsIsKept() {
        assertThat(Text.cut("one two three", 13)).isEqualTo("one two three");
        assertThat(Text.cut("", 0)).isEmpty();
    }

    @Test
    void theSpacesBeforeTheCutAreDropped() {
        assertThat(Text.cut("alpha    beta gamma", 10)).isEqualTo("alpha" + E);
    }

    @Test
    void withoutASpaceInTheLastThirdItTruncates() {
        assertThat(Text.cut("abcdefghij klmnopqrstuvwxyz", 20)).isEqualTo("abcdefghij klmnopqr" + E);
        assertThat(Text.cut("abcdefghijklmnopqrstuvwxyz", 10)).isEqualTo("abcdefghi" + E);
    }

    @Test
    void theWordCutLooksAtMost80CharactersBack() {
        // A room of 400: a third would be 133 characters back, the cut looks 80.
        String far = "a".repeat(300) + " " + "b".repeat(199);
        assertThat(Text.cut(far, 400)).as("the space is 99 back").isEqualTo("a".repeat(300) + " " + "b".repeat(98) + E);
        String near = "a".repeat(330) + " " + "b".repeat(169);
        assertThat(Text.cut(near, 400)).as("the space is 69 back").isEqualTo("a".repeat(330) + E);
        // A room of 30: a third, 9 characters back, is less than 80.
        assertThat(Text.cut("abcdefghijklmnopqr stuvwxyz0123456789", 30)).as("the space is 11 back")
                .isEqualTo("abcdefghijklmnopqr stuvwxyz01" + E);
    }

    @Test
    void aLeadingSpaceIsNoWordAndTinyRoomsTruncate() {
        assertThat(Text.cut(" abcdef", 4)).isEqualTo(" ab" + E);
        assertThat(Text.cut("abc def", 1)).isEqualTo(E);
        assertThat(Text.cut("abc def", 0)).isEmpty();
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        assertThat(Text.cut("ab" + GRIN + GRIN, 4)).isEqualTo("ab" + E);
        assertThat(Text.cut("word " + GRIN + GRIN + GRIN, 8)).isEqualTo("word " + GRIN + E);
    }

    @Test
    void aTextOfExactlyTheRoomIsKeptAndTheBoundsOfTheLookBackHold() {
        assertThat(Text.cut("one two three x", 15)).isEqualTo("one two three x");
        // Room 30: the cut looks from index 29 down to 21; a space at 20 is not looked at.
        assertThat(Text.cut("a".repeat(20) + " " + "b".repeat(20), 30)).isEqualTo("a".repeat(20) + " " + "b".repeat(8) + E);
        assertThat(Text.cut("a".repeat(21) + " " + "b".repeat(20), 30)).isEqualTo("a".repeat(21) + E);
    }

    @Test
    void onlySpacesBeforeTheSpaceFoundIsNoWord() {
        assertThat(Text.cut("      abc", 7)).isEqualTo("      " + E);
    }
}
