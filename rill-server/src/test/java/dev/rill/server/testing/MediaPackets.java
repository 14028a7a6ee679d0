package dev.rill.server.testing;

import dev.rill.codec.flv.FlvReader;
import dev.rill.codec.flv.FlvTag;
import dev.rill.codec.media.FlvAudio;
import dev.rill.codec.media.FlvVideo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The audio and video packets of a stream as per-packet hashes, in order, to compare what a player
 * received with what was published. Sequence headers are kept apart, since every player gets them
 * first whatever it joined.
 */
public final class MediaPackets {
    public final List<String> video = new ArrayList<>();
    public final List<Boolean> videoKey = new ArrayList<>();
    /** Each packet's timestamp in ms, -1 where the source did not say; parallel to video and audio. */
    public final List<Long> videoTimes = new ArrayList<>();
    public final List<String> audio = new ArrayList<>();
    public final List<Long> audioTimes = new ArrayList<>();
    public final List<String> videoHeaders = new ArrayList<>();
    public final List<String> audioHeaders = new ArrayList<>();

    public synchronized void add(int type, ByteBuf payload) {
        add(type, -1, payload);
    }

    public synchronized void add(int type, long timestamp, ByteBuf payload) {
        String hash = sha1(payload);
        if (type == 9) {
            if (FlvVideo.isSequenceHeader(payload)) {
                videoHeaders.add(hash);
            } else {
                video.add(hash);
                videoKey.add(FlvVideo.isKeyframe(payload));
                videoTimes.add(timestamp);
            }
        } else if (type == 8) {
            if (FlvAudio.isSequenceHeader(payload)) {
                audioHeaders.add(hash);
            } else {
                audio.add(hash);
                audioTimes.add(timestamp);
            }
        }
    }

    public synchronized int videoCount() {
        return video.size();
    }

    public synchronized int audioCount() {
        return audio.size();
    }

    public static MediaPackets fromFlvFile(Path file) throws IOException {
        MediaPackets packets = new MediaPackets();
        ByteBuf whole = Unpooled.wrappedBuffer(Files.readAllBytes(file));
        try {
            for (FlvTag tag : FlvReader.readAll(whole)) {
                try {
                    packets.add(tag.type(), tag.timestamp(), tag.payload());
                } finally {
                    tag.release();
                }
            }
        } finally {
            whole.release();
        }
        return packets;
    }

    static String sha1(ByteBuf payload) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(ByteBufUtil.getBytes(payload));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized String toString() {
        return "MediaPackets{video=" + video.size() + ", audio=" + audio.size() + ", sh=" + (videoHeaders.size() + audioHeaders.size()) + "}";
    }
}
