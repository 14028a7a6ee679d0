package dev.rill.server.session;

/**
 * What a client asked for, in SRS's terms (SrsRequest), whatever its protocol: the hooks' and the
 * API's facts about it.
 *
 * @param ip      the peer address
 * @param vhost   the vhost that serves it
 * @param tcUrl   RTMP's tcUrl; for other protocols SRS's {@code rtmp://vhost/app}
 * @param pageUrl RTMP's pageUrl, or the HTTP Referer; empty when none
 * @param swfUrl  RTMP's swfUrl; empty for other protocols
 * @param stream  the stream's name, empty until the client names one
 * @param param   the stream's query string with its {@code ?}, or empty
 */
public record ClientRequest(String ip, String vhost, String app, String tcUrl, String pageUrl, String swfUrl,
                            String stream, String param) {

    /** The same client, now asking for {@code streamName} with {@code streamParam}. */
    public ClientRequest withStream(String streamName, String streamParam) {
        return new ClientRequest(ip, vhost, app, tcUrl, pageUrl, swfUrl, streamName, streamParam);
    }
}
