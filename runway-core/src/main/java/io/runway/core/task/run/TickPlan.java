package io.runway.core.task.run;

import io.runway.core.store.DocumentRecord;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.TaskGraphSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The changes one tick decides, staged over the {@link RunBook} so nothing in memory changes before the
 * documents are stored.
 */
final class TickPlan {
    record Line(String graph, String line) {}

    private final RunBook book;
    private final Instant now;
    private final Map<String, GraphRun> changed = new LinkedHashMap<>();
    private final Map<String, Instant> fires = new LinkedHashMap<>();
    private final List<String> deleted = new ArrayList<>();
    private final List<Line> log = new ArrayList<>();

    TickPlan(RunBook book, Instant now) {
        this.book = book;
        this.now = now;
    }

    /** The new last-fired instant per graph. */
    Map<String, Instant> fires() {
        return fires;
    }

    List<Line> log() {
        return log;
    }

    void note(String graph, String line) {
        log.add(new Line(graph, line));
    }

    /** A run for a schedule instant, unless that instant already has one. */
    void fire(TaskGraphSpec spec, Instant at, Instant intervalStart, boolean prohibitOverlap) {
        String id = GraphRun.idOf(spec.name(), "schedule", at);
        if (current(id) != null) {
            return;
        }
        GraphRun active = view().stream().filter(r -> r.graph().equals(spec.name()) && r.isActive()).findFirst().orElse(null);
        GraphRun run = prohibitOverlap && active != null
                ? GraphRun.create(spec, "schedule", at, intervalStart, now, GraphRunState.SKIPPED, "overlap: " + active.id() + " is still active")
                : GraphRun.create(spec, "schedule", at, intervalStart, now, GraphRunState.QUEUED, "scheduled");
        update(run);
    }

    /** Starts queued runs, oldest instant first, while a graph has fewer than its maxActiveRuns running. */
    void admit(Set<String> registered, ToIntFunction<String> maxActiveRuns) {
        Set<String> graphs = new LinkedHashSet<>(registered);
        view().forEach(r -> graphs.add(r.graph()));
        for (String g : graphs) {
            long running = view().stream().filter(r -> r.graph().equals(g) && r.state() == GraphRunState.RUNNING).count();
            List<GraphRun> queued = view().stream().filter(r -> r.graph().equals(g) && r.state() == GraphRunState.QUEUED)
                    .sorted(Comparator.comparing(GraphRun::scheduledFor).thenComparing(GraphRun::createdAt)).toList();
            for (GraphRun r : queued) {
                if (running >= maxActiveRuns.applyAsInt(g)) {
                    break;
                }
                update(r.withState(GraphRunState.RUNNING, now, null));
                running++;
            }
        }
    }

    List<GraphRun> running() {
        return view().stream().filter(r -> r.state() == GraphRunState.RUNNING).toList();
    }

    void update(GraphRun next) {
        GraphRun before = current(next.id());
        if (next.equals(before)) {
            return;
        }
        changed.put(next.id(), next);
        if (before == null || before.state() != next.state()) {
            log.add(new Line(next.graph(), "run " + next.id() + " " + next.state() + (next.reason() == null ? "" : ": " + next.reason())));
        }
        next.tasks().forEach((name, t) -> {
            TaskRun old = before == null ? null : before.task(name);
            if (before != null && (old == null || old.state() != t.state() || old.attempt() != t.attempt())) {
                log.add(new Line(next.graph(), "run " + next.id() + " task " + name + " " + t.state()
                        + (t.attempt() > 0 ? " (attempt " + t.attempt() + ")" : "") + (t.message() == null ? "" : ": " + t.message())));
            }
        });
    }

    /** The documents to store: changed runs, then deletions of finished runs beyond the retention. */
    List<DocumentRecord> documents() {
        List<DocumentRecord> docs = new ArrayList<>();
        changed.values().forEach(r -> docs.add(book.document(r)));
        Set<String> graphs = new LinkedHashSet<>();
        changed.values().forEach(r -> graphs.add(r.graph()));
        for (String g : graphs) {
            List<GraphRun> finished = view().stream().filter(r -> r.graph().equals(g) && !r.isActive())
                    .sorted(Comparator.comparing(GraphRun::scheduledFor).reversed()).toList();
            for (GraphRun old : finished.subList(Math.min(book.keepFinished(), finished.size()), finished.size())) {
                if (!changed.containsKey(old.id())) {
                    docs.add(book.deletion(old.id()));
                    deleted.add(old.id());
                }
            }
        }
        return docs;
    }

    void applyTo(RunBook target) {
        changed.values().forEach(target::put);
        deleted.forEach(target::remove);
    }

    private GraphRun current(String id) {
        GraphRun c = changed.get(id);
        return c != null ? c : book.get(id);
    }

    private List<GraphRun> view() {
        Map<String, GraphRun> all = new LinkedHashMap<>(book.all());
        all.putAll(changed);
        return new ArrayList<>(all.values());
    }
}
