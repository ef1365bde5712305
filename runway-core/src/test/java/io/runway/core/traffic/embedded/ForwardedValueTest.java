package io.runway.core.traffic.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForwardedValueTest {
    @Test
    void tokensStayBareAndEverythingElseIsQuoted() {
        assertThat(ForwardedValue.of("10.0.0.1", "192.0.2.43", "example.com", "http"))
                .isEqualTo("by=10.0.0.1;for=192.0.2.43;host=example.com;proto=http");
        assertThat(ForwardedValue.of("10.0.0.1", "192.0.2.43", "example.com:8080", "https"))
                .isEqualTo("by=10.0.0.1;for=192.0.2.43;host=\"example.com:8080\";proto=https");
    }

    @Test
    void ipv6AddressesAreBracketedAndQuoted() {
        assertThat(ForwardedValue.of("0:0:0:0:0:0:0:1", "2001:db8::17", null, "http"))
                .isEqualTo("by=\"[0:0:0:0:0:0:0:1]\";for=\"[2001:db8::17]\";proto=http");
    }

    @Test
    void hostileHostHeadersCannotBreakOutOfTheQuotes() {
        assertThat(ForwardedValue.of("10.0.0.1", "10.0.0.2", "a\";for=evil\\", "http"))
                .isEqualTo("by=10.0.0.1;for=10.0.0.2;host=\"a\\\";for=evil\\\\\";proto=http");
        assertThat(ForwardedValue.of(null, "", "h", "http")).isEqualTo("by=unknown;for=\"\";host=h;proto=http");
    }
}
