package dev.rill.server.rtmp;

import dev.rill.codec.amf.AmfEcmaArray;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.amf.AmfUndefined;
import dev.rill.codec.rtmp.command.Command;
import dev.rill.codec.rtmp.command.DataMessage;
import dev.rill.codec.rtmp.command.NetStatus;
import java.util.List;

/** The commands Rill answers with, shaped as SRS and FMS send them (srs_rtmp_stack.cpp). */
final class Replies {
    static final String FMS_VERSION = "FMS/3,5,3,888";

    private Replies() {
    }

    static Command connectResult(double tid, double objectEncoding, String serverSignature, String version, String cid) {
        AmfObject props = AmfObject.of("fmsVer", FMS_VERSION, "capabilities", 127.0, "mode", 1.0);
        AmfEcmaArray data = AmfEcmaArray.of("version", "3,5,3,888", "srs_server", serverSignature,
                "srs_version", version, "srs_id", cid);
        AmfObject info = AmfObject.of("level", NetStatus.LEVEL_STATUS, "code", NetStatus.CONNECT_SUCCESS,
                "description", "Connection succeeded", "objectEncoding", objectEncoding, "data", data);
        return Command.of("_result", tid, props, info);
    }

    static Command connectRejected(double tid, String description) {
        return Command.of("_error", tid, null,
                NetStatus.info(NetStatus.LEVEL_ERROR, NetStatus.CONNECT_REJECTED, description));
    }

    /**
     * SRS's RTMP 302 (SrsRtmpServer::redirect): an error onStatus NetConnection.Connect.Rejected
     * whose {@code ex} names the origin that has the stream, as a tcUrl ({@code redirect}) and as
     * the full stream URL ({@code redirect2}).
     */
    static Command redirect(String url) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        String tcUrl = path.substring(0, path.lastIndexOf('/'));
        AmfObject ex = AmfObject.of("code", 302.0, "redirect", tcUrl, "redirect2", url);
        AmfObject info = AmfObject.of("level", NetStatus.LEVEL_ERROR, "code", NetStatus.CONNECT_REJECTED,
                "description", "RTMP 302 Redirect", "ex", ex);
        return Command.of("onStatus", 0, null, info);
    }

    static Command onBwDone() {
        return Command.of("onBWDone", 0, null);
    }

    static Command result(double tid, Object value) {
        return Command.of("_result", tid, null, value);
    }

    static Command resultUndefined(double tid) {
        return Command.of("_result", tid, null, AmfUndefined.INSTANCE);
    }

    static Command onFcPublish(String code, String description) {
        return Command.of("onFCPublish", 0, null, AmfObject.of("code", code, "description", description));
    }

    static Command onFcUnpublish() {
        return Command.of("onFCUnpublish", 0, null,
                AmfObject.of("code", NetStatus.UNPUBLISH_SUCCESS, "description", "Stop publishing stream."));
    }

    static Command status(String code, String description, String cid) {
        return NetStatus.onStatus(NetStatus.LEVEL_STATUS, code, description, cid);
    }

    static Command error(String code, String description, String cid) {
        return NetStatus.onStatus(NetStatus.LEVEL_ERROR, code, description, cid);
    }

    static DataMessage sampleAccess() {
        return new DataMessage("|RtmpSampleAccess", List.of(false, false));
    }

    static DataMessage dataStart() {
        return new DataMessage("onStatus", List.of(AmfObject.of("code", NetStatus.DATA_START)));
    }
}
