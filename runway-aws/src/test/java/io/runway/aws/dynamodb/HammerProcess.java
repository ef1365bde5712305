package io.runway.aws.dynamodb;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.provider.StaticProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One controller in its own JVM for {@link TwoProcessesTest}: an engine on the shared table, hammered by
 * many threads; writes its history to a file, one hold per line, and exits 0 only if every cycle completed.
 * Arguments: endpoint table controllerName threads cycles historyFile.
 */
public final class HammerProcess {
    private HammerProcess() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String table = args[1];
        String name = args[2];
        int threads = Integer.parseInt(args[3]);
        int cycles = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        ScheduledExecutorService host = Executors.newScheduledThreadPool(2);
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)).build();
             DynamoDbStateStore store = DynamoDbStateStore.open(client, DynamoDbStoreSettings.forTable(table),
                     Clock.systemUTC())) {
            LeaseEngine engine = LeaseEngine.start(TwoControllersHammerTest.config(),
                    Map.of("static", new StaticProvider()), store, Clock.systemUTC(), host, EngineOptions.DEFAULT);
            List<Hammer.Hold> history = Hammer.run(engine, name, "web", threads, cycles);
            engine.close();
            Files.write(out, history.stream().map(Hammer.Hold::line).toList());
        } finally {
            host.shutdownNow();
        }
        System.exit(0);
    }
}
