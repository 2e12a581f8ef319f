package dev.pillar.storage.domain.failure;

/** The kinds of thing a failure can be about. */
public enum Resource { BUCKET, OBJECT, UPLOAD }
