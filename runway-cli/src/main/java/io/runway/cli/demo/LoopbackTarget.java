package io.runway.cli.demo;

import io.runway.core.error.InvalidInputException;
import java.net.URI;

/** Load is only ever sent to this machine: an http URL whose host is a loopback literal or {@code localhost}. */
final class LoopbackTarget {
    private LoopbackTarget() {}

    static URI check(URI url) {
        if (url == null || !"http".equals(url.getScheme()) || url.getHost() == null || url.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "must be an http URL on this machine, e.g. http://127.0.0.1:8080/");
        }
        String host = url.getHost();
        // Literals only: a name other than localhost would need a DNS lookup, which could point anywhere.
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || host.equals("::1")
                || host.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
        if (!loopback) {
            throw new InvalidInputException("url", "refusing to send load to " + host + ": only loopback (127.0.0.1, ::1, localhost)");
        }
        return url;
    }
}
