package io.runway.core.task.run;

import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.StateStore;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import io.runway.core.task.GraphRunState;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskLauncher;
import io.runway.core.task.TaskOutcome;
import io.runway.core.task.TaskRunState;
import io.runway.core.task.cron.CronSchedule;
import io.runway.core.task.cron.CronSchedules;
import io.runway.core.task.cron.FireIndex;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs task graphs: fires schedules, creates one run per instant, admits runs under maxActiveRuns, and
 * drives each run with the {@link GraphRunDecider}. Each tick decides everything first, stores the
 * changed documents (durable before any side effect), then launches and cancels through the
 * {@link TaskLauncher}. Ticks run one at a time on the host's executor: every {@code options.tick},
 * at the exact instant the next schedule is due, and when a launcher reports.
 */
public final class TaskScheduler implements AutoCloseable {
    /** Receives progress lines. */
    @FunctionalInterface
    public interface Listener {
        void progress(String graph, String line);
    }

    /** Hears how late each schedule instant fired (for metrics). */
    @FunctionalInterface
    public interface FireLagListener {
        void fired(String graph, Instant instant, java.time.Duration lag);
    }

    /** Task runs (tasks within retained graph runs) by state, and how many wait on a BLOCKED placement. */
    public record TaskCounts(Map<TaskRunState, Integer> byState, int blockedPlacements) {}

    private record Fired(String graph, Instant at) {}

    private final List<Fired> firedNow = new ArrayList<>();

    private record Graph(TaskGraphSpec spec, CronSchedule schedule, int slot) {}

    private final StateStore store;
    private final Clock clock;
    private final TaskSchedulerOptions options;
    private final Listener listener;
    private final CronSchedules schedules = new CronSchedules();
    private final FireIndex<String> fireIndex = new FireIndex<>();
    private final GraphRunDecider decider = new GraphRunDecider();
    private final FireDecider fireDecider = new FireDecider();
    private final Map<String, Graph> graphs = new LinkedHashMap<>();
    private final Map<String, Instant> lastFired = new HashMap<>();
    private final RunBook book;
    private final Launches launches;
    private final ConcurrentLinkedQueue<TaskEvent> inbox = new ConcurrentLinkedQueue<>();
    private volatile ScheduledExecutorService executor;
    private ScheduledFuture<?> periodic;
    private ScheduledFuture<?> wake;
    private volatile FireLagListener fireLag = (g, at, lag) -> { };

    private TaskScheduler(StateStore store, TaskLauncher launcher, Clock clock, TaskSchedulerOptions options, Listener listener) {
        this.store = store;
        this.clock = clock;
        this.options = options;
        this.listener = listener;
        this.book = new RunBook(options.keepFinishedRuns());
        this.launches = new Launches(launcher, this::report);
    }

    /**
     * A scheduler over what the store holds. Attempts that were running when runway stopped are reported
     * as failed ("lost at restart"), so they are retried when retries are left.
     */
    public static TaskScheduler recover(StateStore store, StoredState loaded, TaskLauncher launcher, Clock clock,
                                        TaskSchedulerOptions options, Listener listener) {
        TaskScheduler s = new TaskScheduler(store, launcher, clock, options, listener);
        for (DocumentRecord d : loaded.documents(TaskDocuments.FIRE).values()) {
            s.book.version(d.key(), d.version());
            s.lastFired.put(d.id(), TaskDocuments.readFire(d).lastFired());
        }
        for (DocumentRecord d : loaded.documents(TaskDocuments.RUN).values()) {
            GraphRun run = TaskDocuments.readRun(d);
            s.book.load(run, d.key(), d.version());
            run.tasks().values().stream().filter(t -> run.isActive() && t.state().isLaunched()).forEach(t ->
                    s.inbox.add(new TaskEvent.Finished(run.id(), t.name(), t.attempt(),
                            TaskOutcome.failure("lost at restart: runway stopped while attempt " + t.attempt() + " ran"))));
        }
        return s;
    }

    /**
     * Adds or replaces a graph. A scheduled graph seen for the first time starts firing from now (no
     * missed runs); one known from the store resumes from its stored last instant, so instants missed
     * while runway was down follow the missed-run policy at the next tick.
     */
    public synchronized void register(TaskGraphSpec spec) {
        Graph old = graphs.remove(spec.name());
        if (old != null && old.slot() >= 0) {
            fireIndex.remove(old.slot());
        }
        if (spec.schedule() == null) {
            graphs.put(spec.name(), new Graph(spec, null, -1));
            return;
        }
        CronSchedule schedule = schedules.compile(spec.schedule().cron(), spec.name(), ZoneId.of(spec.schedule().timezone()), "schedule.cron");
        Instant from = lastFired.get(spec.name());
        if (from == null) {
            from = clock.instant();
            commit(List.of(fireDocument(spec.name(), from)));
            lastFired.put(spec.name(), from);
        }
        graphs.put(spec.name(), new Graph(spec, schedule, fireIndex.add(spec.name(), schedule, from)));
        requestWake();
    }

