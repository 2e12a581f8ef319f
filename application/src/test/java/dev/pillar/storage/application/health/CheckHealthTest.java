package dev.pillar.storage.application.health;

import dev.pillar.storage.application.StorageFixture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckHealthTest {
    private final StorageFixture world = new StorageFixture();
    private final CheckHealth health = new CheckHealth(world.metadata, world.store);

    @Test
    void is_up_when_database_and_object_store_both_answer() {
        CheckHealth.Health answer = health.check();

        assertEquals(new CheckHealth.Health(true, true), answer);
        assertTrue(answer.isUp());
    }

    @Test
    void is_down_and_says_so_when_the_database_does_not_answer() {
        world.metadata.setHealthy(false);

        CheckHealth.Health answer = health.check();

        assertEquals(new CheckHealth.Health(false, true), answer);
        assertFalse(answer.isUp());
    }

    @Test
    void is_down_and_says_so_when_the_object_store_does_not_answer() {
        world.store.setHealthy(false);

        CheckHealth.Health answer = health.check();

        assertEquals(new CheckHealth.Health(true, false), answer);
        assertFalse(answer.isUp());
    }
}
