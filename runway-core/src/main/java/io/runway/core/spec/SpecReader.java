package io.runway.core.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a YAML or JSON spec into its typed model: parse to a located tree, bind strictly, then
 * validate; every problem carries the source name, line, column and field path of the offending value.
 * Also used for REST request bodies ({@code read("request", body, LeaseRequest.class)}).
 */
public final class SpecReader<T> {
    private final Class<T> type;
    private final SpecValidator<T> validator;

    public SpecReader(Class<T> type, SpecValidator<T> validator) {
        this.type = type;
        this.validator = validator;
    }

    /** Reads {@code text} into {@code type} with binding checks only. */
    public static <T> T read(String sourceName, String text, Class<T> type) {
        return new SpecReader<>(type, SpecValidator.<T>none()).read(sourceName, text).orThrow();
    }

    public SpecResult<T> readFile(Path file) {
        return read(text(file));
    }

    /** A spec file's text, or why it could not be read (then {@code text} is null). */
    public record FileText(String name, String text, String problem) {}

    /**
     * Reads a spec file once: bounded, strict UTF-8. A caller that must look at the text before choosing a
     * reader (e.g. to detect its kind) reads it here, so a pipe such as {@code <(cat spec.yaml)} is read once.
     */
    public static FileText text(Path file) {
        String name = file.toString();
        try {
            byte[] bytes = readAtMost(file, SpecFactories.MAX_CHARS + 1);
            if (bytes.length > SpecFactories.MAX_CHARS) {
                return new FileText(name, null, "file is larger than the limit of " + SpecFactories.MAX_CHARS + " bytes");
            }
            return new FileText(name, StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString(), null);
        } catch (NoSuchFileException e) {
            return new FileText(name, null, "no such file");
        } catch (CharacterCodingException e) {
            return new FileText(name, null, "not UTF-8 text");
        } catch (IOException e) {
            return new FileText(name, null, "cannot read: " + e.getMessage());
        }
    }

    /** Reads what {@link #text} read, or reports why it could not. */
    public SpecResult<T> read(FileText file) {
        return file.problem() != null ? failed(file.name(), file.problem()) : read(file.name(), file.text());
    }

    /**
     * At most {@code max} bytes of the file, read through a stream: {@code Files.size} is 0 for devices and
     * pipes ({@code /dev/zero}, {@code <(cat spec.yaml)}), so a size check alone would read them without end.
     */
    private static byte[] readAtMost(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    public SpecResult<T> read(String sourceName, String text) {
        if (text.length() > SpecFactories.MAX_CHARS) {
            return failed(sourceName, "larger than the limit of " + SpecFactories.MAX_CHARS + " characters");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        LocatedTreeReader.Result parsed = LocatedTreeReader.read(sourceName, body, SpecFormat.detect(sourceName, body));
        List<Problem> problems = new ArrayList<>(parsed.problems());
        if (parsed.tree() == null) {
            return new SpecResult<>(null, problems);
        }
        SpecBinder.Result<T> bound = SpecBinder.bind(parsed.tree(), type);
        problems.addAll(bound.problems());
        if (bound.value() != null) {
            for (Violation v : validator.validate(bound.value())) {
                if (bound.cutPaths().stream().noneMatch(cut -> FieldPath.isWithin(v.path(), cut))) {
                    problems.add(parsed.tree().problemAtValue(v.path(), v.message()));
                }
            }
        }
        problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return new SpecResult<>(problems.isEmpty() ? bound.value() : null, problems);
    }

    private SpecResult<T> failed(String sourceName, String message) {
        return new SpecResult<>(null, List.of(new Problem(sourceName, 1, 1, Problem.FILE, message)));
    }
}
