package dev.pillar.storage.bootstrap;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Optional;

/**
 * Collects the old generation once it holds more than twice what was live after its last collection (ADR 0027).
 *
 * <p>Young collections promote garbage: Helidon's connection reader links the chunks it reads and leaves a
 * consumed chunk pointing at the next, so once one chunk of a connection reaches the old generation (a keep-alive
 * connection idle through enough collections, or a collection whose survivors overflow), every chunk that
 * connection reads afterwards is kept alive by its dead predecessor and promoted too: a large body flows into the
 * old generation. The serial and parallel collectors grow the old generation rather than collect it, up to the
 * heap's ceiling, so the resident size would follow the bodies received instead of staying flat. This watch
 * arms the JVM's usage threshold on the old generation; when a collection leaves it above the threshold, it asks
 * for a full collection, which frees the garbage and shrinks the generation, and re-arms at twice what is live.
 */
final class OldGenerationWatch implements NotificationListener, AutoCloseable {
    static final long FLOOR_BYTES = 64L * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(OldGenerationWatch.class.getName());

    private final MemoryPoolMXBean pool;
    private final NotificationEmitter emitter;
    private final long floorBytes;
    private final Runnable collect;

    OldGenerationWatch(MemoryPoolMXBean pool, NotificationEmitter emitter, long floorBytes, Runnable collect) {
        this.pool = pool;
        this.emitter = emitter;
        this.floorBytes = floorBytes;
        this.collect = collect;
    }

    /** Watches this JVM's old generation, when its collector has one that reports a usage threshold. */
    static Optional<OldGenerationWatch> start() {
        return oldGeneration().map(pool -> {
            OldGenerationWatch watch = new OldGenerationWatch(pool,
                    (NotificationEmitter) ManagementFactory.getMemoryMXBean(), FLOOR_BYTES, System::gc);
            watch.arm();
            return watch;
        });
    }

    /** The heap pool objects are promoted into ("Tenured Gen", "PS Old Gen", "G1 Old Gen"). */
    static Optional<MemoryPoolMXBean> oldGeneration() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported())
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .findFirst();
    }

    /** The next threshold: twice what is live, and never below the floor. */
    static long thresholdFor(long liveBytes, long floorBytes) {
        return Math.max(floorBytes, 2 * liveBytes);
    }

    void arm() {
        emitter.addNotificationListener(this, null, null);
        pool.setUsageThreshold(thresholdFor(pool.getUsage().getUsed(), floorBytes));
    }

    long threshold() {
        return pool.getUsageThreshold();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(notification.getType())
                || !pool.getName().equals(MemoryNotificationInfo.from((CompositeData) notification.getUserData())
                .getPoolName())) {
            return;
        }
        long before = pool.getUsage().getUsed();
        collect.run();
        long live = pool.getUsage().getUsed();
        pool.setUsageThreshold(thresholdFor(live, floorBytes));
        LOG.log(System.Logger.Level.DEBUG, () -> "event=old_generation_collected before_mib=" + mib(before)
                + " live_mib=" + mib(live) + " next_threshold_mib=" + mib(pool.getUsageThreshold()));
    }

    @Override
    public void close() {
        try {
            emitter.removeNotificationListener(this);
        } catch (ListenerNotFoundException e) {
            // never armed
        }
        pool.setUsageThreshold(0);
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
