package io.runway.core.traffic.embedded;

/**
 * One hop's RFC 7239 {@code Forwarded} element: {@code by=..;for=..;host=..;proto=..}. A value that is not
 * a plain token (an IPv6 address, a host with a port) is sent as a quoted string, as section 4 requires.
 */
final class ForwardedValue {
    private ForwardedValue() {
    }

    static String of(String by, String forAddress, String host, String proto) {
        StringBuilder b = new StringBuilder(96);
        pair(b, "by", by);
        b.append(';');
        pair(b, "for", forAddress);
        if (host != null) {
            b.append(';');
            pair(b, "host", host);
        }
        b.append(';');
        pair(b, "proto", proto);
        return b.toString();
    }

    private static void pair(StringBuilder b, String name, String value) {
        b.append(name).append('=');
        String v = value == null ? "unknown" : value;
        if (v.indexOf(':') >= 0 && v.indexOf('[') < 0 && v.chars().filter(c -> c == ':').count() > 1) {
            v = "[" + v + "]"; // a bare IPv6 address is bracketed in a Forwarded node (RFC 7239 section 6)
        }
        if (isToken(v)) {
            b.append(v);
            return;
        }
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    /** RFC 7230 tchar: ALPHA / DIGIT / {@code !#$%&'*+-.^_`|~}. */
    private static boolean isToken(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
