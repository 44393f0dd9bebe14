package io.postdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void terminalEscapeSequencesBecomeVisible() {
        String retitleAndClear = "\u001b]0;pwned\u0007\u001b[2J\u001b[H";

        assertThat(Printable.shortened(retitleAndClear)).isEqualTo("\\e]0;pwned\\u0007\\e[2J\\e[H");
    }

    @Test
    void nulTabLineBreaksAndC1ControlsAreEscaped() {
        assertThat(Printable.escaped("a\0b\tc\rd\ne\u009bf\u007f")).isEqualTo("a\\0b\\tc\\rd\\ne\\u009Bf\\u007F");
    }

    @Test
    void bidiOverridesAndSeparatorsAreEscaped() {
        assertThat(Printable.escaped("abc\u202Egpj.exe\u2066\u2028")).isEqualTo("abc\\u202Egpj.exe\\u2066\\u2028");
    }

    @Test
    void ordinaryTextIncludingAccentsAndEmojiIsUnchanged() {
        assertThat(Printable.shortened("Crème brûlée 🍮 — ok")).isEqualTo("Crème brûlée 🍮 — ok");
    }

    @Test
    void longTextIsCutToTheLimitWithAnEllipsis() {
        String cut = Printable.shortened("x".repeat(2_000));

        assertThat(cut).hasSize(Printable.SHORT).endsWith("…").startsWith("xxxx");
        assertThat(Printable.shortened("x".repeat(Printable.SHORT))).isEqualTo("x".repeat(Printable.SHORT));
    }

    @Test
    void twoThousandNulsAreShownShort() {
        String shown = Printable.shortened("\0".repeat(2_000));

        assertThat(shown).hasSizeLessThanOrEqualTo(Printable.SHORT).startsWith("\\0\\0").endsWith("…")
                .doesNotContain("\0");
    }

    @Test
    void anEscapeIsNeverCutInHalf() {
        assertThat(Printable.shortened("abc\u001bdef", 5)).isEqualTo("abc…");
        assertThat(Printable.shortened(null)).isEmpty();
    }
}
