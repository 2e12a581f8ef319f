package dev.pillar.storage.application.object;

import dev.pillar.storage.domain.failure.Unavailable;

/** How often a copy or move starts over when the source keeps changing under it, before giving up. */
final class Retries {
    static final int ATTEMPTS = 5;

    private Retries() {
    }

    /** Returns while another attempt is allowed; after the last one the client is told to try again later. */
    static void giveUpAfter(int attempt) {
        if (attempt >= ATTEMPTS) {
            throw new Unavailable(Unavailable.Service.DATABASE, "The object kept changing; try again", null);
        }
    }
}
