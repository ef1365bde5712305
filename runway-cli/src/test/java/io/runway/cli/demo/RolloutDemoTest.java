package io.runway.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's three rollout scenarios, as a user runs them (about a minute of real traffic). */
class RolloutDemoTest {
    @TempDir
    Path dir;

    @Test
    void eachScenarioEndsAsExpected() {
        StringWriter text = new StringWriter();
        boolean ok = new RolloutDemo(new PrintWriter(text, true), dir).run();
        String out = text.toString();
        assertThat(ok).as(out).isTrue();
        assertThat(out).containsPattern("healthy canary\\s+PROMOTED\\s+PROMOTED")
                .containsPattern("bad canary \\(5% errors\\)\\s+ROLLED_BACK\\s+ROLLED_BACK")
                .containsPattern("blue-green\\s+PROMOTED\\s+PROMOTED")
                .contains("weight 1%").contains("weight 25%").contains("tearing down v1").contains("tearing down v2")
                .containsPattern("v2: [0-9]+ req, [0-9.]+% err, [^|]* \\+ [0-9]+ mirrored, [0-9.]+% err")
                .containsPattern("first v2 error at \\+[0-9.]+ s, v2 weight 0 in the router at \\+[0-9.]+ s \\(mitigated in [0-9.]+ s\\)")
                .contains("rollouts: every scenario ended as expected");
    }
}
