package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/** The {@link FrameSource} implementations. */
final class Sources {
    private Sources() {}

    static void checkRange(long offset, int n, long length) {
        if (offset < 0 || n < 0 || offset + n > length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + n) + ") of a frame of " + length);
        }
    }

    record OfBuffer(ByteBuffer frame) implements FrameSource {
        @Override
        public long length() {
            return frame.remaining();
        }

        @Override
        public void copyTo(long offset, ByteBuffer dst) {
            int n = dst.remaining();
            checkRange(offset, n, frame.remaining());
            dst.put(frame.slice((int) offset, n));
        }
    }

    /** Elements {@code [from, from + count)} of a primitive array, little-endian. */
    static final class OfArray implements FrameSource {
        private final PrimitiveCopy copy;
        private final Object array;
        private final int from;
        private final int count;

        OfArray(PrimitiveCopy copy, Object array, int from, int count) {
            Objects.checkFromIndexSize(from, count, copy.length(array));
            this.copy = copy;
            this.array = array;
            this.from = from;
            this.count = count;
        }

        @Override
        public long length() {
            return (long) count * copy.width;
        }

        @Override
        public void copyTo(long offset, ByteBuffer dst) {
            int w = copy.width;
            checkRange(offset, dst.remaining(), length());
            long pos = offset;
            while (dst.hasRemaining()) {
                int element = from + (int) (pos / w);
                int within = (int) (pos % w);
                if (within != 0 || dst.remaining() < w) {
                    // part of one element: encode it aside, copy the part wanted
                    ByteBuffer one = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                    copy.write(array, element, 1, one);
                    int n = Math.min(w - within, dst.remaining());
                    dst.put(one.array(), within, n);
                    pos += n;
                    continue;
                }
                int n = dst.remaining() / w;
                copy.write(array, element, n, dst.slice().order(ByteOrder.LITTLE_ENDIAN));
                dst.position(dst.position() + n * w);
                pos += (long) n * w;
            }
        }
    }

    static final class Concat implements FrameSource {
        private final FrameSource[] parts;
        private final long[] starts;
        private final long length;

        Concat(List<FrameSource> parts) {
            this.parts = parts.toArray(FrameSource[]::new);
            this.starts = new long[this.parts.length];
            long at = 0;
            for (int i = 0; i < this.parts.length; i++) {
                starts[i] = at;
                at += this.parts[i].length();
            }
            this.length = at;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public void copyTo(long offset, ByteBuffer dst) {
            checkRange(offset, dst.remaining(), length);
            int i = 0;
            while (dst.hasRemaining()) {
                while (offset >= starts[i] + parts[i].length()) {
                    i++;
                }
                long within = offset - starts[i];
                int n = (int) Math.min(dst.remaining(), parts[i].length() - within);
                ByteBuffer part = dst.slice(dst.position(), n);
                parts[i].copyTo(within, part);
                dst.position(dst.position() + n);
                offset += n;
            }
        }
    }
}
