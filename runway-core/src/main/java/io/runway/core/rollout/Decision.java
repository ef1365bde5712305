package io.runway.core.rollout;

import java.util.List;

/** The next state, the side effects to apply once it is durable, and progress lines for people. */
public record Decision(RolloutState state, List<RolloutAction> actions, List<String> notes) {
    public Decision {
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
    }
}
