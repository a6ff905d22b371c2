package io.jdask.serialize;

import java.nio.ByteBuffer;

/** Skips a packed value's header, hands its frames' bytes to the block's sink. */
final class PackedSink implements BlockSink<Object> {
    private final FrameFormat.Header header;
    private final BlockSink<Object> block;
    private final long total;
    private long received;

    PackedSink(FrameFormat.Header header, BlockSink<Object> block) {
        this.header = header;
        this.block = block;
        this.total = header.totalBytes();
    }

    @Override
    public void accept(ByteBuffer bytes) {
        if (received + bytes.remaining() > total) {
            throw new SerializationException("a serialized '" + header.typeId() + "' of " + total
                    + " bytes got more bytes than that");
        }
        if (received < header.headerBytes()) {
            int skip = (int) Math.min(header.headerBytes() - received, bytes.remaining());
            bytes.position(bytes.position() + skip);
            received += skip;
        }
        received += bytes.remaining();
        try {
            block.accept(bytes);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("cannot read a '" + header.typeId() + "' value: "
                    + Serialization.rootMessage(e), e);
        }
    }

    @Override
    public Object finish() {
        if (received != total) {
            throw new SerializationException("a serialized '" + header.typeId() + "' is truncated: " + received
                    + " of its " + total + " bytes arrived");
        }
        try {
            return block.finish();
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("cannot read a '" + header.typeId() + "' value: "
                    + Serialization.rootMessage(e), e);
        }
    }
}
