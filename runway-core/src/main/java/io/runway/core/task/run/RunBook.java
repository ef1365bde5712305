package io.runway.core.task.run;

import io.runway.core.store.DocumentRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The graph runs held in memory and the stored version of every task document. Used under the scheduler's lock. */
final class RunBook {
    private final Map<String, GraphRun> runs = new LinkedHashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final int keepFinished;

    RunBook(int keepFinished) {
        this.keepFinished = keepFinished;
    }

    void load(GraphRun run, String key, long version) {
        runs.put(run.id(), run);
        versions.put(key, version);
    }

    void version(String key, long version) {
        versions.put(key, version);
    }

    long nextVersion(String key) {
        return versions.getOrDefault(key, 0L) + 1;
    }

    /** Records the versions of documents that are now durable. */
    void committed(List<DocumentRecord> docs) {
        docs.forEach(d -> versions.put(d.key(), d.version()));
    }

    DocumentRecord document(GraphRun run) {
        return TaskDocuments.run(run, nextVersion(DocumentRecord.key(TaskDocuments.RUN, run.id())));
    }

    DocumentRecord deletion(String runId) {
        return new DocumentRecord(TaskDocuments.RUN, runId, nextVersion(DocumentRecord.key(TaskDocuments.RUN, runId)), null);
    }

    GraphRun get(String id) {
        return runs.get(id);
    }

    void put(GraphRun run) {
        runs.put(run.id(), run);
    }

    void remove(String id) {
        runs.remove(id);
    }

    Map<String, GraphRun> all() {
        return runs;
    }

    int keepFinished() {
        return keepFinished;
    }

    /** Runs of one graph (null: every graph), newest instant first. */
    List<GraphRun> runs(String graph) {
        List<GraphRun> out = new ArrayList<>();
        runs.values().stream().filter(r -> graph == null || r.graph().equals(graph)).forEach(out::add);
        out.sort(Comparator.comparing(GraphRun::scheduledFor).thenComparing(GraphRun::createdAt).reversed());
        return out;
    }
}
