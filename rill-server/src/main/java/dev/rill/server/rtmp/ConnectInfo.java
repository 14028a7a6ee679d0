package dev.rill.server.rtmp;

import dev.rill.codec.ErrorCode;
import dev.rill.codec.RillException;
import dev.rill.codec.amf.AmfObject;
import dev.rill.codec.rtmp.command.Command;
import dev.rill.codec.rtmp.url.RtmpUrl;

/** What a client said in its connect command (RTMP spec 7.2.1.1). */
record ConnectInfo(String tcUrl, String pageUrl, String swfUrl, double objectEncoding, RtmpUrl url) {

    static ConnectInfo from(Command c) {
        if (!(c.commandObject() instanceof AmfObject obj)) {
            throw new RillException(ErrorCode.COMMAND_INVALID, "connect without a command object");
        }
        String tcUrl = obj.getString("tcUrl");
        if (tcUrl == null || tcUrl.isEmpty()) {
            throw new RillException(ErrorCode.TCURL_INVALID, "connect without tcUrl");
        }
        Double encoding = obj.getNumber("objectEncoding");
        RtmpUrl url = RtmpUrl.discoverApp(tcUrl);
        return new ConnectInfo(tcUrl, nullToEmpty(obj.getString("pageUrl")), nullToEmpty(obj.getString("swfUrl")),
                encoding == null ? 0 : encoding, url);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
