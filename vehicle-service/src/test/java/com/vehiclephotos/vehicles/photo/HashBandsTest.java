package com.vehiclephotos.vehicles.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The band probes find every hash within the distance: the pigeonhole argument, checked. */
class HashBandsTest {

    @Test
    void theBandsCoverAll64BitsOnce() {
        long all = 0;
        for (int band = 0; band < 3; band++) {
            long mask = ((1L << HashBands.WIDTHS[band]) - 1) << HashBands.SHIFTS[band];
            assertThat(all & mask).isZero();
            all |= mask;
        }
        assertThat(all).isEqualTo(-1L);
    }

    @Test
    void theProbesAreTheBandValueWithUpToAThirdOfTheDistanceFlipped() {
        long hash = 0x0123456789abcdefL;
        assertThat(HashBands.probes(hash, 0, 0)).containsExactly(HashBands.value(hash, 0));
        assertThat(HashBands.probes(hash, 0, 5)).hasSize(1 + 21);
        assertThat(HashBands.probes(hash, 0, 8)).hasSize(1 + 21 + 210);
        assertThat(HashBands.probes(hash, 2, 8)).hasSize(1 + 22 + 231).doesNotHaveDuplicates();
        assertThatThrownBy(() -> HashBands.probes(hash, 0, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyHashWithinTheDistanceHasABandValueAmongTheProbes() {
        var random = new SplittableRandom(17);
        for (int distance = 0; distance <= HashBands.MAX_DISTANCE; distance++) {
            for (int trial = 0; trial < 2_000; trial++) {
                long query = random.nextLong();
                long near = query;
                int flips = random.nextInt(distance + 1);
                var bits = new HashSet<Integer>();
                while (bits.size() < flips) {
                    bits.add(random.nextInt(64));
                }
                for (int bit : bits) {
                    near ^= 1L << bit;
                }
                boolean found = false;
                for (int band = 0; band < 3; band++) {
                    var probes = new HashSet<>(Arrays.asList(HashBands.probes(query, band, distance)));
                    found |= probes.contains(HashBands.value(near, band));
                }
                assertThat(found).as("distance %d, flipped %s", distance, bits).isTrue();
            }
        }
    }
}
