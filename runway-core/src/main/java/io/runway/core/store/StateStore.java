package io.runway.core.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Durable home of lease and resource state. Implementations: the embedded store (a directory, crash-safe,
 * group commit) and, in runway-aws, DynamoDB. Every implementation passes the contract tests in
 * {@code StateStoreContract} (runway-core test-jar).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #commit} completes normally only once the whole batch is durable (survives kill -9 of the
 *       process and, for the embedded store, power loss as far as {@code fsync} promises).</li>
 *   <li>Batches committed by one caller become durable in the order they were submitted: whenever a
 *       batch survives a crash, every batch submitted before it survives too.</li>
 *   <li>A batch is all or nothing. If a record's version is not exactly one more than the stored one
 *       (or 1 for a new id), the future fails with {@code ConflictException} and nothing of the batch
 *       is applied.</li>
 *   <li>{@link #load} returns the state as of the last durable batch.</li>
 * </ul>
 */
public interface StateStore extends AutoCloseable {

    /** Reads all durable state. Called once, before the first commit. */
    StoredState load();

    /** Makes the batch durable; see the class contract. Never blocks the caller on I/O. */
    CompletableFuture<Void> commit(StoreBatch batch);

    /** The audit trail of one lease, oldest first; empty if unknown or purged. */
    List<AuditEvent> events(String leaseId);

    /** Flushes what was submitted, then releases files/clients. Further commits fail. */
    @Override
    void close();
}
