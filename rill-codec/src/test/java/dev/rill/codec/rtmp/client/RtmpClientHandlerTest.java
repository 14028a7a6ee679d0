package dev.rill.codec.rtmp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.RillException;
import dev.rill.codec.amf.AmfLimits;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.amf.AmfUndefined;
import dev.rill.codec.rtmp.MessageType;
import dev.rill.codec.rtmp.RtmpMessage;
import dev.rill.codec.rtmp.command.Command;
import dev.rill.codec.rtmp.command.NetStatus;
import dev.rill.codec.rtmp.control.SetChunkSize;
import dev.rill.codec.rtmp.control.UserControl;
import dev.rill.codec.rtmp.handshake.HandshakeCompleted;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's command sequence (spec 7.2.1.1, 7.2.2) driven by replies fed to an EmbeddedChannel. */
class RtmpClientHandlerTest {
    private static final String TC_URL = "rtmp://127.0.0.1:1935/live";

    private final RecordingListener listener = new RecordingListener();
    private EmbeddedChannel channel;
    private RtmpClientHandler handler;

    @AfterEach
    void finish() {
        listener.releaseAll();
        channel.finishAndReleaseAll();
    }

    @Test
    void playSequence() {
        start(RtmpClientHandler.Mode.PLAY);
        Command connect = readCommand(0);
        assertThat(connect.name()).isEqualTo("connect");
        assertThat(connect.transactionId()).isEqualTo(1.0);
        AmfObject obj = (AmfObject) connect.commandObject();
        assertThat(obj.getString("app")).isEqualTo("live");
        assertThat(obj.getString("tcUrl")).isEqualTo(TC_URL);
        assertThat(obj).doesNotContainKey("type");
        assertThat((Object) channel.readOutbound()).isNull();

        feedCommand(Command.of("_result", 1, AmfObject.of("fmsVer", "FMS/3,5,3,888"),
                NetStatus.info(NetStatus.LEVEL_STATUS, NetStatus.CONNECT_SUCCESS, "Connection succeeded")), 0);
        Command createStream = readCommand(0);
        assertThat(createStream.name()).isEqualTo("createStream");
        assertThat((Object) channel.readOutbound()).isNull();

        feedCommand(Command.of("_result", createStream.transactionId(), null, 1.0), 0);
        assertThat(handler.streamId()).isEqualTo(1);
        Command play = readCommand(1);
        assertThat(play.name()).isEqualTo("play");
        assertThat(play.args()).containsExactly("livestream", -2.0);
        RtmpMessage bufferLength = channel.readOutbound();
        try {
            assertThat(UserControl.decode(bufferLength)).isEqualTo(UserControl.setBufferLength(1, 3000));
        } finally {
            bufferLength.release();
        }

        RtmpMessage early = media(MessageType.VIDEO, 0);
        channel.writeInbound(early);
        assertThat(early.refCnt()).as("media before start is released").isZero();
        assertThat(listener.messages).isEmpty();
        assertThat(handler.isStarted()).isFalse();

        feedCommand(NetStatus.onStatus(NetStatus.LEVEL_STATUS, NetStatus.PLAY_START, "Started playing", null), 1);
        assertThat(listener.statusCodes).containsExactly(NetStatus.PLAY_START);
        assertThat(listener.started).containsExactly(handler);
        assertThat(handler.isStarted()).isTrue();

        RtmpMessage video = media(MessageType.VIDEO, 40);
        channel.writeInbound(video);
        RtmpMessage audio = media(MessageType.AUDIO, 42);
        channel.writeInbound(audio);
        assertThat(listener.messages).extracting(RtmpMessage::typeId).containsExactly(MessageType.VIDEO,
                MessageType.AUDIO);
        assertThat(listener.messages).extracting(RtmpMessage::timestamp).containsExactly(40L, 42L);
        assertThat(video.refCnt()).as("retained copy only").isEqualTo(1);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void publishSequence() {
        start(RtmpClientHandler.Mode.PUBLISH);
        RtmpMessage chunkSize = channel.readOutbound();
        try {
            assertThat(chunkSize.typeId()).isEqualTo(MessageType.SET_CHUNK_SIZE);
            assertThat(SetChunkSize.decode(chunkSize).chunkSize()).isEqualTo(60000);
        } finally {
            chunkSize.release();
        }
        Command connect = readCommand(0);
        assertThat(connect.name()).isEqualTo("connect");
        assertThat(((AmfObject) connect.commandObject()).getString("type")).isEqualTo("nonprivate");

        feedCommand(Command.of("_result", 1, null,
                NetStatus.info(NetStatus.LEVEL_STATUS, NetStatus.CONNECT_SUCCESS, "ok")), 0);
        Command release = readCommand(0);
        Command fcPublish = readCommand(0);
        Command createStream = readCommand(0);
        assertThat(List.of(release.name(), fcPublish.name(), createStream.name()))
                .containsExactly("releaseStream", "FCPublish", "createStream");
        assertThat(release.args()).containsExactly("livestream");
        assertThat(fcPublish.args()).containsExactly("livestream");

        feedCommand(Command.of("_result", release.transactionId(), null, AmfUndefined.INSTANCE), 0);
        feedCommand(Command.of("onFCPublish", 0, null), 0);
        assertThat((Object) channel.readOutbound()).as("no answer to releaseStream result or onFCPublish").isNull();

        feedCommand(Command.of("_result", createStream.transactionId(), null, 1.0), 0);
        Command publish = readCommand(1);
        assertThat(publish.name()).isEqualTo("publish");
        assertThat(publish.args()).containsExactly("livestream", "live");

        feedCommand(NetStatus.onStatus(NetStatus.LEVEL_STATUS, NetStatus.PUBLISH_START, "Started", null), 1);
        assertThat(listener.started).containsExactly(handler);

        handler.publish(MessageType.VIDEO, 80, Unpooled.wrappedBuffer(new byte[] {0x17, 1, 0, 0, 0}), true);
        RtmpMessage sent = channel.readOutbound();
        try {
            assertThat(sent.typeId()).isEqualTo(MessageType.VIDEO);
            assertThat(sent.streamId()).isEqualTo(1);
            assertThat(sent.timestamp()).isEqualTo(80);
        } finally {
            sent.release();
        }
    }

    @Test
    void errorReplyRefusesAndCloses() {
        start(RtmpClientHandler.Mode.PLAY);
        readCommand(0);
        feedCommand(Command.of("_error", 1, null,
                NetStatus.info(NetStatus.LEVEL_ERROR, NetStatus.CONNECT_REJECTED, "vhost not found")), 0);
        assertThat(listener.refused).containsExactly(NetStatus.CONNECT_REJECTED + ": vhost not found");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void errorLevelStatusRefusesAndCloses() {
        start(RtmpClientHandler.Mode.PUBLISH);
        feedCommand(NetStatus.onStatus(NetStatus.LEVEL_ERROR, NetStatus.PUBLISH_BAD_NAME, "Stream busy", null), 1);
        assertThat(listener.statusCodes).containsExactly(NetStatus.PUBLISH_BAD_NAME);
        assertThat(listener.refused).containsExactly(NetStatus.PUBLISH_BAD_NAME + ": Stream busy");
        assertThat(listener.started).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void createStreamResultWithoutIdIsAnError() {
        start(RtmpClientHandler.Mode.PLAY);
        readCommand(0);
        feedCommand(Command.of("_result", 1, null), 0);
        Command createStream = readCommand(0);
        assertThat(createStream.name()).isEqualTo("createStream");
        feedCommand(Command.of("_result", createStream.transactionId(), null, "one"), 0);
        assertThat(listener.errors).singleElement().isInstanceOf(RillException.class);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void pingRequestIsAnswered() {
        start(RtmpClientHandler.Mode.PLAY);
        readCommand(0);
        RtmpMessage ping = UserControl.pingRequest(0x01020304L).toMessage(ByteBufAllocator.DEFAULT);
        channel.writeInbound(ping);
        assertThat(ping.refCnt()).isZero();
        RtmpMessage pong = channel.readOutbound();
        try {
            assertThat(UserControl.decode(pong)).isEqualTo(UserControl.pingResponse(0x01020304L));
        } finally {
            pong.release();
        }
    }

    @Test
    void aPingGoesOutAsAPingRequestAndItsAnswerIsReported() {
        start(RtmpClientHandler.Mode.PLAY);
        readCommand(0);
        handler.ping(0xfffffff0L);
        RtmpMessage ping = channel.readOutbound();
        try {
            assertThat(ping.typeId()).isEqualTo(MessageType.USER_CONTROL);
            assertThat(UserControl.decode(ping)).isEqualTo(UserControl.pingRequest(0xfffffff0L));
        } finally {
            ping.release();
        }
        RtmpMessage pong = UserControl.pingResponse(0xfffffff0L).toMessage(ByteBufAllocator.DEFAULT);
        channel.writeInbound(pong);
        assertThat(pong.refCnt()).isZero();
        assertThat(listener.pingResponses).containsExactly(0xfffffff0L);
        assertThat((Object) channel.readOutbound()).as("a response is not answered").isNull();
    }

    private void start(RtmpClientHandler.Mode mode) {
        handler = new RtmpClientHandler(TC_URL, "live", "livestream", mode, 60000, listener);
        channel = new EmbeddedChannel(handler);
        channel.pipeline().fireUserEventTriggered(new HandshakeCompleted(false, -1, 0));
        if (mode == RtmpClientHandler.Mode.PUBLISH) {
            return;
        }
        assertThat((Object) channel.outboundMessages().peek()).isInstanceOf(RtmpMessage.class);
    }

    private Command readCommand(int expectedStreamId) {
        RtmpMessage msg = channel.readOutbound();
        assertThat(msg).as("an outbound message").isNotNull();
        try {
            assertThat(msg.typeId()).isEqualTo(MessageType.COMMAND_AMF0);
            assertThat(msg.streamId()).isEqualTo(expectedStreamId);
            return Command.decode(msg, AmfLimits.DEFAULT);
        } finally {
            msg.release();
        }
    }

    private void feedCommand(Command c, int streamId) {
        RtmpMessage msg = c.encode(ByteBufAllocator.DEFAULT, streamId);
        channel.writeInbound(msg);
        assertThat(msg.refCnt()).as("the handler releases commands").isZero();
    }

    private static RtmpMessage media(int type, long ts) {
        return RtmpMessage.of(type, ts, 1, Unpooled.wrappedBuffer(new byte[] {0x27, 1, 0, 0, 0}));
    }

    private static final class RecordingListener implements RtmpClientListener {
        final List<RtmpClientHandler> started = new ArrayList<>();
        final List<String> statusCodes = new ArrayList<>();
        final List<RtmpMessage> messages = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final List<Long> pingResponses = new ArrayList<>();

        @Override
        public void onPingResponse(long timestamp) {
            pingResponses.add(timestamp);
        }

        @Override
        public void onStarted(RtmpClientHandler client) {
            started.add(client);
        }

        @Override
        public void onStatus(String code, AmfObject info) {
            statusCodes.add(code);
        }

        @Override
        public void onMessage(RtmpMessage message) {
            messages.add(message.retainedDuplicate());
        }

        @Override
        public void onRefused(String code, String description) {
            refused.add(code + ": " + description);
        }

        @Override
        public void onError(Throwable cause) {
            errors.add(cause);
        }

        void releaseAll() {
            messages.forEach(RtmpMessage::release);
            messages.clear();
        }
    }
}
