package io.runway.core.spec;

/**
 * One problem in a spec, at the line and column (both 1-based) of the offending value.
 * Paths are dotted with indexes ({@code pools[0].resources[2].name}); {@code (root)} is the whole
 * document and {@code (file)} the file itself. Non-printable characters in every part are escaped as
 * {@code \}{@code uXXXX}, so a problem is always one readable line.
 */
public record Problem(String file, int line, int column, String path, String message) {
    public static final String ROOT = "(root)";
    public static final String FILE = "(file)";

    public Problem {
        file = Printable.escape(file);
        path = path == null || path.isEmpty() ? ROOT : Printable.escape(path);
        message = Printable.escape(message);
        line = Math.max(line, 1);
        column = Math.max(column, 1);
    }

    /** {@code FILE:LINE:COL: field.path: message}, the format of {@code runway validate}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path + ": " + message;
    }
}
