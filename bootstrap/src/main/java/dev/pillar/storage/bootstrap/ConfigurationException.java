package dev.pillar.storage.bootstrap;

/** A setting that cannot be used; its message is one line naming the variable. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
