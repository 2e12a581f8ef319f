package dev.pillar.storage.domain.image;

/**
 * The pixel size a transformation produces from a given source: scale to {@code width} x {@code height},
 * or, when {@code crop} is set, scale to cover that box and cut the overflow around the centre.
 */
public record ResizePlan(int width, int height, boolean crop) {
    public ResizePlan {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a plan has at least one pixel each way: " + width + "x" + height);
        }
    }
}
