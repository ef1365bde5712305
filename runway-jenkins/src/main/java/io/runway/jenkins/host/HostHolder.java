package io.runway.jenkins.host;

import io.runway.core.error.UnavailableException;

/**
 * Where step executions find the controller's one {@link RunwayHost}. Jenkins' {@code RunwayService}
 * installs it when it starts; unit tests install their own. Executions never keep the host in a field:
 * after a restart it is a new host.
 */
public final class HostHolder {
    private static volatile RunwayHost current;
    private static volatile boolean shuttingDown;

    private HostHolder() {}

    public static RunwayHost get() {
        RunwayHost h = current;
        if (h == null) {
            throw new UnavailableException("Runway is not started on this controller (yet); see the system log", null);
        }
        return h;
    }

    public static RunwayHost getOrNull() {
        return current;
    }

    public static void set(RunwayHost host) {
        current = host;
        if (host != null) {
            shuttingDown = false;
        }
    }

    /**
     * The controller is going down: executions are about to be saved with the program and will ask again
     * in {@code onResume}, so they must not treat the engine's "shutting down" as a failure.
     */
    public static void markShuttingDown() {
        shuttingDown = true;
        current = null;
    }

    public static boolean isShuttingDown() {
        return shuttingDown;
    }
}
