package io.runway.core.traffic;

import io.runway.core.error.InvalidInputException;
import java.util.Objects;

/** A value a request carries that routing can read: a header or a cookie, by name. */
public record RequestKey(Source source, String name) {

    public enum Source { HEADER, COOKIE }

    public RequestKey {
        Objects.requireNonNull(source, "source");
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("name", source.name().toLowerCase() + " name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new InvalidInputException("name", source.name().toLowerCase() + " name '" + name
                        + "' may only contain letters, digits and !#$%&'*+-.^_`|~ (an HTTP token)");
            }
        }
    }

    public static RequestKey header(String name) {
        return new RequestKey(Source.HEADER, name);
    }

    public static RequestKey cookie(String name) {
        return new RequestKey(Source.COOKIE, name);
    }

    /** The value of this key in {@code request}, or null when the request does not carry it. */
    public String valueIn(RequestView request) {
        return source == Source.HEADER ? request.header(name) : request.cookie(name);
    }

    // RFC 9110 token characters; a name outside them could never match a real header or cookie.
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return source.name().toLowerCase() + " " + name;
    }
}
