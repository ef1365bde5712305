package io.runway.jenkins.rollout;

import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.VerdictEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout as the Pipeline script sees it: a map of plain values (strings, numbers, booleans, lists), so
 * it survives CPS serialization and reads naturally, e.g. {@code r.result == 'PROMOTED'}.
 */
public final class RolloutResults {
    private RolloutResults() {}

    public static LinkedHashMap<String, Object> of(RolloutState s) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("service", s.spec().service());
        m.put("version", s.spec().version());
        m.put("baseline", s.spec().baseline());
        m.put("result", s.phase().name());
        m.put("promoted", s.phase().isSuccessful());
        m.put("reason", s.reason());
        m.put("step", s.stepIndex());
        m.put("canaryWeightPercent", s.canaryWeightBp() / 100.0);
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (VerdictEntry v : s.verdicts()) {
            LinkedHashMap<String, Object> e = new LinkedHashMap<>();
            e.put("at", String.valueOf(v.at()));
            e.put("step", v.step());
            e.put("weightPercent", v.canaryWeightBp() / 100.0);
            e.put("verdict", v.verdict().name());
            e.put("reason", v.reason());
            verdicts.add(e);
        }
        m.put("verdicts", verdicts);
        return m;
    }

    /** One line for the build log when the rollout ends. */
    public static String summary(RolloutState s) {
        return "rollout " + s.id() + " of " + s.spec().service() + " " + s.spec().version() + " ended " + s.phase()
                + (s.reason() == null ? "" : ": " + s.reason());
    }
}
