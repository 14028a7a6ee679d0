package dev.rill.codec.rtmp.command;

import dev.rill.codec.amf.AmfObject;

/** The onStatus codes and info objects players and encoders expect (as SRS and FMS send them). */
public final class NetStatus {
    public static final String LEVEL_STATUS = "status";
    public static final String LEVEL_ERROR = "error";

    public static final String CONNECT_SUCCESS = "NetConnection.Connect.Success";
    public static final String CONNECT_REJECTED = "NetConnection.Connect.Rejected";
    public static final String PUBLISH_START = "NetStream.Publish.Start";
    public static final String PUBLISH_BAD_NAME = "NetStream.Publish.BadName";
    public static final String PUBLISH_DENIED = "NetStream.Publish.Denied";
    public static final String PLAY_FAILED = "NetStream.Play.Failed";
    public static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";
    public static final String PLAY_RESET = "NetStream.Play.Reset";
    public static final String PLAY_START = "NetStream.Play.Start";
    public static final String PLAY_STOP = "NetStream.Play.Stop";
    public static final String PLAY_STREAM_NOT_FOUND = "NetStream.Play.StreamNotFound";
    public static final String PLAY_PUBLISH_NOTIFY = "NetStream.Play.PublishNotify";
    public static final String PLAY_UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";
    public static final String DATA_START = "NetStream.Data.Start";
    public static final String PAUSE_NOTIFY = "NetStream.Pause.Notify";
    public static final String UNPAUSE_NOTIFY = "NetStream.Unpause.Notify";

    private NetStatus() {
    }

    public static AmfObject info(String level, String code, String description) {
        return AmfObject.of("level", level, "code", code, "description", description);
    }

    /** {@code onStatus(0, null, info)} on the given message stream. */
    public static Command onStatus(String level, String code, String description, String clientId) {
        AmfObject info = info(level, code, description);
        if (clientId != null) {
            info.put("clientid", clientId);
        }
        return Command.of("onStatus", 0, null, info);
    }
}
