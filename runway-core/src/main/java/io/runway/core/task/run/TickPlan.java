package io.runway.core.task.run;

import io.runway.core.store.DocumentRecord;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskRunState;
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
    /** Every run as this tick sees it (stored ones overlaid with this tick's changes), built once per tick. */
    private final Map<String, GraphRun> view;

    TickPlan(RunBook book, Instant now) {
        this.book = book;
        this.now = now;
        this.view = new LinkedHashMap<>(book.all());
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
        GraphRun active = prohibitOverlap ? view.values().stream().filter(r -> r.graph().equals(spec.name()) && r.isActive())
                .findFirst().orElse(null) : null;
        GraphRun run = prohibitOverlap && active != null
                ? GraphRun.create(spec, "schedule", at, intervalStart, now, GraphRunState.SKIPPED, "overlap: " + active.id() + " is still active")
                : GraphRun.create(spec, "schedule", at, intervalStart, now, GraphRunState.QUEUED, "scheduled");
        update(run);
    }

    /** Starts queued runs, oldest instant first, while a graph has fewer than its maxActiveRuns running. */
    void admit(ToIntFunction<String> maxActiveRuns) {
        Map<String, List<GraphRun>> queuedByGraph = new LinkedHashMap<>();
        Map<String, Integer> runningByGraph = new java.util.HashMap<>();
        for (GraphRun r : view.values()) {
            if (r.state() == GraphRunState.QUEUED) {
                queuedByGraph.computeIfAbsent(r.graph(), g -> new ArrayList<>()).add(r);
            } else if (r.state() == GraphRunState.RUNNING) {
                runningByGraph.merge(r.graph(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, List<GraphRun>> e : queuedByGraph.entrySet()) {
            String g = e.getKey();
            int running = runningByGraph.getOrDefault(g, 0);
            List<GraphRun> queued = e.getValue().stream()
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
        return view.values().stream().filter(r -> r.state() == GraphRunState.RUNNING).toList();
    }

    void update(GraphRun next) {
        GraphRun before = current(next.id());
        if (next.equals(before)) {
            return;
        }
        changed.put(next.id(), next);
        view.put(next.id(), next);
        if (before == null || before.state() != next.state()) {
            log.add(new Line(next.graph(), "run " + next.id() + " " + next.state() + (next.reason() == null ? "" : ": " + next.reason())));
        }
        next.tasks().forEach((name, t) -> {
            TaskRun old = before == null ? null : before.task(name);
            boolean placementNews = old != null && t.state() == TaskRunState.PLACED && t.placement() != null
                    && !t.placement().equals(old.placement())
                    && (old.placement() == null || !t.placement().reason().equals(old.placement().reason())
                        || !t.placement().state().equals(old.placement().state()));
            if (before != null && (old == null || old.state() != t.state() || old.attempt() != t.attempt() || placementNews)) {
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
        Map<String, List<GraphRun>> finishedByGraph = new LinkedHashMap<>();
        for (GraphRun r : view.values()) {
            if (!r.isActive() && graphs.contains(r.graph())) {
                finishedByGraph.computeIfAbsent(r.graph(), g -> new ArrayList<>()).add(r);
            }
        }
        for (List<GraphRun> runs : finishedByGraph.values()) {
            if (runs.size() <= book.keepFinished()) {
                continue;
            }
            List<GraphRun> finished = runs.stream().sorted(Comparator.comparing(GraphRun::scheduledFor).reversed()).toList();
            for (GraphRun old : finished.subList(book.keepFinished(), finished.size())) {
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
        return view.get(id);
    }

}
