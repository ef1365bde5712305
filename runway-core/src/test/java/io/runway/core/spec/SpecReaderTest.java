package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.pool.PoolsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {
    private final SpecReader<PoolsConfig> reader = SpecKind.POOLS.reader();

    private List<String> problems(String name, String text) {
        return reader.read(name, text).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsTheContractExample() {
        String yaml = """
                pools:
                  - name: web
                    provider: static
                    resources:
                      - name: web-1
                        labels: [linux, x86]
                        attributes: {cpu: 4, region: eu-west-1}
                    cooldown: 0s
                    quota: {perOwner: 2}
                """;
        SpecResult<PoolsConfig> result = reader.read("pools.yaml", yaml);
        assertThat(result.problems()).isEmpty();
        PoolsConfig config = result.value();
        assertThat(config.pools().get(0).resources().get(0).attributes()).containsExactly(Map.entry("cpu", 4), Map.entry("region", "eu-west-1"));
        assertThat(config.pools().get(0).quota().perOwner()).isEqualTo(2);
        assertThat(config.limits().maxTtl()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void reportsBindingProblemsAtTheirYamlLineAndColumn() {
        String yaml = """
                pools:
                  - name: web
                    cooldown: 5
                    colour: red
                    quota: {perOwner: "3"}
                    resources:
                      - name: web-1
                        labels: linux
                """;
        assertThat(problems("p.yaml", yaml)).containsExactly(
                "p.yaml:3:15: pools[0].cooldown: expected a duration such as 90s, 15m, 2h, 1d or PT15M, found the number 5",
                "p.yaml:4:5: pools[0].colour: unknown field 'colour'; expected one of: aws, cooldown, idleTimeout, max, min, name, provider, provisioningTime, quota, resources, template",
                "p.yaml:5:23: pools[0].quota.perOwner: expected a whole number, found the string \"3\"",
                "p.yaml:8:17: pools[0].resources[0].labels: expected a list, found the string \"linux\"");
    }

    @Test
    void reportsProblemsAtTheirJsonLineAndColumn() {
        String json = """
                {"pools": [
                  {"name": "Web", "cooldown": "15x", "resources": [{"name": 7}]}
                ]}
                """;
        assertThat(problems("p.json", json)).containsExactly(
                "p.json:2:12: pools[0].name: pool name 'Web' must be 1 to 63 characters of a-z, 0-9 and '-'",
                "p.json:2:31: pools[0].cooldown: not a duration: '15x' (column 3); write a number and a unit ms, s, m, h or d, e.g. 90s, 1h30m, or ISO-8601 PT15M",
                "p.json:2:61: pools[0].resources[0].name: expected a string, found the number 7");
    }

    @Test
    void anUnknownKeyWithADotOrBracketDoesNotHideTheOtherProblems() {
        assertThat(problems("p.json", "{\"a.b\": 1, \"c[0]\": 2, \"pools\": [{\"name\": \"Web\"}]}")).containsExactly(
                "p.json:1:2: a.b: unknown field 'a.b'; expected one of: capacity, limits, pools",
                "p.json:1:12: c[0]: unknown field 'c[0]'; expected one of: capacity, limits, pools",
                "p.json:1:42: pools[0].name: pool name 'Web' must be 1 to 63 characters of a-z, 0-9 and '-'");
    }

    @Test
    void detectsJsonByContentWhenTheNameHasNoExtension() {
        assertThat(problems("request", "{\"pools\": []}")).containsExactly("request:1:11: pools: at least one pool is required");
    }

    @Test
    void missingFieldsAreReportedAtTheObjectThatShouldHoldThem() {
        assertThat(problems("p.yaml", "pools:\n  - provider: local\n")).containsExactly("p.yaml:2:5: pools[0].name: is required");
        assertThat(problems("p.yaml", "limits: {maxTtl: 1h}\n")).containsExactly("p.yaml:1:1: pools: at least one pool is required");
    }

    @Test
    void duplicateKeysAreProblemsAtTheSecondKey() {
        assertThat(problems("p.yaml", "pools:\n  - name: a\n    name: b\n")).containsExactly(
                "p.yaml:3:5: pools[0].name: duplicate key 'name' (first at line 2)");
        assertThat(problems("p.json", "{\"pools\": [{\"name\": \"a\"}], \"pools\": 1}")).containsExactly(
                "p.json:1:28: pools: duplicate key 'pools' (first at line 1)");
    }

    @Test
    void syntaxErrorsPointAtTheFault() {
        assertThat(problems("p.yaml", "pools: [a, b\n")).singleElement().asString()
                .startsWith("p.yaml:2:1: pools[1]: YAML syntax error: while parsing a flow sequence: expected ',' or ']'");
        assertThat(problems("p.json", "{\"pools\": [}")).singleElement().asString()
                .isEqualTo("p.json:1:12: pools[0]: syntax error: Unexpected close marker '}': expected ']'");
        assertThat(problems("p.yaml", "")).containsExactly("p.yaml:1:1: (root): the document is empty");
        assertThat(problems("p.yaml", "pools: [{name: a}]\n---\nx: 1\n")).containsExactly(
                "p.yaml:3:1: (root): only one document is allowed; remove what follows the first");
    }

    @Test
    void nullsInListsAreProblems() {
        assertThat(problems("p.yaml", "pools:\n  - name: a\n    resources:\n      - name: r\n        labels: [x, ~]\n"))
                .containsExactly("p.yaml:5:21: pools[0].resources[0].labels[1]: must not be null");
    }

    @Test
    void booleansAreNotStrings() {
        assertThat(problems("p.yaml", "pools:\n  - name: a\n    provider: yes\n")).containsExactly(
                "p.yaml:3:15: pools[0].provider: expected a string, found the boolean true (quote the value if you mean text)");
    }

    @Test
    void readsGenericRequestBodiesAndThrowsWithTheFirstProblem() {
        record Body(String owner, Duration ttl) {}
        assertThat(SpecReader.read("request", "{\"owner\":\"me\",\"ttl\":\"15m\"}", Body.class))
                .isEqualTo(new Body("me", Duration.ofMinutes(15)));
        assertThatThrownBy(() -> SpecReader.read("request", "{\"owner\":1,\"ttl\":\"x\"}", Body.class))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.field()).isEqualTo("owner");
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.problems()).extracting(Problem::path).containsExactly("owner", "ttl");
                });
    }

    @Test
    void readsFilesAndReportsMissingOnes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pools.yml");
        Files.writeString(file, "pools:\n  - name: web\n");
        assertThat(reader.readFile(file).isValid()).isTrue();
        Path missing = dir.resolve("nope.yaml");
        assertThat(reader.readFile(missing).problems()).extracting(Problem::toString)
                .containsExactly(missing + ":1:1: (file): no such file");
    }
}
