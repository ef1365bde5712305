package io.runway.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns a parser's exception into one readable problem at the position of the fault. */
final class SyntaxProblems {
    private SyntaxProblems() {}

    static Problem of(String source, JsonProcessingException e, String path) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return new Problem(source, mark.getLine() + 1, mark.getColumn() + 1, path,
                    "YAML syntax error: " + context + oneLine(yaml.getProblem()));
        }
        JsonLocation at = e.getLocation();
        int line = at == null ? 1 : at.getLineNr();
        int column = at == null ? 1 : at.getColumnNr();
        String kind = e instanceof StreamConstraintsException ? "too large: " : "syntax error: ";
        return new Problem(source, line, column, path, kind + oneLine(e.getOriginalMessage()));
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        // Jackson appends where the enclosing array or object started; the problem's own position is enough.
        int source = message.indexOf(" (for ");
        String shorter = source > 0 && message.contains("[Source:") ? message.substring(0, source) : message;
        return shorter.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
