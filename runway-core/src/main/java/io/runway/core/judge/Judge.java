package io.runway.core.judge;

/**
 * Turns a sequence of measurements of one rollout step into verdicts. A judge is a pure function: the
 * state it needs between measurements is an immutable value the caller keeps (and may persist) and
 * passes back, so a restarted controller resumes judging where it stopped.
 *
 * @param <S> the judge's state between measurements
 */
public interface Judge<S> {

    /** The state before the first measurement of a step. */
    S start();

    /** Judges one more measurement; the caller stops calling once the verdict is terminal. */
    Evaluation<S> evaluate(S state, Measurement measurement);

    /** A judgement and the state to pass to the next {@link #evaluate} call. */
    record Evaluation<S>(Judgement judgement, S state) {
        public Verdict verdict() {
            return judgement.verdict();
        }
    }
}
