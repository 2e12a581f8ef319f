package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.Test;

import javax.management.NotificationEmitter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OldGenerationWatchTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theThresholdIsTwiceWhatIsLiveAndNeverBelowTheFloor() {
        assertEquals(64 * MIB, OldGenerationWatch.thresholdFor(10 * MIB, 64 * MIB));
        assertEquals(200 * MIB, OldGenerationWatch.thresholdFor(100 * MIB, 64 * MIB));
    }

    @Test
    void anOldGenerationGrownPastTheThresholdIsCollectedAndReArmedAtTwiceWhatIsLive() throws Exception {
        MemoryPoolMXBean old = OldGenerationWatch.oldGeneration().orElseThrow();
        System.gc();
        long live = old.getUsage().getUsed();
        long floor = 2 * live + 32 * MIB;
        CountDownLatch collected = new CountDownLatch(1);
        OldGenerationWatch watch = new OldGenerationWatch(old, (NotificationEmitter) ManagementFactory.getMemoryMXBean(),
                floor, () -> {
                    System.gc();
                    collected.countDown();
                });
        List<byte[]> held = new ArrayList<>();
        try {
            watch.arm();
            assertEquals(floor, watch.threshold());
            while (held.size() * 8 * MIB < live + 64 * MIB) {
                held.add(new byte[8 * (int) MIB]); // live data: after a full collection, all of it is old
            }
            System.gc();
            assertTrue(collected.await(20, TimeUnit.SECONDS), "the watch asked for a collection");
            // Past the floor, at least live + 32 MiB of the held arrays were in the old generation and still are.
            assertTrue(watch.threshold() > floor, "re-armed at twice what is live: " + watch.threshold() / MIB
                    + " MiB with " + held.size() * 8 + " MiB held");
        } finally {
            watch.close();
        }
    }
}
