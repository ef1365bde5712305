package io.runway.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.StoredState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two controllers in two separate JVMs hammer one table (DynamoDB Local in this JVM, on loopback). The
 * merged history (grants with fencing tokens and times) shows no resource held by two leases at once; every
 * cycle of both completed; the table ends with every resource free and every lease released.
 */
class TwoProcessesTest {
    private static final int THREADS = 8;
    private static final int CYCLES = 20;

    @TempDir
    Path dir;

    @Test
    void twoJvmsNeverDoubleGrantAndNeverLoseARelease() throws Exception {
        try (DynamoDbLocal local = DynamoDbLocal.start(); DynamoDbClient client = LocalClients.client(local)) {
            DynamoDbStoreSettings settings = DynamoDbStoreSettings.forTable("runway-two-jvms");
            DynamoDbStateStore.open(client, settings, Clock.systemUTC()).close(); // the table exists before both start
            String java = ProcessHandle.current().info().command().orElse("java");
            List<Process> processes = new ArrayList<>();
            List<Path> histories = new ArrayList<>();
            for (String name : List.of("jvm-a", "jvm-b")) {
                Path history = dir.resolve(name + ".txt");
                histories.add(history);
                processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        HammerProcess.class.getName(), local.endpoint().toString(), settings.table(), name,
                        Integer.toString(THREADS), Integer.toString(CYCLES), history.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
            }
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                boolean exited = p.waitFor(8, TimeUnit.MINUTES);
                if (!exited) {
                    p.destroyForcibly();
                }
                File log = dir.resolve((i == 0 ? "jvm-a" : "jvm-b") + ".log").toFile();
                assertThat(exited && p.exitValue() == 0).as("controller %d exited 0; log:%n%s", i,
                        log.exists() ? Files.readString(log.toPath()) : "").isTrue();
            }
            List<Hammer.Hold> history = new ArrayList<>();
            for (Path h : histories) {
                Files.readAllLines(h).forEach(line -> history.add(Hammer.Hold.parse(line)));
            }
            assertThat(Hammer.violations(history)).isEmpty();
            assertThat(history.stream().map(Hammer.Hold::leaseId).distinct().count()).isEqualTo(2L * THREADS * CYCLES);
            assertThat(history.stream().map(Hammer.Hold::controller).distinct()).hasSize(2);
            try (DynamoDbStateStore store = DynamoDbStateStore.open(client, settings, Clock.systemUTC())) {
                StoredState end = store.load();
                assertThat(end.resources().values()).allSatisfy(r -> assertThat(r.state()).isEqualTo(ResourceState.FREE));
                assertThat(end.leases().values()).allSatisfy(l -> assertThat(l.state()).isEqualTo(LeaseState.RELEASED));
            }
        }
    }
}
