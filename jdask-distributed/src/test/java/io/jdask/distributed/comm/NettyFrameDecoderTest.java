package io.jdask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.MessageCodec;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.graph.Key;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NettyFrameDecoderTest {
    private static SchedulerToWorker.FreeKeys freeKeys(int m, int n) {
        List<Key> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(Key.of("message-" + m + "-key", i));
        }
        return new SchedulerToWorker.FreeKeys(keys, "stimulus-" + m);
    }

    /**
     * Messages of growing, shrinking and large headers (over 64 KiB), arriving in pieces cut at
     * random points (one byte at a time, small pieces, pieces spanning several messages), all decode
     * to what was sent, in order.
     */
    @Test
    void messagesOfEveryHeaderSizeDecodeToWhatWasSentWhateverThePieces() {
        int[] sizes = {1, 5, 300, 1, 20_000, 2, 50, 3_000, 0, 7};
        List<Message> sent = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int m = 0; m < sizes.length; m++) {
            Message msg = freeKeys(m, sizes[m]);
            sent.add(msg);
            wire.writeBytes(MessageCodec.encode(msg).toByteArray());
        }
        byte[] bytes = wire.toByteArray();
        assertThat(MessageCodec.encode(sent.get(4)).header().remaining()).isGreaterThan(64 << 10);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            NettyFrameDecoder decoder = new NettyFrameDecoder(1 << 30);
            decoder.maxMessageBytes(1 << 30);
            EmbeddedChannel channel = new EmbeddedChannel(decoder);
            List<Message> received = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, round == 0 ? 1 : 1 + random.nextInt(round < 10 ? 64 : 200_000));
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
                at += n;
                for (Object o; (o = channel.readInbound()) != null;) {
                    received.add((Message) o);
                }
            }
            assertThat(received).containsExactlyElementsOf(sent);
            channel.finishAndReleaseAll();
        }
    }
}
