package io.runway.bench.router;

import java.net.URI;

/** One thing to drive load at: the backend directly, the embedded router, or a peer such as nginx. */
record LoadTarget(String name, URI uri) {

    /** Parses {@code name=http://127.0.0.1:port/path}. */
    static LoadTarget parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--target needs name=url, got " + spec);
        }
        return new LoadTarget(spec.substring(0, eq), URI.create(spec.substring(eq + 1)));
    }
}
