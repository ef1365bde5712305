package io.runway.core.lease;

import java.util.concurrent.CompletableFuture;

/** A request handed to the engine: its lease id at once, and the grant (or why not) later. */
public record PendingLease(String id, CompletableFuture<Grant> grant) {}
