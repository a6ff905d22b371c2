package io.jdask.dataframe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The bytes {@code [from, to)} of a file, read by position in large chunks. Does not close the channel. */
final class CsvRangeInput extends InputStream {
    private final FileChannel channel;
    private long pos;
    private final long end;
    private final ByteBuffer buf = ByteBuffer.allocate(256 << 10);

    CsvRangeInput(FileChannel channel, long from, long to) {
        this.channel = channel;
        this.pos = from;
        this.end = to;
        buf.limit(0);
    }

    private boolean fill() throws IOException {
        if (buf.hasRemaining()) {
            return true;
        }
        if (pos >= end) {
            return false;
        }
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), end - pos));
        while (buf.hasRemaining()) {
            int r = channel.read(buf, pos);
            if (r < 0) {
                throw new IOException("file ended at byte " + pos + " before the expected " + end);
            }
            pos += r;
        }
        buf.flip();
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buf.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buf.remaining());
        buf.get(b, off, n);
        return n;
    }
}
