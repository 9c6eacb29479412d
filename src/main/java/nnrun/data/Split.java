package nnrun.data;

/** The two splits every standard dataset is published with. */
public enum Split {
    TRAIN, TEST
}
