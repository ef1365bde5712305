package io.runway.core.lease;

import io.runway.core.error.RunwayException;
import io.runway.core.provider.CapacityProvider;
import io.runway.core.resource.ResourceView;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Provider side effects that a durable batch allows (intent before side effect): cleanup after a lease,
 * provisioning and deprovisioning. Each outcome comes back to the writer as a command.
 */
final class ProviderWork {
    private final EngineState state;
    private final Consumer<EngineCommand> submit;
    /** Multi-controller: the book may have been rebuilt (new slots) while the work ran. */
    private final boolean rebuildsBook;

    ProviderWork(EngineState state, Consumer<EngineCommand> submit, boolean rebuildsBook) {
        this.state = state;
        this.submit = submit;
        this.rebuildsBook = rebuildsBook;
    }

    void startCleanup(ResourceSlot slot) {
        ResourceView view = slot.view();
        String leaseId = slot.record.leaseId();
        CompletableFuture<Void> work;
        try {
            work = slot.pool.provider.cleanup(view, leaseId);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((v, err) -> submit.accept(new EngineCommand() {
            public void apply(Instant now, Changes ch) {
                // By id: a multi-controller engine may have rebuilt its book (new slots) meanwhile.
                ResourceSlot current = rebuildsBook ? state.book.index.resource(slot.id) : slot;
                if (current != null) {
                    state.book.lifecycle.cleaned(current, err, now, ch);
                }
            }

            public void reject(RunwayException e) {
                // Engine closing: the resource stays CLEANING and is cleaned again on the next start.
            }
        }));
    }

    void startProvision(ResourceSlot slot) {
        ResourceView view = slot.view();
        CompletableFuture<Map<String, Object>> work;
        try {
            work = slot.pool.provider instanceof CapacityProvider p ? p.provisionWithFacts(view)
                    : CompletableFuture.failedFuture(new IllegalStateException("provider " + slot.pool.provider.name()
                            + " cannot provision"));
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((facts, err) -> submit.accept(new EngineCommand() {
            public void apply(Instant now, Changes ch) {
                state.book.capacity.provisioned(slot, err, facts == null ? Map.of() : facts, now, ch);
            }

            public void reject(RunwayException e) {
                // Engine closing: the resource stays PROVISIONING and is provisioned again on the next start.
            }
        }));
    }

    void startDeprovision(ResourceSlot slot) {
        ResourceView view = slot.view();
        CompletableFuture<Void> work;
        try {
            work = slot.pool.provider instanceof CapacityProvider p ? p.deprovision(view)
                    : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((v, err) -> submit.accept(new EngineCommand() {
            public void apply(Instant now, Changes ch) {
                state.book.capacity.deprovisioned(slot, err, now, ch);
            }

            public void reject(RunwayException e) {
                // Engine closing: the description stays, so the next start deprovisions again.
            }
        }));
    }
}
