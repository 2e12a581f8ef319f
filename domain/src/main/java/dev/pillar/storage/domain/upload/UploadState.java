package dev.pillar.storage.domain.upload;

/**
 * The life of a resumable upload: created → receiving → completed. An upload that expires or is terminated is
 * not a state: its session is removed, and an unknown upload is "not found".
 */
public enum UploadState {
    CREATED, RECEIVING, COMPLETED
}
