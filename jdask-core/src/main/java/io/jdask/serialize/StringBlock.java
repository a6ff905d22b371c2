package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@link String} as two frames: one byte naming the encoding, then the characters. UTF-8 normally;
 * the raw UTF-16LE chars for the rare string holding an unpaired surrogate, which no standard
 * encoder keeps, so every string round-trips exactly.
 */
final class StringBlock implements BlockSerializer<String> {
    private static final byte UTF_8 = 8;
    private static final byte UTF_16LE = 16;

    @Override
    public Class<String> type() {
        return String.class;
    }

    @Override
    public String typeId() {
        return "jdask.string";
    }

    @Override
    public List<ByteBuffer> toFrames(String value) {
        if (hasUnpairedSurrogate(value)) {
            ByteBuffer chars = ByteBuffer.allocate(value.length() * 2).order(ByteOrder.LITTLE_ENDIAN);
            chars.asCharBuffer().put(value);
            return List.of(ByteBuffer.wrap(new byte[] {UTF_16LE}), chars);
        }
        return List.of(ByteBuffer.wrap(new byte[] {UTF_8}), ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String fromFrames(List<ByteBuffer> frames) {
        if (frames.size() != 2 || frames.get(0).remaining() != 1) {
            throw new SerializationException("a 'jdask.string' value has an encoding frame of one byte and a"
                    + " text frame; got " + frames.size() + " frames");
        }
        byte encoding = frames.get(0).get(frames.get(0).position());
        ByteBuffer text = frames.get(1);
        try {
            return switch (encoding) {
                case UTF_8 -> StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(text)
                        .toString();
                case UTF_16LE -> {
                    if (text.remaining() % 2 != 0) {
                        throw new SerializationException("UTF-16 text of a 'jdask.string' has an odd length "
                                + text.remaining());
                    }
                    yield text.order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().toString();
                }
                default -> throw new SerializationException("unknown string encoding " + encoding
                        + " in a 'jdask.string' value");
            };
        } catch (CharacterCodingException e) {
            throw new SerializationException("a 'jdask.string' value holds invalid UTF-8: " + e, e);
        }
    }

    @Override
    public long sizeOf(String value) {
        return HeapSizes.string(value);
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
