package io.runway.core.rollout;

import io.runway.core.judge.Verdict;
import java.time.Instant;

/** A gate's verdict as the rollout acted on it, with the weight at the time and the judge's reason. */
public record VerdictEntry(Instant at, int step, int canaryWeightBp, Verdict verdict, String reason) {}
