package nnrun.config;

/** Training-time image augmentation: random crop after zero-padding by {@code cropPadding} pixels, random horizontal flip. */
public record AugmentationSpec(int cropPadding, boolean flip) {
    public static final AugmentationSpec NONE = new AugmentationSpec(0, false);

    public boolean isNone() {
        return equals(NONE);
    }
}
