package io.runway.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runway.core.label.LabelExpression;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.spec.Durations;
import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/placement.md honest: every example block is parsed, checked or run as the page says. */
class PlacementDocTest {
    private static final Pattern BLOCK = Pattern.compile("```([a-z-]+)\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, List<String>> blocks() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "placement.md"));
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
        }
        return out;
    }

    @Test
    void everyPoolsExampleIsValid() throws Exception {
        List<String> yaml = blocks().get("yaml");
        assertThat(yaml).hasSize(2);
        for (String text : yaml) {
            SpecResult<?> result = SpecKind.POOLS.reader().read("example.yaml", text);
            assertThat(result.problems()).extracting(Problem::toString).as(text).isEmpty();
        }
    }

    @Test
    void everyConstraintExampleParsesAndPrintsBackTheSame() throws Exception {
        List<String> lines = blocks().get("constraints").get(0).lines().toList();
        assertThat(lines).hasSizeGreaterThan(5);
        for (String line : lines) {
            AttributeConstraint c = AttributeConstraint.parse(line, "constraints[0]");
            assertThat(c.toString()).isEqualTo(line);
        }
    }

    @Test
    void everyMatchExampleMatchesAsDocumented() throws Exception {
        for (String line : blocks().get("matches").get(0).lines().toList()) {
            String[] parts = line.split(" \\| ");
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = JSON.readValue(parts[1], Map.class);
            assertThat(AttributeConstraint.parse(parts[0], "c").matches(attributes)).as(line).isEqualTo(parts[2].equals("yes"));
        }
    }

    @Test
    void everyErrorExampleGivesTheDocumentedMessage() throws Exception {
        List<String> lines = blocks().get("constraint-errors").get(0).lines().toList();
        for (int i = 0; i < lines.size(); i += 2) {
            String text = lines.get(i);
            String expected = lines.get(i + 1);
            assertThatThrownBy(() -> AttributeConstraint.parse(text, "constraints[0]"))
                    .isInstanceOfSatisfying(ConstraintException.class,
                            e -> assertThat(e.field() + ": " + e.getMessage()).isEqualTo(expected));
        }
    }

    @Test
    void theWorkedExampleEndsAsDocumented() throws Exception {
        Map<String, List<String>> blocks = blocks();
        PoolsConfig config = SpecKind.POOLS.reader().read("worked.yaml", blocks.get("yaml").get(1)).value();
        MutableClock clock = MutableClock.at("2026-01-01T12:00:00Z");
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
        // Provisioning that takes a while: requested, never confirmed during the example.
        Map<String, Provider> providers = Map.of("static", new StaticProvider(), "local", new CapacityRecoveryTest.StuckProvider());
        LeaseEngine engine = LeaseEngine.start(config, providers, new InMemoryStateStore(), clock, executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
        PlacementService service = PlacementService.start(engine, config, providers, clock, executor, Duration.ZERO);
        try {
            Map<String, Placement> placements = new LinkedHashMap<>();
            for (String line : blocks.get("tasks").get(0).lines().toList()) {
                String name = line.substring(0, line.indexOf(':'));
                placements.put(name, service.place(task(line.substring(name.length() + 1), clock)));
            }
            service.reconcile().join();
            List<String> actual = new ArrayList<>();
            placements.forEach((name, p) -> actual.add(name + ": " + p.state() + " " + p.reason()));
            assertThat(actual).isEqualTo(blocks.get("placements").get(0).lines().toList());
        } finally {
            service.close();
            engine.close();
            executor.shutdownNow();
        }
    }

    /** {@code count N; capability EXPR; CONSTRAINT; cost X; deadline +D; estimate D}. */
    private static PlacementRequest task(String text, MutableClock clock) {
        int count = 1;
        LabelExpression capability = null;
        List<AttributeConstraint> constraints = new ArrayList<>();
        Double cost = null;
        java.time.Instant deadline = null;
        Duration estimate = null;
        for (String part : text.split(";")) {
            part = part.strip();
            if (part.startsWith("count ")) {
                count = Integer.parseInt(part.substring(6));
            } else if (part.startsWith("capability ")) {
                capability = LabelExpression.parse(part.substring(11), "capability");
            } else if (part.startsWith("cost ")) {
                cost = Double.parseDouble(part.substring(5));
            } else if (part.startsWith("deadline +")) {
                deadline = clock.instant().plus(Durations.parse(part.substring(10), "deadline"));
            } else if (part.startsWith("estimate ")) {
                estimate = Durations.parse(part.substring(9), "estimate");
            } else {
                constraints.add(AttributeConstraint.parse(part, "constraints"));
            }
        }
        return new PlacementRequest("docs", null, capability, constraints, count, 0, estimate, deadline, cost,
                Duration.ofMinutes(30), null);
    }
}
