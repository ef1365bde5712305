package io.runway.core.deploy.local;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the deployer holds for one deployment: the latest record, the process once started, and two
 * one-shot signals that order the deploy chain before the stop chain.
 */
final class LocalProcess {
    private volatile DeploymentEntry entry;
    private volatile ProcessHandle process;
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private final AtomicReference<CompletableFuture<Void>> stop = new AtomicReference<>();

    private LocalProcess(DeploymentEntry entry, ProcessHandle process) {
        this.entry = entry;
        this.process = process;
    }

    static LocalProcess intent(DeploymentEntry entry) {
        return new LocalProcess(entry, null);
    }

    static LocalProcess adopted(DeploymentEntry entry, ProcessHandle process) {
        LocalProcess adopted = new LocalProcess(entry, process);
        adopted.settle();
        return adopted;
    }

    DeploymentEntry entry() {
        return entry;
    }

    void entry(DeploymentEntry next) {
        entry = next;
    }

    ProcessHandle process() {
        return process;
    }

    void started(ProcessHandle handle, Instant start) {
        process = handle;
        entry = entry.started(handle, start);
    }

    /** Completes once deploying has ended, ready or not. */
    CompletableFuture<Void> settled() {
        return settled;
    }

    void settle() {
        settled.complete(null);
    }

    /** Runs {@code stopping} at most once; later callers share its result. */
    CompletableFuture<Void> stopOnce(Supplier<CompletableFuture<Void>> stopping) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!stop.compareAndSet(null, mine)) {
            return stop.get();
        }
        stopping.get().whenComplete((v, failure) -> {
            if (failure != null) {
                stop.set(null); // let a later undeploy or sweep try again
                mine.completeExceptionally(failure);
            } else {
                mine.complete(null);
            }
        });
        return mine;
    }
}
