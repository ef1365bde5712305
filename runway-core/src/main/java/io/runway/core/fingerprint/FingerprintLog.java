package io.runway.core.fingerprint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.StateStore;
import io.runway.core.store.StoreBatch;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Deployment history: fingerprints kept as write-once {@code fingerprint} documents in the state store,
 * indexed by service in memory for {@code runway history SERVICE}.
 */
public final class FingerprintLog {
    static final String KIND = "fingerprint";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // newer fields from a newer runway
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StateStore store;
    private final Clock clock;
    private final Map<String, List<Fingerprint>> byService = new ConcurrentHashMap<>();

    public FingerprintLog(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (DocumentRecord doc : store.load().documents(KIND).values()) {
            index(read(doc.body()));
        }
    }

    /** Records a deployment; completes once it is durable. The id and time are filled in here. */
    public CompletableFuture<Fingerprint> record(Fingerprint draft) {
        long now = clock.millis();
        String id = String.format("f-%013d-%08x", now, RANDOM.nextInt());
        Fingerprint fingerprint = new Fingerprint(id, draft.service(), draft.version(), draft.deployedBy(),
                draft.role(), draft.permissions(), draft.commit(), draft.artifact(), draft.artifactDigest(),
                draft.rolloutId(), clock.instant());
        DocumentRecord doc = new DocumentRecord(KIND, id, 1, write(fingerprint));
        return store.commit(StoreBatch.ofDocuments(List.of(doc))).thenApply(v -> {
            index(fingerprint);
            return fingerprint;
        });
    }

    /** Deployments of a service, newest first. */
    public List<Fingerprint> history(String service) {
        List<Fingerprint> out = new ArrayList<>(byService.getOrDefault(service, List.of()));
        out.sort(Comparator.comparing(Fingerprint::at).thenComparing(Fingerprint::id).reversed());
        return out;
    }

    private void index(Fingerprint f) {
        byService.computeIfAbsent(f.service(), s -> new CopyOnWriteArrayList<>()).add(f);
    }

    static String write(Fingerprint f) {
        try {
            return JSON.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize fingerprint " + f.id(), e);
        }
    }

    static Fingerprint read(String json) {
        try {
            return JSON.readValue(json, Fingerprint.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable fingerprint document: " + e.getOriginalMessage(), e);
        }
    }
}