    public synchronized List<TaskGraphSpec> graphs() {
        return graphs.values().stream().map(Graph::spec).toList();
    }

    /** The next schedule instant of a graph, if it has a schedule. */
    public synchronized Optional<Instant> nextFire(String graph) {
        Graph g = graph(graph);
        return g.slot() < 0 ? Optional.empty() : fireIndex.nextFire(g.slot());
    }

    /** Runs of a graph (null: all), newest first. */
    public synchronized List<GraphRun> runs(String graph) {
        return book.runs(graph);
    }

    public synchronized Optional<GraphRun> run(String id) {
        return Optional.ofNullable(book.get(id));
    }

    public void onFireLag(FireLagListener listener) {
        this.fireLag = listener;
    }

    /** Counts over the retained runs: task states, and tasks waiting on a BLOCKED placement. */
    public synchronized TaskCounts taskCounts() {
        Map<TaskRunState, Integer> byState = new java.util.EnumMap<>(TaskRunState.class);
        for (TaskRunState s : TaskRunState.values()) {
            byState.put(s, 0);
        }
        int blocked = 0;
        for (GraphRun r : book.runs(null)) {
            for (TaskRun t : r.tasks().values()) {
                byState.merge(t.state(), 1, Integer::sum);
                if (t.state() == TaskRunState.PLACED && t.placement() != null && "BLOCKED".equals(t.placement().state())) {
                    blocked++;
                }
            }
        }
        return new TaskCounts(byState, blocked);
    }

    /** Starts a run now, outside the schedule (queued under maxActiveRuns like any other). */
    public synchronized GraphRun trigger(String graph) {
        Graph g = graph(graph);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant start = g.schedule() == null ? now : g.schedule().previous(now).orElse(now);
        GraphRun run = GraphRun.create(g.spec(), "manual", now, start, clock.instant(), GraphRunState.QUEUED, "run on request");
        if (book.get(run.id()) != null) {
            return book.get(run.id());
        }
        commit(List.of(book.document(run)));
        book.put(run);
        requestTick();
        return run;
    }

