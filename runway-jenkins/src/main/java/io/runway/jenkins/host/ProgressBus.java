package io.runway.jenkins.host;

import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Routes the rollout service's single progress listener to whoever follows one rollout (a build's log).
 * Followers are transient: after a restart a step follows again by rollout id.
 */
public final class ProgressBus implements RolloutController.Listener {
    private final Map<String, List<Consumer<String>>> followers = new ConcurrentHashMap<>();

    @Override
    public void progress(RolloutState state, String line) {
        List<Consumer<String>> list = followers.get(state.id());
        if (list != null) {
            for (Consumer<String> f : list) {
                try {
                    f.accept(line);
                } catch (RuntimeException e) {
                    // A follower with a broken log must not stop the rollout or the other followers.
                }
            }
        }
    }

    /** Follows {@code rolloutId}; returns what stops following. */
    public Runnable follow(String rolloutId, Consumer<String> follower) {
        followers.computeIfAbsent(rolloutId, k -> new CopyOnWriteArrayList<>()).add(follower);
        return () -> followers.computeIfPresent(rolloutId, (k, list) -> {
            list.remove(follower);
            return list.isEmpty() ? null : list;
        });
    }

    int followerCount(String rolloutId) {
        List<Consumer<String>> list = followers.get(rolloutId);
        return list == null ? 0 : list.size();
    }
}
