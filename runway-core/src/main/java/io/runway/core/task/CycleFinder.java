package io.runway.core.task;

import static io.runway.core.spec.FieldPath.field;
import static io.runway.core.spec.FieldPath.index;

import io.runway.core.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds dependency cycles by depth-first search and reports each one once, at the {@code dependsOn}
 * entry that closes it, naming the whole path ({@code a -> b -> c -> a}).
 */
final class CycleFinder {
    private final TaskGraphSpec spec;
    private final Map<String, Integer> byName;
    private final List<Violation> out;
    private final int[] color; // 0 unvisited, 1 on the stack, 2 done
    private final List<String> stack = new ArrayList<>();

    CycleFinder(TaskGraphSpec spec, Map<String, Integer> byName, List<Violation> out) {
        this.spec = spec;
        this.byName = byName;
        this.out = out;
        this.color = new int[spec.tasks().size()];
    }

    void find() {
        for (int i = 0; i < spec.tasks().size(); i++) {
            if (color[i] == 0 && spec.tasks().get(i) != null) {
                visit(i);
            }
        }
    }

    private void visit(int i) {
        color[i] = 1;
        TaskSpec t = spec.tasks().get(i);
        stack.add(t.name());
        for (int d = 0; d < t.dependsOn().size(); d++) {
            String dep = t.dependsOn().get(d);
            Integer j = dep == null || dep.equals(t.name()) ? null : byName.get(dep);
            if (j == null || spec.tasks().get(j) == null) {
                continue; // unknown or self: reported by the validator
            }
            if (color[j] == 1) {
                List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(dep), stack.size()));
                cycle.add(dep);
                out.add(new Violation(index(field(index("tasks", i), "dependsOn"), d),
                        "dependency cycle: " + String.join(" -> ", reversed(cycle))));
            } else if (color[j] == 0) {
                visit(j);
            }
        }
        stack.remove(stack.size() - 1);
        color[i] = 2;
    }

    /** The stack follows "depends on" edges; a cycle reads better in run order (upstream first). */
    private static List<String> reversed(List<String> path) {
        List<String> r = new ArrayList<>(path);
        java.util.Collections.reverse(r);
        return r;
    }
}
