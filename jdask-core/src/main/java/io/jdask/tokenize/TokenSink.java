package io.jdask.tokenize;

/** Receives the content of objects being tokenized. Not thread-safe; one per token. */
public interface TokenSink {
    /**
     * @param value bytes to add
     * @return this sink
     */
    TokenSink putBytes(byte[] value);

    /**
     * @param value a number to add
     * @return this sink
     */
    TokenSink putLong(long value);

    /**
     * @param value a string to add (its length is added too, so concatenations differ)
     * @return this sink
     */
    TokenSink putString(String value);

    /**
     * Adds any object by content, as {@link Tokens#token(Object...)} does.
     *
     * @param value the object
     * @return this sink
     */
    TokenSink put(Object value);
}
