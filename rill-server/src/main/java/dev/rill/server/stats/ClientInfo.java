package dev.rill.server.stats;

import java.util.function.Consumer;

/**
 * What the API shows of a client, fixed once it publishes or plays.
 *
 * @param cid     the connection's context id, the API's client id and the hooks' client_id
 * @param ip      the peer address
 * @param pageUrl from connect
 * @param swfUrl  from connect
 * @param tcUrl   from connect
 * @param type    SRS's client type: rtmp-play, fmle-publish, flash-publish, haivision-publish
 * @param publish whether it publishes
 * @param kick    closes the connection with a reason
 */
public record ClientInfo(String cid, String ip, String pageUrl, String swfUrl, String tcUrl, String type,
                         boolean publish, Consumer<String> kick) {
}
