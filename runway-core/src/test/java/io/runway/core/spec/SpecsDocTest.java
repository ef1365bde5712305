package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/specs.md honest: every yaml/json example is read, and invalid ones give the documented output. */
class SpecsDocTest {
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- invalid: (\\S+) -->\\n)?```(yaml|json)\\n(.*?)```(?:\\s*```text\\n(.*?)```)?", Pattern.DOTALL);

    @Test
    void everyExampleReadsAsDocumented() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "specs.md"));
        Matcher m = BLOCK.matcher(doc);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1) == null ? "example." + m.group(2) : m.group(1);
            List<String> actual = SpecKind.detect(name, m.group(3)).reader().read(name, m.group(3)).problems().stream()
                    .map(Problem::toString).toList();
            List<String> expected = m.group(1) == null ? List.of() : m.group(4).lines().toList();
            assertThat(actual).as("example %s:%n%s", name, m.group(3)).isEqualTo(expected);
            checked.add(name);
        }
        assertThat(checked).contains("example.yaml", "example.json", "bad-pools.yaml");
    }
}
