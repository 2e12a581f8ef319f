package dev.pillar.storage.bootstrap;

import dev.pillar.storage.application.reconcile.ReconcileResult;
import dev.pillar.storage.domain.failure.StorageFailure;

import java.util.List;

/**
 * {@code reconcile [--dry-run]}: one reconciliation with the server's configuration, its findings and summary as
 * JSON log lines on stdout. Exits 0 when it ran through, 1 when the store or database failed it or an orphan could
 * not be removed, 2 on bad arguments or configuration.
 */
final class ReconcileCommand {
    static final String USAGE = "usage: java -jar storage-server.jar [reconcile [--dry-run]]";

    private ReconcileCommand() {
    }

    static int run(String[] args) {
        List<String> arguments = List.of(args);
        boolean dryRun = arguments.size() == 2 && arguments.get(1).equals("--dry-run");
        if (!arguments.getFirst().equals("reconcile") || (arguments.size() > 1 && !dryRun)) {
            System.err.println(USAGE);
            return 2;
        }
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return 2;
        }
        Logging.level(config.logLevel());
        try {
            ReconcileResult result = StorageServer.reconcileOnce(config, dryRun);
            return result.removalFailures() == 0 ? 0 : 1;
        } catch (StorageFailure | IllegalStateException e) {
            System.err.println("Cannot reconcile: " + e.getMessage());
            return 1;
        }
    }
}
