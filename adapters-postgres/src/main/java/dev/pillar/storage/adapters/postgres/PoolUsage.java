package dev.pillar.storage.adapters.postgres;

/** A read of the connection pool: connections lent out, idle, the callers waiting for one, and the bound. */
public record PoolUsage(int inUse, int idle, int waiting, int max) {
}
