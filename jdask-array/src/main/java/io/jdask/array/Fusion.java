package io.jdask.array;

/**
 * How an array's blocks can be computed piece by piece inside a reduction instead of being
 * materialised first: {@link Transposed.Source} for {@code x op y.T}, {@link Uniform.Blocks} for
 * seeded uniform random blocks. An array carries one when it was made by such an operation; any
 * other operation on it makes an ordinary array again.
 */
interface Fusion {}
