package io.runway.core.deploy.local;

import io.runway.core.deploy.CommandTemplate;
import io.runway.core.deploy.Deployer;
import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentFailedException;
import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.DeploymentState;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.store.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs versions as processes on this machine, each on its own loopback port. Every step is recorded before
 * it is taken: the intent (service, version, owner, port, command) before the process starts, then its pid
 * and OS start instant, then READY. After a crash, {@link #recover()} finds what the records name and
 * re-adopts or stops it; {@link #sweep} removes what a dead owner left behind.
 *
 * <p>Threads come from the host's scheduler; deadlines from the injected clock.
 */
public final class LocalDeployer implements Deployer {
    private final DeploymentJournal journal;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final LocalDeployerOptions options;
    private final ProcessTreeStopper stopper;
    private final ReadinessWaiter readiness;
    private final Map<String, LocalProcess> deployments = new ConcurrentHashMap<>();

    public LocalDeployer(StateStore store, ScheduledExecutorService scheduler, Clock clock, LocalDeployerOptions options) {
        this.journal = new DeploymentJournal(Objects.requireNonNull(store, "store"));
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        Polling polling = new Polling(scheduler, clock);
        this.stopper = new ProcessTreeStopper(polling, options.stopGrace());
        HttpClient client = HttpClient.newBuilder().executor(scheduler).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.readiness = new ReadinessWaiter(client, polling);
    }

    /**
     * Reloads recorded deployments: ready ones whose process still runs (same pid and start instant) are
     * adopted; ones still starting or stopping are stopped; records whose process is gone are removed. Call
     * it once after construction, before the first deploy.
     */
    public CompletableFuture<RecoveryReport> recover() {
        return CompletableFuture.supplyAsync(journal::load, scheduler).thenCompose(loaded -> {
            List<String> adopted = new ArrayList<>();
            List<String> stopped = new ArrayList<>();
            List<String> cleaned = new ArrayList<>();
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (DeploymentEntry entry : loaded.entries()) {
                if (deployments.containsKey(entry.id())) {
                    continue;
                }
                List<ProcessHandle> found = entry.hasProcess()
                        ? ProcessLiveness.find(entry.pid(), entry.processStart()).stream().toList()
                        : OrphanSearch.find(entry.command(), entry.intentAt());
                if (found.isEmpty()) {
                    cleaned.add(entry.id());
                    work.add(journal.delete(entry.id()));
                } else if (entry.state() == DeploymentState.READY) {
                    adopted.add(entry.id());
                    deployments.put(entry.id(), LocalProcess.adopted(entry, found.get(0)));
                } else {
                    stopped.add(entry.id());
                    work.add(CompletableFuture.allOf(found.stream().map(stopper::stop).toArray(CompletableFuture[]::new))
                            .thenCompose(v -> journal.delete(entry.id())));
                }
            }
            return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                    .thenApply(v -> new RecoveryReport(adopted, stopped, cleaned, loaded.unreadable()));
        });
    }

    @Override
    public CompletableFuture<Deployment> deploy(DeploymentRequest request) {
        Objects.requireNonNull(request, "request");
        return CompletableFuture.supplyAsync(() -> recordIntent(request), scheduler)
                .thenCompose(p -> journal.put(p.entry())
                        .whenComplete((v, failure) -> {
                            if (failure != null) { // nothing was started; forget the claim
                                deployments.remove(p.entry().id());
                                p.settle();
                            }
                        })
                        .thenCompose(v -> new Launch(p, request).run()));
    }

    /** Picks the id and the port and claims them in memory; nothing has happened outside yet. */
    private synchronized LocalProcess recordIntent(DeploymentRequest request) {
        if (request.workingDirectory() != null && !Files.isDirectory(request.workingDirectory())) {
            throw new InvalidInputException("workingDirectory", "is not a directory: " + request.workingDirectory());
        }
        String id;
        do {
            id = request.service() + "-" + UUID.randomUUID().toString().substring(0, 8);
        } while (deployments.containsKey(id));
        Set<Integer> taken = deployments.values().stream().map(p -> p.entry().port()).collect(Collectors.toSet());
        int port = LoopbackPorts.pickFree(taken);
        Map<String, String> values = Map.of("port", Integer.toString(port), "version", request.version(),
                "service", request.service());
        List<String> command = new ArrayList<>();
        for (int i = 0; i < request.command().size(); i++) {
            command.add(CommandTemplate.expand(request.command().get(i), values, "command[" + i + "]"));
        }
        try {
            Files.createDirectories(options.logDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = options.logDirectory().resolve(id + ".log").toAbsolutePath();
        DeploymentEntry entry = new DeploymentEntry(id, request.service(), request.version(), request.ownerId(), port,
                DeploymentState.STARTING, 0, null, command, log.toString(), clock.instant());
        LocalProcess process = LocalProcess.intent(entry);
        deployments.put(id, process);
        return process;
    }

    /** Starts the recorded process, records it, and waits for it to become ready, or tears it down. */
    private final class Launch {
        private final LocalProcess tracked;
        private final DeploymentRequest request;

        Launch(LocalProcess tracked, DeploymentRequest request) {
            this.tracked = tracked;
            this.request = request;
        }

        CompletableFuture<Deployment> run() {
            return launch().whenComplete((d, failure) -> tracked.settle());
        }

        private CompletableFuture<Deployment> launch() {
            Process process;
            try {
                process = ProcessStarter.start(tracked.entry(), request);
            } catch (IOException | RuntimeException e) {
                return giveUp(null, "could not be started: " + e.getMessage());
            }
            ProcessHandle handle = process.toHandle();
            tracked.started(handle, handle.info().startInstant().orElseGet(clock::instant));
            DeploymentEntry started = tracked.entry();
            URI probed = request.readiness().target(endpoint(started));
            return journal.put(started)
                    .thenCompose(v -> readiness.await(endpoint(started), request.readiness(), request.readyTimeout(), handle))
                    .handle((outcome, failure) -> {
                        if (failure != null) {
                            return giveUp(handle, "could not be recorded: " + unwrap(failure).getMessage());
                        }
                        return switch (outcome) {
                            case READY -> markReady();
                            case EXITED -> giveUp(handle, "exited with code " + exitCode(process) + " before it was ready");
                            case TIMED_OUT -> giveUp(handle, "did not answer GET " + probed + " with 2xx within "
                                    + request.readyTimeout().toMillis() + "ms");
                        };
                    })
                    .thenCompose(f -> f);
        }

        private CompletableFuture<Deployment> markReady() {
            tracked.entry(tracked.entry().inState(DeploymentState.READY));
            return journal.put(tracked.entry()).thenApply(v -> tracked.entry().toDeployment());
        }

        private CompletableFuture<Deployment> giveUp(ProcessHandle handle, String why) {
            DeploymentEntry entry = tracked.entry();
            CompletableFuture<Void> stopped = handle == null ? CompletableFuture.completedFuture(null) : stopper.stop(handle);
            // If it could not be stopped, its record stays so a later undeploy, sweep or recovery finishes the job.
            return stopped.handle((v, stopFailure) -> stopFailure)
                    .thenCompose(stopFailure -> stopFailure != null ? CompletableFuture.completedFuture(stopFailure)
                            : journal.delete(entry.id()).thenApply(v -> {
                                deployments.remove(entry.id());
                                return null;
                            }))
                    .thenApply(stopFailure -> {
                        String tail = LogTail.read(Path.of(entry.logFile()), options.logTailLines());
                        throw new DeploymentFailedException(entry.service() + " version " + entry.version() + " ("
                                + entry.id() + ") " + why + (stopFailure == null ? "; it was stopped"
                                : "; stopping it failed (" + unwrap(stopFailure).getMessage() + "), its record is kept")
                                + ". Last lines of " + entry.logFile() + ":\n" + tail);
                    });
        }
    }

    private static String exitCode(Process process) {
        try {
            return Integer.toString(process.exitValue());
        } catch (IllegalThreadStateException e) {
            return "unknown"; // a zombie not yet reaped
        }
    }

    @Override
    public CompletableFuture<Void> undeploy(String deploymentId) {
        LocalProcess tracked = deploymentId == null ? null : deployments.get(deploymentId);
        if (tracked == null) {
            return CompletableFuture.failedFuture(new NotFoundException("deploymentId", "no deployment " + deploymentId));
        }
        // A deployment still starting is stopped once its deploy settles, so only one chain writes its record.
        return tracked.settled().thenCompose(v -> tracked.stopOnce(() -> stop(tracked)));
    }

    private CompletableFuture<Void> stop(LocalProcess tracked) {
        if (!deployments.containsKey(tracked.entry().id())) {
            return CompletableFuture.completedFuture(null); // its deploy failed and already cleaned up
        }
        tracked.entry(tracked.entry().inState(DeploymentState.STOPPING));
        return journal.put(tracked.entry())
                .thenCompose(v -> stopper.stop(tracked.process()))
                .thenCompose(v -> journal.delete(tracked.entry().id()))
                .thenRun(() -> deployments.remove(tracked.entry().id()));
    }

    @Override
    public boolean isRunning(String deploymentId) {
        LocalProcess tracked = deployments.get(deploymentId);
        ProcessHandle process = tracked == null ? null : tracked.process();
        return process != null && ProcessLiveness.isRunning(process);
    }

    @Override
    public List<Deployment> deployments() {
        return deployments.values().stream().map(p -> p.entry().toDeployment())
                .sorted(Comparator.comparing(Deployment::id)).toList();
    }

    @Override
    public CompletableFuture<SweepReport> sweep(Predicate<String> ownerIsLive) {
        Objects.requireNonNull(ownerIsLive, "ownerIsLive");
        List<String> kept = new ArrayList<>();
        Map<String, CompletableFuture<Void>> removals = new ConcurrentHashMap<>();
        for (Deployment d : deployments()) {
            if (isLive(ownerIsLive, d.ownerId())) {
                kept.add(d.id());
            } else {
                removals.put(d.id(), undeploy(d.id()));
            }
        }
        return CompletableFuture.allOf(removals.values().stream().map(f -> f.handle((v, e) -> null))
                        .toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    List<String> removed = new ArrayList<>();
                    Map<String, String> failed = new ConcurrentHashMap<>();
                    removals.forEach((id, f) -> f.handle((ok, e) -> e == null ? removed.add(id)
                            : failed.put(id, String.valueOf(unwrap(e).getMessage()))).join());
                    removed.sort(null);
                    return new SweepReport(removed, kept, failed);
                });
    }

    /** An owner whose liveness cannot be decided is kept: removing a live owner's version is worse. */
    private static boolean isLive(Predicate<String> ownerIsLive, String owner) {
        try {
            return ownerIsLive.test(owner);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static URI endpoint(DeploymentEntry entry) {
        return URI.create("http://127.0.0.1:" + entry.port());
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
