package io.runway.core.deploy.local;

import io.runway.core.deploy.Deployment;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A host the kill -9 test starts and then kills: {@code <state dir> <log dir>}. Deploys two versions on the
 * embedded store, prints {@code pid N} for each and {@code deployed}, then waits to be killed.
 */
public final class DeployerDriverMain {
    public static void main(String[] args) throws Exception {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        EmbeddedStateStore store = EmbeddedStateStore.open(Path.of(args[0]));
        LocalDeployer deployer = new LocalDeployer(store, scheduler, Clock.systemUTC(),
                LocalDeployerOptions.defaults(Path.of(args[1])));
        deployer.recover().join();
        for (String owner : new String[] {"rollout-a", "rollout-b"}) {
            Deployment d = deployer.deploy(TestProcesses.request(owner, "v1", Duration.ofSeconds(60))).join();
            System.out.println("pid " + d.pid());
        }
        System.out.println("deployed");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
