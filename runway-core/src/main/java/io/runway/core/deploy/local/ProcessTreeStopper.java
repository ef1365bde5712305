package io.runway.core.deploy.local;

import io.runway.core.error.UnavailableException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Stops a process and everything it spawned: SIGTERM to the descendants, then to the process, a grace
 * period, then SIGKILL to whatever is left. Descendants are collected first because once a parent dies its
 * children are re-parented and can no longer be found from it.
 */
final class ProcessTreeStopper {
    private static final Duration CHECK_EVERY = Duration.ofMillis(25);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Polling polling;
    private final Duration grace;

    ProcessTreeStopper(Polling polling, Duration grace) {
        this.polling = polling;
        this.grace = grace;
    }

    /** Completes once every process of the tree is gone; fails if some survive SIGKILL for 5 seconds. */
    CompletableFuture<Void> stop(ProcessHandle root) {
        Set<ProcessHandle> tree = treeOf(root);
        tree.forEach(ProcessHandle::destroy);
        return polling.until(() -> allGone(tree), CHECK_EVERY, polling.deadlineAfter(grace))
                .thenCompose(gone -> gone ? CompletableFuture.completedFuture(null) : kill(root, tree));
    }

    private CompletableFuture<Void> kill(ProcessHandle root, Set<ProcessHandle> tree) {
        if (ProcessLiveness.isRunning(root)) {
            tree.addAll(treeOf(root)); // children spawned during the grace period
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        return polling.until(() -> allGone(tree), CHECK_EVERY, polling.deadlineAfter(KILL_WAIT))
                .thenAccept(gone -> {
                    if (!gone) {
                        throw new UnavailableException("processes survived SIGKILL: " + tree.stream()
                                .filter(ProcessLiveness::isRunning).map(p -> Long.toString(p.pid()))
                                .collect(Collectors.joining(", ")), null);
                    }
                });
    }

    /** Descendants and then the root, so the root is signalled last. */
    private static Set<ProcessHandle> treeOf(ProcessHandle root) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(root.descendants().toList());
        tree.add(root);
        return tree;
    }

    private static CompletableFuture<Boolean> allGone(Set<ProcessHandle> tree) {
        return CompletableFuture.completedFuture(tree.stream().noneMatch(ProcessLiveness::isRunning));
    }
}
