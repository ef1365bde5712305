package io.runway.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/aws.md: its rollout examples read as documented, and its IAM policy lists exactly the calls runway makes. */
class AwsDocTest {
    private static final Path DOC = Path.of("..", "docs", "aws.md");
    private static final Pattern YAML = Pattern.compile(
            "(?:<!-- (invalid|pools|invalid-pools): (\\S+) -->\\n)?```yaml\\n(.*?)```(?:\\s*```text\\n(.*?)```)?",
            Pattern.DOTALL);
    private static final Pattern JSON = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("(?:call|run|translate)\\(\"([A-Z][A-Za-z]+)");
    private static final Set<String> EC2 = Set.of("RunInstances", "CreateTags", "DescribeInstances", "TerminateInstances");

    @Test
    void everyRolloutAndPoolsExampleReadsAsDocumented() throws IOException {
        Matcher m = YAML.matcher(Files.readString(DOC));
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String kind = m.group(1) == null ? "" : m.group(1);
            String name = m.group(2) == null ? "example.yaml" : m.group(2);
            boolean invalid = kind.startsWith("invalid");
            List<String> expected = invalid ? m.group(4).lines().toList() : List.of();
            if (kind.endsWith("pools")) {
                SpecResult<PoolsConfig> r = SpecKind.POOLS.reader().read(name, m.group(3));
                assertThat(r.problems().stream().map(Problem::toString).toList()).as("example %s", name).isEqualTo(expected);
                if (!invalid) {
                    assertThat(r.value().pools().get(0).provider()).isEqualTo("aws-ec2");
                    assertThat(r.value().pools().get(0).aws().spot()).isTrue();
                }
            } else {
                SpecResult<RolloutSpec> r = SpecKind.ROLLOUT.reader().read(name, m.group(3));
                assertThat(r.problems().stream().map(Problem::toString).toList()).as("example %s", name).isEqualTo(expected);
                if (!invalid) {
                    assertThat(r.value().provider()).isEqualTo("aws-ec2");
                    assertThat(r.value().aws().spot()).isTrue();
                }
            }
            checked.add(name);
        }
        assertThat(checked).containsExactly("example.yaml", "bad-aws.yaml", "ec2-pools.yaml", "bad-pools.yaml");
    }

    @Test
    void thePolicyAllowsExactlyTheActionsTheCodeCalls() throws IOException {
        Matcher m = JSON.matcher(Files.readString(DOC));
        assertThat(m.find()).isTrue();
        Set<String> allowed = new TreeSet<>();
        for (JsonNode statement : new ObjectMapper().readTree(m.group(1)).get("Statement")) {
            statement.get("Action").forEach(a -> allowed.add(a.asText()));
        }
        Set<String> called = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            // The DynamoDB store has its own IAM section and policy; this one covers the rollout parts.
            Path dynamoDb = Path.of("src", "main", "java", "io", "runway", "aws", "dynamodb");
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(dynamoDb)).toList()) {
                Matcher c = CALL.matcher(Files.readString(f));
                while (c.find()) {
                    called.add(prefix(c.group(1)) + ":" + c.group(1));
                }
            }
        }
        called.add("elasticloadbalancing:AddTags"); // tags given to CreateTargetGroup and CreateListener
        assertThat(allowed).isEqualTo(called);
    }

    private static String prefix(String operation) {
        if (EC2.contains(operation)) {
            return "ec2";
        }
        if (operation.equals("DescribeAutoScalingGroups")) {
            return "autoscaling";
        }
        return operation.equals("GetMetricData") ? "cloudwatch" : "elasticloadbalancing";
    }
}
