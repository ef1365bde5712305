package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.PoolsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Untrusted specs: oversized, deeply nested, alias bombs, tags, control characters. Covers SpecReader's defences. */
class HostileInputTest {
    private final SpecReader<PoolsConfig> reader = SpecKind.POOLS.reader();

    private List<String> problems(String name, String text) {
        return reader.read(name, text).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        String huge = "pools: []\n#" + "x".repeat(SpecFactories.MAX_CHARS);
        assertThat(problems("big.yaml", huge)).containsExactly(
                "big.yaml:1:1: (file): larger than the limit of 4194304 characters");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThat(problems("deep.json", deep)).singleElement().asString().contains("nest").contains("64");
        String deepYaml = "a: " + "[".repeat(200) + "]".repeat(200);
        assertThat(problems("deep.yaml", deepYaml)).singleElement().asString().contains("64");
    }

    @Test
    void numbersADoubleCannotHoldAreRefusedNotRounded() {
        String tooSmall = "pools:\n  - name: web\n    provider: static\n    resources: [{name: r1, attributes: {cpu: 1e-999999999}}]\n";
        assertThat(problems("tiny.yaml", tooSmall)).containsExactly(
                "tiny.yaml:4:46: pools[0].resources[0].attributes.cpu: number out of range: 1e-999999999");
        String tooLarge = "{\"pools\": [{\"name\": \"web\", \"provider\": \"static\", \"resources\": "
                + "[{\"name\": \"r1\", \"attributes\": {\"cpu\": 1e999}}]}]}";
        assertThat(problems("big.json", tooLarge)).singleElement().asString()
                .endsWith("pools[0].resources[0].attributes.cpu: number out of range: 1e999");
        assertThat(problems("ok.yaml", tooSmall.replace("1e-999999999", "2.5e-3"))).isEmpty();
    }

    @Test
    void aliasesAreNotExpanded() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
        }
        List<String> found = problems("bomb.yaml", bomb.toString());
        assertThat(found).hasSizeGreaterThan(9);
        assertThat(found).contains("bomb.yaml:2:8: b[0]: YAML aliases (*a) are not supported; write the value out");
    }

    @Test
    void tagsInstantiateNothing() {
        String yaml = "pools:\n  - name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n";
        assertThat(problems("tag.yaml", yaml)).first().asString().isEqualTo(
                "tag.yaml:2:11: pools[0].name: YAML tag '!!javax.script.ScriptEngineManager' is not allowed; specs hold plain values only");
        assertThat(problems("str.yaml", "pools:\n  - name: !!str web\n")).isEmpty();
    }

    @Test
    void controlAndInvisibleCharactersAreEscapedInMessages() {
        assertThat(problems("c.json", "{\"pools\": [{\"name\": \"we\\u0007b\\u202e\"}]}")).containsExactly(
                "c.json:1:21: pools[0].name: pool name 'we\\u0007b\\u202E' must be 1 to 63 characters of a-z, 0-9 and '-'");
    }

    @Test
    void hugeNumbersAreProblemsNotCrashes() {
        assertThat(problems("n.yaml", "pools:\n  - name: a\n    quota: {perOwner: 99999999999999}\n")).containsExactly(
                "n.yaml:3:23: pools[0].quota.perOwner: number out of range for a whole number");
    }
}
