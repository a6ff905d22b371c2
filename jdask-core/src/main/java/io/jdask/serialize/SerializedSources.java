package io.jdask.serialize;

import java.util.List;

/**
 * A serialized value whose frames are produced on demand ({@link FrameSource}s) instead of held in
 * buffers: what {@link Serialization#serializeSources} makes, for writing a large block to a socket
 * or a file slice by slice without a full copy.
 *
 * @param typeId the serializer's wire identifier, as in {@link Serialized#typeId()}
 * @param frames the frames, in order; their bytes are those of {@link Serialized#frames()}
 */
public record SerializedSources(String typeId, List<FrameSource> frames) {
    /** Copies the list. */
    public SerializedSources {
        if (typeId == null || typeId.isEmpty()) {
            throw new IllegalArgumentException("a serialized value needs a type id");
        }
        frames = List.copyOf(frames);
    }

    /** @return the number of bytes in all frames */
    public long totalBytes() {
        long n = 0;
        for (FrameSource f : frames) {
            n += f.length();
        }
        return n;
    }
}
