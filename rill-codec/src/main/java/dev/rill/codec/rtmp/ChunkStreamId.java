package dev.rill.codec.rtmp;

/** The chunk stream ids Rill sends on, as SRS does (RTMP_CID_*). */
public final class ChunkStreamId {
    public static final int PROTOCOL_CONTROL = 2;
    public static final int OVER_CONNECTION = 3;
    public static final int OVER_CONNECTION2 = 4;
    public static final int OVER_STREAM = 5;
    public static final int VIDEO = 6;
    public static final int AUDIO = 7;
    public static final int OVER_STREAM2 = 8;

    private ChunkStreamId() {
    }

    /** The chunk stream a message of this type is sent on. */
    public static int forType(int messageType) {
        return switch (messageType) {
            case MessageType.VIDEO -> VIDEO;
            case MessageType.AUDIO -> AUDIO;
            case MessageType.DATA_AMF0, MessageType.DATA_AMF3 -> OVER_STREAM;
            case MessageType.COMMAND_AMF0, MessageType.COMMAND_AMF3 -> OVER_CONNECTION;
            default -> PROTOCOL_CONTROL;
        };
    }
}
