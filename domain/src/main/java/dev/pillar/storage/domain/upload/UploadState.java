package dev.pillar.storage.domain.upload;

/** The life of a resumable upload: created → receiving → completed | expired | aborted. */
public enum UploadState {
    CREATED, RECEIVING, COMPLETED, EXPIRED, ABORTED;

    public boolean isFinal() {
        return this == COMPLETED || this == EXPIRED || this == ABORTED;
    }
}
