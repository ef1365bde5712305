package io.runway.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.PoolSpec;
import io.runway.core.provider.StaticProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.ResourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShapeIndexTest {
    private final ResourceIndex index = new ResourceIndex();
    private final PoolSlot pool = new PoolSlot(new PoolSpec("web", "static", null, null, null), new StaticProvider());
    private static final LeaseRequest ANY = new LeaseRequest("o", null, null, 1, Duration.ofMinutes(1), Duration.ZERO, 0);

    /** Accepts resources whose attribute {@code name} equals {@code value}; reads only that attribute. */
    private static class Equals implements PlacementPolicy {
        private final String name;
        private final Object value;
        private final boolean newestFirst;

        Equals(String name, Object value, boolean newestFirst) {
            this.name = name;
            this.value = value;
            this.newestFirst = newestFirst;
        }

        public boolean newestFirst() {
            return newestFirst;
        }

        public String key() {
            return name + "=" + value + newestFirst;
        }

        public boolean accepts(String pool, Set<String> labels, Map<String, Object> attributes) {
            return value == null || value.equals(attributes.get(name));
        }

        public Set<String> attributesRead() {
            return Set.of(name);
        }

        public Comparator<ShapeView> order() {
            return Comparator.comparing(ShapeView::pool);
        }
    }

    private ResourceSlot add(String id, Map<String, Object> attributes) {
        ResourceSlot slot = new ResourceSlot(id, pool, List.of("linux"), attributes,
                new ResourceRecord(id, 1, "web", ResourceState.FREE, null, Instant.EPOCH, 0));
        index.addResource(slot);
        return slot;
    }

    @Test
    void attributesNoPolicyReadsDoNotSplitShapesUntilOneDoes() {
        index.addPool(pool);
        for (int i = 0; i < 100; i++) {
            add("r-" + i, Map.of("host", "h-" + i, "cpu", i % 2 == 0 ? 4 : 8));
        }
        assertThat(index.shapes.pick(null, ANY, new Equals("cpu", 8, true), 1, s -> false))
                .extracting(s -> s.id).containsExactly("r-99"); // newest free first
        assertThat(index.shapes.shapeCount()).isEqualTo(2); // cpu 4 and cpu 8; hosts ignored

        assertThat(index.shapes.pick(null, ANY, new Equals("host", "h-42", false), 5, s -> false))
                .extracting(s -> s.id).containsExactly("r-42");
        assertThat(index.shapes.shapeCount()).isEqualTo(100); // once a policy reads host, hosts split shapes
        // Order within a shape survives the rebuild: oldest free first.
        assertThat(index.shapes.pick(null, ANY, new Equals("cpu", 4, false), 3, s -> false))
                .extracting(s -> s.id).containsExactly("r-0", "r-2", "r-4");
    }

    @Test
    void takenResourcesAreNotPickedAndAnUnknownAttributeChangesNothing() {
        index.addPool(pool);
        ResourceSlot a = add("a", Map.of("cpu", 4));
        add("b", Map.of("cpu", 4));
        index.markTaken(a);
        assertThat(index.shapes.pick(null, ANY, new Equals("nope", null, false), 5, s -> false))
                .extracting(s -> s.id).containsExactly("b");
        assertThat(index.shapes.shapeCount()).isEqualTo(1);
        index.markFree(a);
        assertThat(index.shapes.pick(null, ANY, new Equals("cpu", 4, true), 5, s -> false))
                .extracting(s -> s.id).containsExactly("a", "b");
    }

    @Test
    void aResourceAddedLaterWithAnAttributeAlreadyReadIsFiledByIt() {
        index.addPool(pool);
        add("plain", Map.of("cpu", 4));
        Equals a100 = new Equals("gpu", "a100", false);
        assertThat(index.shapes.pick(null, ANY, a100, 1, s -> false)).isEmpty(); // read before any resource has it
        add("gpu-1", Map.of("cpu", 4, "gpu", "a100"));
        assertThat(index.shapes.pick(null, ANY, a100, 2, s -> false)).extracting(s -> s.id).containsExactly("gpu-1");
        assertThat(index.shapes.pick(null, ANY, new Equals("gpu", "t4", false), 2, s -> false)).isEmpty();
    }

    @Test
    void whenTheBestShapeCannotServeTheNextBestAreTriedInOrder() {
        index.addPool(pool);
        add("a", Map.of("cpu", 4));
        add("b", Map.of("cpu", 8));
        add("c", Map.of("cpu", 16));
        PlacementPolicy biggestFirst = new Equals("cpu", null, false) {
            @Override
            public Comparator<ShapeView> order() {
                return Comparator.comparing((ShapeView v) -> -((Integer) v.attributes().get("cpu")));
            }
        };
        assertThat(index.shapes.pick(null, ANY, biggestFirst, 3, s -> false)).extracting(s -> s.id)
                .containsExactly("c", "b", "a");
        assertThat(index.shapes.pick(null, ANY, biggestFirst, 1, s -> s.id.equals("c"))).extracting(s -> s.id)
                .containsExactly("b");
    }
}
