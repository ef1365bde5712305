package io.runway.core.rollout.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every rollout example in docs/rollouts.md reads as documented. */
class RolloutsDocTest {
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!-- invalid: (\\S+) -->\\n)?```yaml\\n(.*?)```(?:\\s*```text\\n(.*?)```)?", Pattern.DOTALL);

    @Test
    void everyExampleReadsAsDocumented() throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(Path.of("..", "docs", "rollouts.md")));
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1) == null ? "example.yaml" : m.group(1);
            List<String> actual = SpecKind.ROLLOUT.reader().read(name, m.group(2)).problems().stream()
                    .map(Problem::toString).toList();
            List<String> expected = m.group(1) == null ? List.of() : m.group(3).lines().toList();
            assertThat(actual).as("example %s", name).isEqualTo(expected);
            checked.add(name);
        }
        assertThat(checked).containsExactly("example.yaml", "mirror-blue-green.yaml", "bad-rollout.yaml");
    }
}
