package io.runway.jenkins.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JCasC example of docs/jenkins.md, section "The runway-aws plugin" (tests run from the repository root). */
public final class DocsJcascExample {
    static final Path GUIDE = Path.of("docs/jenkins.md");
    static final String SECTION = "## The runway-aws plugin";

    private DocsJcascExample() {
    }

    /** The first {@code yaml} block of the section. */
    public static String read() {
        return read(SECTION);
    }

    /** The first {@code yaml} block after the heading that starts with {@code heading}. */
    public static String read(String heading) {
        try {
            String doc = Files.readString(GUIDE);
            int section = doc.indexOf(heading);
            if (section < 0) {
                throw new IllegalStateException(GUIDE + " has no section '" + heading + "'");
            }
            int start = doc.indexOf("```yaml\n", section);
            int end = doc.indexOf("```", start + 8);
            if (start < 0 || end < 0) {
                throw new IllegalStateException(GUIDE + ": no yaml block in '" + heading + "'");
            }
            return doc.substring(start + 8, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
