package dev.pillar.storage.application.port;

/** What the store reports after writing a blob: its size in bytes. */
public record StoredBlob(long size) {
}
