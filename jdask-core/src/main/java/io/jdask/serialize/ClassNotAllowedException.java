package io.jdask.serialize;

/**
 * The general fallback serializer met a class outside its allow-list of package prefixes
 * (configuration key {@code serialization.allowed-packages}). The message names the class and says
 * how to allow it.
 */
public final class ClassNotAllowedException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final String className;

    /**
     * @param className the refused class; for a lambda, the class that defines it
     * @param message what was refused and how to allow it
     */
    public ClassNotAllowedException(String className, String message) {
        super(message);
        this.className = className;
    }

    /** @return the refused class name; for a lambda, the name of the class that defines it */
    public String className() {
        return className;
    }
}
