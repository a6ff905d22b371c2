package io.jdask.tokenize;

/**
 * An object could not be tokenized deterministically while {@code tokenize.ensure-deterministic}
 * is on.
 */
public class NonDeterministicTokenException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message which object and why */
    public NonDeterministicTokenException(String message) {
        super(message);
    }
}
