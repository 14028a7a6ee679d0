package dev.rill.server.live;

import static dev.rill.server.live.Messages.audio;
import static dev.rill.server.live.Messages.audioHeader;
import static dev.rill.server.live.Messages.interFrame;
import static dev.rill.server.live.Messages.keyframe;
import static dev.rill.server.live.Messages.videoHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.amf.AmfEcmaArray;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.command.DataMessage;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One live stream's publisher, consumers and start-up caches. */
class LiveSourceTest {
    private static final StreamKey KEY = new StreamKey("__defaultVhost__", "live", "livestream");

    private final LiveSource source = new LiveSource(KEY, ByteBufAllocator.DEFAULT, "Rill/test", true, false, java.util.List.of());
    private final UnkickedPublisher publisher = new UnkickedPublisher("p1");
    private final List<FakeConsumer> consumers = new ArrayList<>();

    @AfterEach
    void releaseAll() {
        source.clearMedia();
        consumers.forEach(FakeConsumer::releaseAll);
    }

    @Test
    void newConsumerGetsMetadataHeadersThenGop() {
        assertThat(source.publish(publisher)).isTrue();
        source.onMessage(keyframe(0));
        source.onMessage(audio(0));
        SharedMessage ash = audioHeader(0);
        source.onMessage(ash);
        SharedMessage vsh = videoHeader(0);
        source.onMessage(vsh);
        source.onMessage(Messages.data(0, "@setDataFrame", "onMetaData", AmfEcmaArray.of("width", 640.0)));
        SharedMessage k = keyframe(40);
        source.onMessage(k);
        source.onMessage(audio(50));
        source.onMessage(interFrame(80));

        FakeConsumer c = attach();
        assertThat(c.received).hasSize(6);
        assertThat(c.received.get(0).typeId()).isEqualTo(MessageType.DATA_AMF0);
        assertThat(c.received.subList(1, 4)).containsExactly(vsh, ash, k);
        assertThat(Messages.timestamps(c.received.subList(3, 6))).containsExactly(40L, 50L, 80L);
        assertThat(source.videoSequenceHeader()).isSameAs(vsh);
        assertThat(source.audioSequenceHeader()).isSameAs(ash);
    }

    @Test
    void liveMessagesReachEveryConsumer() {
        FakeConsumer a = attach();
        FakeConsumer b = attach();
        source.publish(publisher);
        assertThat(a.events).containsExactly("publish " + KEY);
        SharedMessage k = keyframe(0);
        source.onMessage(k);
        assertThat(a.received).containsExactly(k);
        assertThat(b.received).containsExactly(k);
        assertThat(k.refCnt()).as("two consumers and the GOP cache").isEqualTo(3);
        source.detach(b);
        source.onMessage(interFrame(40));
        assertThat(b.received).hasSize(1);
        assertThat(a.received).hasSize(2);
        assertThat(source.consumerCount()).isEqualTo(1);
        assertThat(source.stats().videoFrames()).isEqualTo(2);
    }

    @Test
    void secondPublisherIsRefused() {
        UnkickedPublisher other = new UnkickedPublisher("p2");
        assertThat(source.publish(publisher)).isTrue();
        assertThat(source.publish(other)).isFalse();
        assertThat(source.publisher()).isSameAs(publisher);
        source.unpublish(other);
        assertThat(source.publisher()).as("only the holder can unpublish").isSameAs(publisher);
        source.unpublish(publisher);
        assertThat(source.publish(other)).isTrue();
    }

