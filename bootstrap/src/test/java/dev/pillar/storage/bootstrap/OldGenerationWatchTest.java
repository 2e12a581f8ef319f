package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.Test;

import javax.management.NotificationEmitter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
        AtomicInteger collections = new AtomicInteger();
        OldGenerationWatch watch = new OldGenerationWatch(old, (NotificationEmitter) ManagementFactory.getMemoryMXBean(),
                0, () -> {
                    System.gc();
                    collections.incrementAndGet();
                });
        List<byte[]> held = new ArrayList<>();
        try {
            watch.arm();
            long armed = watch.threshold();
            assertTrue(armed >= 2 * live - 8 * MIB, "armed at twice what is live: " + armed / MIB + " MiB");
            while (held.size() * 8 * MIB < live + 64 * MIB) {
                held.add(new byte[8 * (int) MIB]); // live data: after a full collection, all of it is old
            }
            System.gc(); // the old generation now holds more than twice what was live: past the threshold
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (watch.threshold() <= armed && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(collections.get() > 0, "the watch asked for a collection");
            assertTrue(watch.threshold() > armed, "re-armed at twice what is live after it (" + held.size() * 8
                    + " MiB more held): " + watch.threshold() / MIB + " MiB, armed at " + armed / MIB + " MiB");
        } finally {
            watch.close();
        }
    }
}
