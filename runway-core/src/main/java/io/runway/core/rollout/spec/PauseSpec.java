package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** A pause; without a duration it lasts until someone promotes the rollout. */
public record PauseSpec(@JsonPropertyDescription("How long; absent means until promoted.") Duration duration) {}
