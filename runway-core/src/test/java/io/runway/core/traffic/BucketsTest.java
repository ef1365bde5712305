package io.runway.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BucketsTest {

    @Test
    void userKeyBucketsAreStableAcrossReleases() {
        // Pinned values: changing the hash would move users between versions mid-rollout.
        assertThat(Buckets.ofUserKey("shop", "alice")).isEqualTo(PINNED_ALICE);
        assertThat(Buckets.ofUserKey("search", "alice")).isNotEqualTo(PINNED_ALICE);
    }

    @Test
    void sequenceVisitsEveryBucketOncePerTenThousand() {
        Set<Integer> seen = new HashSet<>();
        for (long n = 10_000; n < 20_000; n++) {
            seen.add(Buckets.ofSequence(n));
        }
        assertThat(seen).hasSize(Route.TOTAL);
        assertThat(seen).allMatch(b -> b >= 0 && b < Route.TOTAL);
    }

    @Test
    void userKeysSpreadEvenly() {
        int[] tenths = new int[10];
        for (int i = 0; i < 50_000; i++) {
            tenths[Buckets.ofUserKey("shop", "u" + i) / 1_000]++;
        }
        assertThat(java.util.Arrays.stream(tenths).boxed().toList()).allMatch(count -> count > 4_700 && count < 5_300);
    }

    private static final int PINNED_ALICE = 9_996;
}
