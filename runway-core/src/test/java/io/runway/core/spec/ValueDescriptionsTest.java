package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueDescriptionsTest {

    @Test
    void longValuesAreShortenedForMessagesWithoutSplittingACharacter() {
        assertThat(ValueDescriptions.shortened("v2")).isEqualTo("v2");
        assertThat(ValueDescriptions.shortened("x".repeat(40))).isEqualTo("x".repeat(40));
        assertThat(ValueDescriptions.shortened("x".repeat(70_000))).isEqualTo("x".repeat(40) + "...");
        assertThat(ValueDescriptions.shortened("x".repeat(39) + "\uD83D\uDE00" + "tail")).isEqualTo("x".repeat(39) + "...");
        assertThat(ValueDescriptions.shortened("/a/" + "b".repeat(300), 256)).hasSize(259).endsWith("...");
        assertThat(ValueDescriptions.shortened(null)).isNull();
    }

    @Test
    void theFirstUnprintableCharacterIsFound() {
        assertThat(Printable.firstDeceptive("Zoë Ødegård 运维")).isEqualTo(-1);
        assertThat(Printable.firstDeceptive("al\u200Bice")).isEqualTo(2);
        assertThat(Printable.firstDeceptive("ok\u202E")).isEqualTo(2);
        assertThat(Printable.firstDeceptive("\u001B[31m")).isZero();
        assertThat(Printable.firstDeceptive("a\uD83D")).as("lone surrogate").isEqualTo(1);
        assertThat(Printable.firstDeceptive("\uD83D\uDE00")).as("emoji").isEqualTo(-1);
        // Names people really use: Persian with a zero-width non-joiner, an emoji ZWJ sequence, a no-break space,
        // and an emoji newer than Java 17's Unicode tables.
        assertThat(Printable.firstDeceptive("\u062A\u06CC\u0645\u200C\u0647\u0627")).isEqualTo(-1);
        assertThat(Printable.firstDeceptive("\uD83D\uDC69\u200D\uD83D\uDCBB deploys")).isEqualTo(-1);
        assertThat(Printable.firstDeceptive("team\u00A0a")).isEqualTo(-1);
        assertThat(Printable.firstDeceptive("\uD83E\uDEE0")).isEqualTo(-1);
    }
}
