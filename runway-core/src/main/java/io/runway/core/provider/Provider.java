package io.runway.core.provider;

import io.runway.core.resource.ResourceView;
import java.util.concurrent.CompletableFuture;

/**
 * Provisions, cleans and deprovisions resources. The engine calls it outside its writer, only after the
 * state change that asks for the work is durable (intent before side effect), and re-asks after a crash
 * for every resource still DIRTY or CLEANING, so {@link #cleanup} must be idempotent.
 */
public interface Provider {

    /** The name pools use in {@code provider:}. */
    String name();

    /**
     * Whether {@link #cleanup} does real work. When false, a released resource goes back to FREE as soon
     * as its pool's cooldown has passed, without a CLEANING step.
     */
    boolean cleansResources();

    /** Returns the resource to a clean state after a lease. Completes exceptionally to ask for a retry. */
    CompletableFuture<Void> cleanup(ResourceView resource, String lastLeaseId);
}
