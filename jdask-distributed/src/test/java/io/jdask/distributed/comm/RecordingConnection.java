package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Handshake;
import io.jdask.distributed.protocol.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A test connection that records what it is sent (thread-safe: writers may be other threads). */
public final class RecordingConnection implements Connection {
    /** What was written, in order; synchronize on it to iterate while others write. */
    public final List<Message> sent = Collections.synchronizedList(new ArrayList<>());
    /** Whether {@link #close()} has not been called. */
    public volatile boolean open = true;
    private final String remoteAddress;

    /** @param remoteAddress what {@link #remoteAddress()} answers */
    public RecordingConnection(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    @Override
    public Handshake peer() {
        return null;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void write(Message message) {
        sent.add(message);
    }

    @Override
    public void flush() {}

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
