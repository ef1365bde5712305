package io.runway.core.task.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.runway.core.spec.DurationModule;
import io.runway.core.store.DocumentRecord;
import java.time.Instant;

/**
 * Task scheduler state as documents in the state store: {@code task-run} (one per graph run, id = run id)
 * and {@code task-fire} (one per scheduled graph, id = graph name: the last schedule instant handled).
 */
public final class TaskDocuments {
    public static final String RUN = "task-run";
    public static final String FIRE = "task-fire";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new DurationModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // a newer runway may add fields

    /** The durable fire state of one graph. */
    public record FireState(String graph, Instant lastFired) {}

    private TaskDocuments() {}

    public static DocumentRecord run(GraphRun run, long version) {
        return new DocumentRecord(RUN, run.id(), version, write(run));
    }

    public static DocumentRecord fire(FireState state, long version) {
        return new DocumentRecord(FIRE, state.graph(), version, write(state));
    }

    public static GraphRun readRun(DocumentRecord doc) {
        return read(doc, GraphRun.class);
    }

    public static FireState readFire(DocumentRecord doc) {
        return read(doc, FireState.class);
    }

    /** A graph spec (or any task value) as JSON the way documents hold it: durations as in spec files. */
    public static String json(Object value) {
        return write(value);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(DocumentRecord doc, Class<T> type) {
        try {
            return JSON.readValue(doc.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + doc.kind() + " document " + doc.id() + ": " + e.getOriginalMessage(), e);
        }
    }
}
