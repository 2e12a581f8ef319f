package dev.pillar.storage.adapters.postgres;

import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.sql.Connection;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Brings the schema up to date with the Liquibase changelog, quietly and without phoning home. */
final class Migrations {
    static final String CHANGELOG = "dev/pillar/storage/adapters/postgres/db/changelog.xml";
    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());
    /** Held so the level we set is not lost when JUL drops an unreferenced logger. */
    private static final Logger LIQUIBASE_LOGGER = Logger.getLogger("liquibase");

    private Migrations() {
    }

    /** Applies the pending change sets on {@code connection} (left open for the caller to close). */
    static void apply(Connection connection) {
        LIQUIBASE_LOGGER.setLevel(Level.WARNING);
        long started = System.nanoTime();
        Map<String, Object> scope = Map.of(
                AnalyticsArgs.ENABLED.getKey(), false,
                Scope.Attr.ui.name(), new LoggerUIService(),
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()));
        try {
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .execute();
            });
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.INFO, () -> "event=migrations_applied duration_ms="
                + (System.nanoTime() - started) / 1_000_000);
    }
}
