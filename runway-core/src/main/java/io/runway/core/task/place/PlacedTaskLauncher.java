package io.runway.core.task.place;

import io.runway.core.lease.LeaseEngine;
import io.runway.core.placement.PlacementService;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.StateStore;
import io.runway.core.task.LocalCommandLauncher;
import io.runway.core.task.TaskExecution;
import io.runway.core.task.TaskLauncher;
import io.runway.core.task.TaskRunContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs tasks where placement puts them. A task with requirements (pool, capability or attributes) gets a
 * placement (a lease through the {@link LeaseEngine}, so TTL, fencing, quotas, cleanup and the audit trail
 * hold for it); once placed, its command runs as a local process in the first resource's working
 * directory (a local slot's directory; runway's own for other pools) with the lease's environment
 * variables ({@link TaskLeaseEnvironment}). The lease is renewed while the command runs and released when
 * the attempt ends, however it ends. A task without requirements runs through {@code commands} as before.
 *
 * <p>Audit: each placed attempt appends {@code task.placed}, {@code task.started} and {@code task.ended}
 * events (actor {@code scheduler}) to its lease's audit trail, before the engine's own
 * {@code lease.released}; so {@code GET /api/v1/leases/{id}/events} tells the attempt's whole story.
 */
public final class PlacedTaskLauncher implements TaskLauncher {
    final PlacementService placements;
    final LeaseEngine engine;
    final StateStore audit;
    final LocalCommandLauncher commands;
    final Function<ResourceView, Path> workingDirectories;
    final Clock clock;
    final ScheduledExecutorService timer;
    final Executor io;

    /**
     * @param audit the store the engine writes to; task audit events are appended there
     * @param workingDirectories where a command placed on a resource runs (null: runway's own directory)
     * @param timer schedules lease renewals
     * @param io runs placement callbacks off the engine's writer (starting a process is I/O)
     */
    public PlacedTaskLauncher(PlacementService placements, LeaseEngine engine, StateStore audit, LocalCommandLauncher commands,
                              Function<ResourceView, Path> workingDirectories, Clock clock, ScheduledExecutorService timer,
                              Executor io) {
        this.placements = placements;
        this.engine = engine;
        this.audit = audit;
        this.commands = commands;
        this.workingDirectories = workingDirectories;
        this.clock = clock;
        this.timer = timer;
        this.io = io;
    }

    /** Slot directories for resources of pools served by the local provider; null for the others. */
    public static Function<ResourceView, Path> localSlots(PoolsConfig config, LocalSlotProvider slots) {
        Set<String> local = config.pools().stream().filter(p -> LocalSlotProvider.NAME.equals(p.provider()))
                .map(PoolSpec::name).collect(Collectors.toUnmodifiableSet());
        return r -> local.contains(r.pool()) ? slots.workingDirectory(r.id()) : null;
    }

    @Override
    public TaskExecution launch(TaskRunContext context) {
        if (context.spec().requirements().none()) {
            return commands.launch(context);
        }
        PlacedAttempt attempt = new PlacedAttempt(this, context);
        attempt.begin();
        return attempt;
    }
}
