package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.port.Clock;

import java.time.Duration;
import java.time.Instant;

/** Test clock: stands still until a test moves it. */
public final class FixedClock implements Clock {
    private volatile Instant now;

    public FixedClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }
}
