package io.runway.core.traffic;

import io.runway.core.error.InvalidInputException;
import java.net.URI;
import java.util.Objects;

/**
 * Where one version of a service listens: {@code http://host:port} with an optional base path that is
 * put in front of every request path.
 */
public record Backend(URI uri) {

    public Backend {
        Objects.requireNonNull(uri, "uri");
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidInputException("uri", "backend " + uri + " must be an http or https URI");
        }
        if (uri.getHost() == null) {
            throw new InvalidInputException("uri", "backend " + uri + " has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInputException("uri", "backend " + uri + " must not carry a query or fragment");
        }
    }

    public static Backend of(String uri) {
        return new Backend(URI.create(uri));
    }

    /** The base path without a trailing slash, "" when there is none. */
    public String basePath() {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The port, with the scheme's default when the URI names none. */
    public int port() {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
