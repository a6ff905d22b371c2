package io.jdask.tokenize;

/**
 * An object that knows how to describe its content to a token, so equal contents give equal
 * tokens across runs and JVMs. Blocks (arrays, frames) and collections implement it.
 */
public interface Tokenizable {
    /**
     * Feeds everything that identifies this object's content to the sink.
     *
     * @param sink where to write
     */
    void tokenize(TokenSink sink);
}
