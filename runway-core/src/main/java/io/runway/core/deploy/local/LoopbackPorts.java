package io.runway.core.deploy.local;

import io.runway.core.error.UnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

/** Picks free TCP ports on the loopback interface. */
final class LoopbackPorts {
    private LoopbackPorts() {}

    /**
     * A port the OS reports free now and that is not in {@code taken}. Another program may still take it
     * before the deployment binds it; the deployment then fails its readiness probe and is cleaned up.
     */
    static int pickFree(Set<Integer> taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!taken.contains(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UnavailableException("cannot find a free loopback port: " + e.getMessage(), e);
            }
        }
        throw new UnavailableException("cannot find a free loopback port after 20 attempts", null);
    }
}
