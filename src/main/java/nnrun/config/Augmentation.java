package nnrun.config;

/** Training-time image augmentation: random crop after zero-padding by {@code cropPadding} pixels, random horizontal flip. */
public record Augmentation(int cropPadding, boolean flip) {
    public static final Augmentation NONE = new Augmentation(0, false);

    public boolean isNone() {
        return equals(NONE);
    }
}
