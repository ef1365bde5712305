package io.runway.jenkins.testing;

import io.runway.core.lease.EngineOptions;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.spec.SpecKind;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Real hosts (embedded store in a temporary directory) for tests, installed where steps look for them. */
public final class TestHosts {
    public static final String TWO_WEB_HOSTS = """
            pools:
              - name: web
                resources:
                  - name: web-1
                    labels: [linux]
                    attributes: {cpu: 4, region: eu-west-1}
                  - name: web-2
                    labels: [linux]
                    attributes: {cpu: 8}
              - name: solo
                resources:
                  - name: solo-1
            """;

    private TestHosts() {}

    public static ScheduledExecutorService executor() {
        return Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "runway-test");
            t.setDaemon(true);
            return t;
        });
    }

    public static PoolsConfig pools(String yaml) {
        return SpecKind.POOLS.reader().read("test pools", yaml).orThrow();
    }

    /** A host with the engine's automatic tick off (tests tick after moving the clock), installed. */
    public static RunwayHost start(Path dir, String poolsYaml, Clock clock, ScheduledExecutorService executor) {
        RunwayHost host = RunwayHost.openEmbedded(dir, pools(poolsYaml), clock, executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO), Duration.ofMillis(100));
        HostHolder.set(host);
        return host;
    }
}
