package nnrun.predict;

/** A class and the probability the model gives it. */
public record RankedClass(int index, String name, float probability) {}
