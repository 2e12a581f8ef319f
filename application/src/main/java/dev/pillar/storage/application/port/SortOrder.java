package dev.pillar.storage.application.port;

/** Ascending or descending. */
public enum SortOrder { ASC, DESC }
