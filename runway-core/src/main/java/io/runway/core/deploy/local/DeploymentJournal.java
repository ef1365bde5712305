package io.runway.core.deploy.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.StateStore;
import io.runway.core.store.StoreBatch;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads and writes {@code deployment} documents, keeping each one's stored version so every write is the
 * next version. Writes are numbered and submitted under one lock, so they reach the store in order.
 */
final class DeploymentJournal {
    static final String KIND = "deployment";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final StateStore store;
    private final Map<String, Long> versions = new HashMap<>();

    DeploymentJournal(StateStore store) {
        this.store = store;
    }

    /** Every recorded deployment; records that cannot be read are returned in {@code unreadable}. */
    synchronized Loaded load() {
        List<DeploymentEntry> entries = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        store.load().documents(KIND).forEach((id, doc) -> {
            versions.put(id, doc.version());
            try {
                entries.add(JSON.readValue(doc.body(), DeploymentEntry.class));
            } catch (JsonProcessingException e) {
                unreadable.add(id);
            }
        });
        return new Loaded(entries, unreadable);
    }

    synchronized CompletableFuture<Void> put(DeploymentEntry entry) {
        return write(entry.id(), encode(entry));
    }

    /** Deletes the record; completes at once if there is none. */
    synchronized CompletableFuture<Void> delete(String id) {
        return versions.containsKey(id) ? write(id, null) : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> write(String id, String body) {
        long next = versions.getOrDefault(id, 0L) + 1;
        if (body == null) {
            versions.remove(id);
        } else {
            versions.put(id, next);
        }
        return store.commit(StoreBatch.ofDocuments(List.of(new DocumentRecord(KIND, id, next, body))))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        resync(id);
                    }
                });
    }

    /** After a failed write the stored version is whatever the store says, not what was assumed. */
    private synchronized void resync(String id) {
        DocumentRecord stored = store.load().documents(KIND).get(id);
        if (stored == null) {
            versions.remove(id);
        } else {
            versions.put(id, stored.version());
        }
    }

    private static String encode(DeploymentEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Loaded(List<DeploymentEntry> entries, List<String> unreadable) {}
}
