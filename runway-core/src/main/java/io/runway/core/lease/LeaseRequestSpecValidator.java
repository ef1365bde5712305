package io.runway.core.lease;

import io.runway.core.label.LabelExpression;
import io.runway.core.label.LabelExpressionException;
import io.runway.core.spec.SpecValidator;
import io.runway.core.spec.Violation;
import java.util.ArrayList;
import java.util.List;

/** Checks of a lease request body that need no server state; limits are the engine's. */
public final class LeaseRequestSpecValidator implements SpecValidator<LeaseRequestSpec> {
    @Override
    public List<Violation> validate(LeaseRequestSpec spec) {
        List<Violation> out = new ArrayList<>();
        if (spec.owner() == null || spec.owner().isBlank()) {
            out.add(new Violation("owner", "owner is required"));
        }
        if (spec.capability() != null && !spec.capability().isBlank()) {
            try {
                LabelExpression.parse(spec.capability(), "capability");
            } catch (LabelExpressionException e) {
                out.add(new Violation("capability", e.getMessage()));
            }
        }
        if (spec.count() != null && spec.count() < 1) {
            out.add(new Violation("count", "count must be at least 1, was " + spec.count()));
        }
        if (spec.ttl() == null) {
            out.add(new Violation("ttl", "ttl is required, e.g. 15m"));
        } else if (spec.ttl().isZero()) {
            out.add(new Violation("ttl", "ttl must be positive"));
        }
        return out;
    }
}