    /**
     * One run per schedule instant in {@code [from, to]}, queued under maxActiveRuns. Instants that
     * already have a run (scheduled or backfilled) are left alone. Refused when the range holds more
     * than {@code maxBackfillRuns} instants.
     */
    public synchronized List<GraphRun> backfill(String graph, Instant from, Instant to) {
        Graph g = graph(graph);
        if (g.schedule() == null) {
            throw new InvalidInputException("graph", "graph '" + graph + "' has no schedule to backfill");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "the range ends before it starts");
        }
        List<Instant> instants = new ArrayList<>();
        Optional<Instant> at = g.schedule().next(from.minusNanos(1));
        while (at.isPresent() && !at.get().isAfter(to)) {
            if (instants.size() == options.maxBackfillRuns()) {
                throw new InvalidInputException("to", "the range holds more than " + options.maxBackfillRuns() + " instants; backfill a shorter range");
            }
            instants.add(at.get());
            at = g.schedule().next(at.get());
        }
        List<DocumentRecord> docs = new ArrayList<>();
        List<GraphRun> created = new ArrayList<>();
        for (Instant i : instants) {
            if (book.get(GraphRun.idOf(graph, "schedule", i)) != null || book.get(GraphRun.idOf(graph, "backfill", i)) != null) {
                continue;
            }
            GraphRun run = GraphRun.create(g.spec(), "backfill", i, g.schedule().previous(i).orElse(i), clock.instant(),
                    GraphRunState.QUEUED, "backfill " + from + " to " + to);
            docs.add(book.document(run));
            created.add(run);
        }
        commit(docs);
        created.forEach(book::put);
        requestTick();
        return created;
    }

    /** Starts ticking on the host's executor. */
    public synchronized void start(ScheduledExecutorService executor) {
        this.executor = executor;
        long ms = Math.max(10, options.tick().toMillis());
        periodic = executor.scheduleWithFixedDelay(this::tickSafely, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** One round: fire due schedules, admit queued runs, decide every running run, store, then act. */
    public synchronized void tick() {
        Instant now = clock.instant();
        List<TaskEvent> events = drain();
        TickPlan plan = new TickPlan(book, now);
        firedNow.clear();
        try {
            fire(plan, now);
            List<TaskAction> actions = new ArrayList<>();
            Map<String, List<TaskEvent>> byRun = new HashMap<>();
            events.forEach(e -> byRun.computeIfAbsent(e.runId(), k -> new ArrayList<>()).add(e));
            Set<String> decided = new HashSet<>();
            for (int round = 0; round < 2; round++) { // runs that end this tick free slots for queued ones at once
                if (round == 1) {
                    plan.admit(this::maxActiveRuns);
                }
                for (GraphRun run : plan.running()) {
                    if (decided.add(run.id())) {
                        GraphRunDecider.Decision d = decider.decide(run, byRun.getOrDefault(run.id(), List.of()), now);
                        plan.update(d.run());
                        actions.addAll(d.actions());
                    }
                }
            }
            List<DocumentRecord> docs = plan.documents();
            plan.fires().forEach((g, at) -> docs.add(fireDocument(g, at)));
            commit(docs);
            plan.fires().forEach(lastFired::put);
            plan.applyTo(book);
            plan.log().forEach(l -> listener.progress(l.graph(), l.line()));
            firedNow.forEach(f -> fireLag.fired(f.graph(), f.at(), java.time.Duration.between(f.at(), now)));
            actions.forEach(a -> launches.act(book.get(a.runId()), a));
        } catch (RuntimeException e) {
            inbox.addAll(events); // nothing was stored: decide again next tick
            plan.fires().keySet().forEach(g -> fireIndex.reschedule(graphs.get(g).slot(), lastFired.get(g)));
            throw e;
        }
        requestWake();
    }

    private void fire(TickPlan plan, Instant now) {
        LinkedHashSet<String> due = new LinkedHashSet<>();
        fireIndex.dispatch(now, (graph, slot, at) -> due.add(graph));
        for (String name : due) {
            Graph g = graphs.get(name);
            var s = g.spec().schedule();
            FireDecider.Plan p = fireDecider.decide(g.schedule(), lastFired.get(name), now, s.missedRunPolicy(),
                    s.catchUpLimit(), options.missedGrace());
            if (p.missedDropped() > 0) {
                plan.note(name, p.missedDropped() + " missed instant(s) not run (missedRuns: " + s.missedRuns() + ")");
            }
            for (Instant at : p.run()) {
                firedNow.add(new Fired(name, at));
                plan.fire(g.spec(), at, g.schedule().previous(at).orElse(at), s.prohibitOverlap());
            }
            plan.fires().put(name, p.lastFired());
        }
    }

    private int maxActiveRuns(String graph) {
        Graph g = graphs.get(graph);
        return g == null || g.spec().schedule() == null ? 1 : g.spec().schedule().maxActiveRuns();
    }

    private void report(TaskEvent event) {
        inbox.add(event);
        requestTick();
    }

    private List<TaskEvent> drain() {
        List<TaskEvent> out = new ArrayList<>();
        for (TaskEvent e; (e = inbox.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }

    private void commit(List<DocumentRecord> docs) {
        if (!docs.isEmpty()) {
            store.commit(StoreBatch.ofDocuments(docs)).join();
            book.committed(docs);
        }
    }

    private DocumentRecord fireDocument(String graph, Instant at) {
        String key = DocumentRecord.key(TaskDocuments.FIRE, graph);
        return TaskDocuments.fire(new TaskDocuments.FireState(graph, at), book.nextVersion(key));
    }

    private Graph graph(String name) {
        Graph g = graphs.get(name);
        if (g == null) {
            throw new NotFoundException("graph", "no task graph named '" + name + "'");
        }
        return g;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            listener.progress("-", "scheduler tick failed (will retry): " + e);
        }
    }

    private void requestTick() {
        ScheduledExecutorService e = executor;
        if (e != null && !e.isShutdown()) {
            e.execute(this::tickSafely);
        }
    }

    /** Arms a one-shot tick at the next schedule instant, so fires are not late by up to one tick. */
    private synchronized void requestWake() {
        if (executor == null || executor.isShutdown()) {
            return;
        }
        Optional<Instant> next = fireIndex.nextDue();
        if (next.isEmpty()) {
            return;
        }
        long delay = Math.max(0, next.get().toEpochMilli() - clock.millis());
        if (wake != null && !wake.isDone() && wake.getDelay(TimeUnit.MILLISECONDS) <= delay) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wake = executor.schedule(this::tickSafely, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops ticking and cancels running attempts; they count as lost and are retried after a restart. */
    @Override
    public synchronized void close() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        if (wake != null) {
            wake.cancel(false);
        }
        executor = null;
        launches.cancelAll("shutdown");
    }
}
