package io.runway.core.rollout.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.runway.core.rollout.RolloutState;
import io.runway.core.spec.DurationModule;
import io.runway.core.store.DocumentRecord;

/** Rollout states as {@code rollout} documents in the state store (JSON; durations as in specs). */
public final class RolloutDocuments {
    public static final String KIND = "rollout";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new DurationModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // a newer runway may add fields

    private RolloutDocuments() {}

    public static DocumentRecord write(RolloutState state, long version) {
        try {
            return new DocumentRecord(KIND, state.id(), version, JSON.writeValueAsString(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize rollout " + state.id(), e);
        }
    }

    public static RolloutState read(DocumentRecord doc) {
        try {
            return JSON.readValue(doc.body(), RolloutState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rollout document " + doc.id() + ": " + e.getOriginalMessage(), e);
        }
    }
}
