package io.jdask.distributed.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringCacheTest {
    private static String decodeAt(String s, int offset) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[offset + b.length + 3];
        System.arraycopy(b, 0, padded, offset, b.length);
        return StringCache.decode(padded, offset, b.length);
    }

    /** Many random strings (ASCII, non-ASCII, short and long, most colliding in the table) decode to what was encoded. */
    @Test
    void decodesWhatWasEncoded() {
        Random r = new Random(11);
        String alphabet = "abcxyz-_0123456789éü€";
        for (int i = 0; i < 50_000; i++) {
            int n = r.nextInt(80);
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(r.nextInt(r.nextInt(4) == 0 ? alphabet.length() : alphabet.length() - 3)));
            }
            String s = b.toString();
            assertThat(decodeAt(s, r.nextInt(5))).isEqualTo(s);
        }
    }

    /** A repeated ASCII string comes back as the same instance while its slot holds it; its hash is String's. */
    @Test
    void repeatedAsciiStringsAreShared() {
        String a = decodeAt("inc-0123456789abcdef", 0);
        assertThat(decodeAt("inc-0123456789abcdef", 3)).isSameAs(a);
        assertThat(a.hashCode()).isEqualTo("inc-0123456789abcdef".hashCode());
        assertThat(decodeAt("", 1)).isEmpty();
        String u = decodeAt("añb", 0);
        assertThat(u).isEqualTo("añb");
    }
}
