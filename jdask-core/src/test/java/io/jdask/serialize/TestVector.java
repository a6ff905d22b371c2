package io.jdask.serialize;

/** A block type of the tests, written by {@link TestVectorSerializer} found through ServiceLoader. */
public record TestVector(String name, double[] values) {}
