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
        assertThat(Printable.firstUnprintable("Zoë Ødegård 运维")).isEqualTo(-1);
        assertThat(Printable.firstUnprintable("al\u200Bice")).isEqualTo(2);
        assertThat(Printable.firstUnprintable("ok\u202E")).isEqualTo(2);
        assertThat(Printable.firstUnprintable("\u001B[31m")).isZero();
        assertThat(Printable.firstUnprintable("a\uD83D")).as("lone surrogate").isEqualTo(1);
        assertThat(Printable.firstUnprintable("\uD83D\uDE00")).as("emoji").isEqualTo(-1);
    }
}
