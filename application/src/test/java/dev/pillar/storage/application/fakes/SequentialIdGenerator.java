package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.port.IdGenerator;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Test ids: {@code 00000000-0000-0000-0000-000000000001}, then 2, 3 ... so tests can predict them. */
public final class SequentialIdGenerator implements IdGenerator {
    private final AtomicLong last = new AtomicLong();

    @Override
    public UUID newId() {
        return nth(last.incrementAndGet());
    }

    public static UUID nth(long n) {
        return new UUID(0, n);
    }
}
