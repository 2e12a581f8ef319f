package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconciler's variables: every six hours with an hour's grace by default, 0 turns the periodic run off. */
class ReconcileConfigTest {

    @Test
    void every_six_hours_with_an_hours_grace_by_default() {
        ServerConfig.Reconciliation reconciliation = reconciliation(Map.of());

        assertEquals(new ServerConfig.Reconciliation(Duration.ofHours(6), Duration.ofHours(1)), reconciliation);
        assertTrue(reconciliation.periodic());
    }

    @Test
    void an_interval_of_zero_leaves_only_the_command() {
        ServerConfig.Reconciliation reconciliation = reconciliation(Map.of("RECONCILE_INTERVAL_SECONDS", "0",
                "RECONCILE_GRACE_SECONDS", "600"));

        assertFalse(reconciliation.periodic());
        assertEquals(Duration.ofMinutes(10), reconciliation.gracePeriod());
    }

    @Test
    void an_unusable_value_names_its_variable() {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> reconciliation(Map.of("RECONCILE_GRACE_SECONDS", "-1")));

        assertTrue(failure.getMessage().contains("RECONCILE_GRACE_SECONDS"), failure.getMessage());
    }

    private static ServerConfig.Reconciliation reconciliation(Map<String, String> env) {
        return ServerConfig.fromEnvironment(env).reconciliation();
    }
}
