package io.runway.core.deploy;

import io.runway.core.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTTP GET against the deployment's own endpoint; any 2xx answer means ready.
 *
 * @param path absolute path, e.g. {@code /health}; no scheme, host, spaces or control characters, and not
 *     starting with {@code //}
 * @param interval pause between attempts
 * @param timeout how long one attempt may take
 */
public record ReadinessProbe(String path, Duration interval, Duration timeout) {
    private static final Duration SHORTEST = Duration.ofMillis(10);
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,1023}");

    public ReadinessProbe {
        String problem = pathProblem(path);
        if (problem != null) {
            throw new InvalidInputException("readiness.path", problem);
        }
        interval = bounded(interval, Duration.ofMinutes(1), "readiness.interval");
        timeout = bounded(timeout, Duration.ofMinutes(5), "readiness.timeout");
    }

    /** GET /health every 200ms, each attempt at most 1s. */
    public static ReadinessProbe http(String path) {
        return new ReadinessProbe(path, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    /** Why {@code path} cannot be probed, or null if it can; rollout validation reports the same words. */
    public static String pathProblem(String path) {
        if (path == null || !PATH.matcher(path).matches()) {
            return "must be an absolute path such as /health (at most 1024 URL characters, no spaces)";
        }
        if (path.startsWith("//")) {
            // In a URI, //host:port/... names another host: the probe would ask it instead of the version.
            return "must not start with //, which names a host; the probe only asks the version's own endpoint";
        }
        try {
            new URI(path);
        } catch (URISyntaxException e) {
            return "is not a valid URL path: " + e.getReason() + " at index " + e.getIndex();
        }
        return null;
    }

    /**
     * The URI this probe asks on a deployment listening at {@code endpoint}: the endpoint's scheme, host and
     * port followed by {@link #path}. Built rather than {@link URI#resolve resolved}, so nothing in the path
     * can change the host.
     */
    public URI target(URI endpoint) {
        try {
            URI origin = new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), null, null, null);
            return URI.create(origin + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint " + endpoint + " needs a scheme and host", e);
        }
    }

    static Duration bounded(Duration d, Duration longest, String field) {
        Objects.requireNonNull(d, field);
        if (d.compareTo(SHORTEST) < 0 || d.compareTo(longest) > 0) {
            throw new InvalidInputException(field, "must be between 10ms and " + longest.toSeconds() + "s, was " + d);
        }
        return d;
    }
}
