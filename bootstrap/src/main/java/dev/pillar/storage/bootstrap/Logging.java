package dev.pillar.storage.bootstrap;

import io.helidon.logging.common.LogConfig;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Sets up logging: JSON lines on the console ({@code logging.properties}) at the configured level. */
final class Logging {
    private static final String PROJECT_LOGGERS = "dev.pillar.storage";

    private Logging() {
    }

    /** Reads {@code logging.properties}; done first, so even a configuration error is logged the same way. */
    static void configure() {
        LogConfig.configureRuntime();
    }

    /** Applies {@code LOG_LEVEL} to the project's loggers and lets the console handler pass what they write. */
    static void level(ServerConfig.LogLevel level) {
        Level jul = switch (level) {
            case ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINEST;
        };
        Logger.getLogger(PROJECT_LOGGERS).setLevel(jul);
        Logger root = Logger.getLogger("");
        root.setLevel(jul.intValue() < Level.INFO.intValue() ? jul : Level.INFO);
        for (var handler : root.getHandlers()) {
            handler.setLevel(Level.ALL);
        }
    }
}
