package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternsTest {

    @Test
    void wildcardsAndTheEscapeCharacterAreEscaped() {
        assertThat(LikePatterns.escape("50%_off")).isEqualTo("50\\%\\_off");
        assertThat(LikePatterns.escape("C:\\temp")).isEqualTo("C:\\\\temp");
        assertThat(LikePatterns.escape("\\%")).isEqualTo("\\\\\\%");
    }

    @Test
    void otherTextIsLeftAlone() {
        assertThat(LikePatterns.escape("O'Reilly \"Café\" 🎉 Привет")).isEqualTo("O'Reilly \"Café\" 🎉 Привет");
        assertThat(LikePatterns.escape("")).isEmpty();
    }

    @Test
    void containsAndStartsWithAddTheOneWildcardTheyMean() {
        assertThat(LikePatterns.contains("a_b")).isEqualTo("%a\\_b%");
        assertThat(LikePatterns.startsWith("a%")).isEqualTo("a\\%%");
    }
}
