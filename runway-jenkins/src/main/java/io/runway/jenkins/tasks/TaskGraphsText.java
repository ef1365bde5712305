package io.runway.jenkins.tasks;

import io.runway.core.error.InvalidInputException;
import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import io.runway.core.task.TaskGraphSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The task graphs of the global configuration: YAML documents separated by {@code ---} lines, each a task
 * graph as {@code runway serve --tasks} reads one from a file, checked by core's validator. Problems are
 * {@code runway task graphs:LINE:COL: field.path: message} lines, LINE counted in the whole text.
 */
public final class TaskGraphsText {
    public static final String SOURCE = "runway task graphs";

    private TaskGraphsText() {}

    /** Blank is no graphs. */
    public static List<TaskGraphSpec> read(String text) {
        List<TaskGraphSpec> graphs = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return graphs;
        }
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\n", -1);
        StringBuilder doc = new StringBuilder();
        int first = 0;
        for (int i = 0; i <= lines.length; i++) {
            boolean end = i == lines.length || lines[i].strip().equals("---");
            if (!end) {
                doc.append(lines[i]).append('\n');
                continue;
            }
            if (!doc.toString().isBlank()) {
                // Blank lines in front keep the reader's line numbers those of the whole text.
                SpecResult<TaskGraphSpec> r = SpecKind.TASK_GRAPH.reader().read(SOURCE, "\n".repeat(first) + doc);
                r.problems().stream().map(Problem::toString).forEach(problems::add);
                if (r.isValid()) {
                    if (!names.add(r.value().name())) {
                        problems.add(SOURCE + ":" + (first + 1) + ":1: name: another graph is also named '" + r.value().name() + "'");
                    } else {
                        graphs.add(r.value());
                    }
                }
            }
            doc.setLength(0);
            first = i + 1;
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("taskGraphs", String.join("\n", problems));
        }
        return graphs;
    }
}
