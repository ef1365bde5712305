package io.runway.cli;

import io.runway.core.error.RunwayException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.placement.PlacementService;
import io.runway.aws.ec2.Ec2CapacityProvider;
import io.runway.aws.ec2.Ec2PoolJanitor;
import io.runway.aws.rollout.AwsRolloutHost;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.store.StateStore;
import io.runway.server.AdminToken;
import io.runway.server.RunwayServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import io.runway.cli.rollout.LocalRolloutHost;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import io.runway.core.task.LocalCommandLauncher;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.place.PlacedTaskLauncher;
import io.runway.core.task.run.TaskScheduler;
import io.runway.core.task.run.TaskSchedulerOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code runway serve}: the lease engine behind the REST API, until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the lease REST API (and /metrics) on 127.0.0.1 until stopped.")
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--config", required = true, description = "Pools config file (YAML or JSON).")
    Path config;

    @Option(names = "--state-dir", required = true,
            description = "Directory of the durable state (with --store dynamodb: only local logs).")
    Path stateDir;

    @Option(names = "--store", defaultValue = "embedded",
            description = "Where lease and rollout state lives: embedded (in --state-dir) or dynamodb (shared by"
                    + " several controllers; see docs/aws.md). Default ${DEFAULT-VALUE}.")
    String storeKind;

    @CommandLine.ArgGroup(exclusive = false, heading = "DynamoDB store (--store dynamodb):%n")
    ServeSupport.DynamoDbOptions dynamoDb = new ServeSupport.DynamoDbOptions();

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--admin-token-file", description = "File holding the admin bearer token; without it admin calls are refused.")
    Path adminTokenFile;

    @Option(names = "--tasks", arity = "1..*", description = "Task graph files (YAML or JSON) to schedule; their commands run on this machine (tasks with requirements in the placed slot).")
    List<Path> taskFiles = new ArrayList<>();

    @Option(names = "--max-local-slots", defaultValue = "64",
            description = "Most slots the local provider keeps at once, whatever pools say (default ${DEFAULT-VALUE}).")
    int maxLocalSlots;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Why the server could not listen on {@code --bind}:{@code --port}, or null. Asked before the store is opened:
     * serving starts after stored rollouts resumed (and, with onRestart: rollback, aborted), so a port taken by
     * another program must stop the command before it changes anything.
     */
    private String unusableAddress() {
        if (port == 0) {
            return null;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(bind, port));
            return null;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return e.getMessage();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PoolsConfig pools;
        AdminToken admin;
        List<TaskGraphSpec> graphs;
        try {
            pools = ServeSupport.readConfig(config);
            admin = AdminToken.fromFile(adminTokenFile);
            graphs = readGraphs(err);
        } catch (IOException | RunwayException | IllegalArgumentException e) {
            err.println("runway serve: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        if (graphs == null) {
            return ExitCodes.INVALID_INPUT;
        }
        String unusable = unusableAddress();
        if (unusable != null) {
            err.println("runway serve: --port: cannot listen on " + bind + ":" + port + ": " + unusable);
            err.flush();
            return ExitCodes.CONFLICT;
        }
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, daemon("runway-engine"));
        StateStore store;
        try {
            store = ServeSupport.openStore(storeKind, stateDir, dynamoDb);
        } catch (io.runway.core.error.InvalidInputException e) {
            err.println("runway serve: " + e.getMessage());
            err.flush();
            executor.shutdownNow();
            return ExitCodes.INVALID_INPUT;
        } catch (RuntimeException e) {
            err.println("runway serve: cannot open the " + storeKind + " state store: " + e.getMessage());
            err.flush();
            executor.shutdownNow();
            return ExitCodes.CONFLICT;
        }
        LeaseEngine engine;
        PlacementService placement;
        RunwayServer server;
        LocalRolloutHost rollouts;
        TaskScheduler tasks;
        ExecutorService taskIo = Executors.newCachedThreadPool(daemon("runway-task-io"));
        Ec2CapacityProvider ec2 = null;
        Ec2PoolJanitor janitor = null;
        try {
            // Local pools: each resource is a slot directory under the state directory; pools with a template scale.
            LocalSlotProvider slots = new LocalSlotProvider(stateDir.resolve("slots"), Math.max(1, maxLocalSlots));
            Map<String, Provider> providers = new HashMap<>(Map.of(StaticProvider.NAME, new StaticProvider(),
                    LocalSlotProvider.NAME, slots));
            // aws-ec2 pools: one EC2 instance per provisioned resource, credentials from each pool's profile/role.
            ec2 = Ec2CapacityProvider.needed(pools) ? Ec2CapacityProvider.forConfig(pools,
                    AwsRolloutHost.controllerId(stateDir), null, Clock.systemUTC()) : null;
            if (ec2 != null) {
                providers.put(Ec2CapacityProvider.NAME, ec2);
            }
            engine = LeaseEngine.start(pools, providers, store, Clock.systemUTC(), executor, EngineOptions.DEFAULT);
            placement = PlacementService.start(engine, pools, providers, Clock.systemUTC(), executor, Duration.ofSeconds(5));
            PrintWriter log = spec.commandLine().getOut();
            if (ec2 != null) {
                janitor = new Ec2PoolJanitor(ec2, engine, line -> {
                    synchronized (log) {
                        log.println(line);
                        log.flush();
                    }
                }).start(executor, Ec2PoolJanitor.interval(pools));
            }
            rollouts = LocalRolloutHost.onStore(store, stateDir, (state, line) -> {
                synchronized (log) {
                    log.println(state.id() + " " + state.spec().service() + " " + line);
                    log.flush();
                }
            }, Duration.ofMillis(200));
            rollouts.recover(); // before serving: a new rollout must see the stored ones of its service
            // Tasks with requirements are placed (a lease on the server's pools) and run in the placed slot's directory.
            PlacedTaskLauncher launcher = new PlacedTaskLauncher(placement, engine, store, new LocalCommandLauncher(taskIo, executor),
                    PlacedTaskLauncher.localSlots(pools, slots), Clock.systemUTC(), executor, taskIo);
            tasks = TaskScheduler.recover(store, store.load(), launcher, Clock.systemUTC(),
                    TaskSchedulerOptions.DEFAULTS, (graph, line) -> {
                        synchronized (log) {
                            log.println("task " + graph + " " + line);
                            log.flush();
                        }
                    });
            graphs.forEach(tasks::register);
            tasks.start(executor);
            server = RunwayServer.start(engine, rollouts, tasks, admin, bind, port);
        } catch (RunwayException e) {
            err.println("runway serve: " + e.getMessage());
            err.flush();
            if (ec2 != null) {
                ec2.close();
            }
            store.close();
            executor.shutdownNow();
            taskIo.shutdownNow();
            return ExitCodes.INVALID_INPUT;
        }
        Ec2CapacityProvider ec2Provider = ec2;
        Ec2PoolJanitor ec2Janitor = janitor;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Order matters: no new work, then let the engine finish what it decided, then the rest.
            server.stopAccepting();
            rollouts.close(); // versions keep running: the next start adopts them and resumes
            tasks.close(); // running attempts are stopped; after a restart they count as lost and are retried
            placement.close();
            if (ec2Janitor != null) {
                ec2Janitor.close();
            }
            engine.close();
            if (ec2Provider != null) {
                ec2Provider.close(); // instances stay: the next start's engine knows their resources
            }
            server.stop();
            store.close();
            executor.shutdown();
            taskIo.shutdownNow();
            stopped.countDown();
        }, "runway-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + server.baseUri());
        out.flush();
        stopped.await();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        return ExitCodes.OK;
    }

    /** The task graph files, validated; null (problems printed) when one is invalid or two share a name. */
    private List<TaskGraphSpec> readGraphs(PrintWriter err) {
        List<TaskGraphSpec> out = new ArrayList<>();
        boolean ok = true;
        for (Path file : taskFiles) {
            SpecResult<TaskGraphSpec> r = SpecKind.TASK_GRAPH.reader().readFile(file);
            r.problems().forEach(err::println);
            if (!r.isValid()) {
                ok = false;
            } else if (out.stream().anyMatch(g -> g.name().equals(r.value().name()))) {
                err.println(file + ":1:1: name: another task file also defines graph '" + r.value().name() + "'");
                ok = false;
            } else {
                out.add(r.value());
            }
        }
        err.flush();
        return ok ? out : null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