    @Test
    void unpublishClearsCachesAndTellsConsumers() {
        FakeConsumer c = attach();
        source.publish(publisher);
        SharedMessage vsh = videoHeader(0).retain();
        SharedMessage k = keyframe(0).retain();
        source.onMessage(vsh);
        source.onMessage(k);
        source.onMessage(Messages.data(0, "onMetaData", AmfObject.of("width", 640.0)));
        c.releaseAll();
        assertThat(vsh.refCnt()).as("test and cache").isEqualTo(2);

        source.unpublish(publisher);
        assertThat(c.events).containsExactly("publish " + KEY, "unpublish " + KEY);
        assertThat(source.publisher()).isNull();
        assertThat(source.videoSequenceHeader()).isNull();
        assertThat(vsh.refCnt()).isEqualTo(1);
        assertThat(k.refCnt()).isEqualTo(1);
        vsh.release();
        k.release();
        FakeConsumer late = attach();
        assertThat(late.received).isEmpty();
        assertThat(source.consumerCount()).as("consumers stay for the next publisher").isEqualTo(2);
    }

    @Test
    void metadataIsRewrittenWithServerField() {
        FakeConsumer c = attach();
        source.publish(publisher);
        SharedMessage in = Messages.data(33, "@setDataFrame", "onMetaData",
                AmfEcmaArray.of("width", 1280.0, "encoder", "Lavf"));
        source.onMessage(in);
        assertThat(in.refCnt()).as("replaced by the rewritten message").isZero();
        assertThat(c.received).hasSize(1);
        SharedMessage out = c.received.get(0);
        assertThat(out.timestamp()).isEqualTo(33);
        DataMessage d = DataMessage.decode(out.typeId(), out.payload(), AmfLimits.DEFAULT);
        assertThat(d.name()).isEqualTo("onMetaData");
        assertThat(d.metadata()).isInstanceOf(AmfEcmaArray.class);
        AmfEcmaArray meta = (AmfEcmaArray) d.metadata();
        assertThat(new ArrayList<>(meta.entrySet())).containsExactly(Map.entry("width", 1280.0),
                Map.entry("encoder", "Lavf"), Map.entry("server", "Rill/test"));
    }

    @Test
    void otherDataPassesThroughUnchanged() {
        FakeConsumer c = attach();
        source.publish(publisher);
        SharedMessage cue = Messages.data(10, "onCuePoint", AmfObject.of("name", "ad"));
        source.onMessage(cue);
        assertThat(c.received).containsExactly(cue);
        FakeConsumer late = attach();
        assertThat(late.received).as("not cached as metadata").isEmpty();
    }

    @Test
    void messagesWithoutPublisherAreReleased() {
        FakeConsumer c = attach();
        SharedMessage k = keyframe(0);
        source.onMessage(k);
        assertThat(k.refCnt()).isZero();
        assertThat(c.received).isEmpty();
    }

    @Test
    void mixCorrectOrdersMediaButNotHeaders() {
        LiveSource mixed = new LiveSource(KEY, ByteBufAllocator.DEFAULT, "Rill/test", false, true, java.util.List.of());
        FakeConsumer c = new FakeConsumer("c");
        consumers.add(c);
        mixed.attach(c);
        mixed.publish(publisher);
        mixed.onMessage(videoHeader(0));
        mixed.onMessage(keyframe(40));
        mixed.onMessage(audio(20));
        mixed.onMessage(audio(60));
        assertThat(Messages.timestamps(c.received)).containsExactly(0L, 20L, 40L);
        mixed.clearMedia();
    }

    private FakeConsumer attach() {
        FakeConsumer c = new FakeConsumer("c" + consumers.size());
        consumers.add(c);
        source.attach(c);
        return c;
    }

    private static final class FakeConsumer implements LiveConsumer {
        final String cid;
        final List<SharedMessage> received = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        FakeConsumer(String cid) {
            this.cid = cid;
        }

        @Override
        public void enqueue(SharedMessage msg) {
            received.add(msg);
        }

        @Override
        public void onPublish(StreamKey key) {
            events.add("publish " + key);
        }

        @Override
        public void onUnpublish(StreamKey key) {
            events.add("unpublish " + key);
        }

        @Override
        public String cid() {
            return cid;
        }

        void releaseAll() {
            Messages.releaseAll(received);
        }
    }
}
