package io.jdask.distributed.comm;

/** A listening socket that accepts connections. */
public interface Listener extends AutoCloseable {
    /** @return the address peers connect to, {@code tcp://host:port} (the bound port, never 0) */
    String address();

    /** Stops accepting; open connections stay open. */
    @Override
    void close();
}
