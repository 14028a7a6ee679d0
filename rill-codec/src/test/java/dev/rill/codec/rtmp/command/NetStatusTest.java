package dev.rill.codec.rtmp.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.codec.amf.AmfObject;
import org.junit.jupiter.api.Test;

/** onStatus is {@code onStatus, 0, null, {level, code, description[, clientid]}}, as SRS sends it. */
class NetStatusTest {

    @Test
    void onStatusShape() {
        Command c = NetStatus.onStatus(NetStatus.LEVEL_STATUS, NetStatus.PUBLISH_START, "Started publishing stream.",
                "id1");
        assertThat(c.name()).isEqualTo("onStatus");
        assertThat(c.transactionId()).isZero();
        assertThat(c.commandObject()).isNull();
        assertThat(c.args()).hasSize(1);
        AmfObject info = (AmfObject) c.arg(0);
        assertThat(info.keySet()).containsExactly("level", "code", "description", "clientid");
        assertThat(info.getString("level")).isEqualTo("status");
        assertThat(info.getString("code")).isEqualTo("NetStream.Publish.Start");
        assertThat(info.getString("description")).isEqualTo("Started publishing stream.");
        assertThat(info.getString("clientid")).isEqualTo("id1");
    }

    @Test
    void onStatusWithoutClientId() {
        Command c = NetStatus.onStatus(NetStatus.LEVEL_ERROR, NetStatus.PUBLISH_BAD_NAME, "Stream busy", null);
        AmfObject info = (AmfObject) c.arg(0);
        assertThat(info.keySet()).containsExactly("level", "code", "description");
        assertThat(info.getString("level")).isEqualTo("error");
        assertThat(info.getString("code")).isEqualTo("NetStream.Publish.BadName");
    }
}
