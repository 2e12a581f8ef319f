package dev.pillar.storage.domain.image;

/** How an image meets a requested width and height, named as Supabase's {@code resize} parameter. */
public enum ResizeMode {
    /** Scale to cover the box, then crop the overflow around the centre: exactly width x height. */
    COVER,
    /** Scale to fit inside the box, keeping the aspect ratio: at most width x height. */
    CONTAIN,
    /** Stretch to exactly width x height, ignoring the aspect ratio. */
    FILL
}
