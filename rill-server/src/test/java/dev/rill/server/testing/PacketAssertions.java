package dev.rill.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Asserts that a player received exactly the published packets, from where it joined to the end. */
public final class PacketAssertions {
    private PacketAssertions() {
    }

    public static void assertReceivedTail(String who, MediaPackets published, MediaPackets received) {
        assertThat(received.video).as("%s received video", who).isNotEmpty();
        assertThat(received.videoKey.get(0)).as("%s: first video packet is a keyframe", who).isTrue();
        assertTail(who + " video", published.video, received.video);
        assertTail(who + " audio", published.audio, received.audio);
        // A publisher may send a new sequence header mid-stream; a player that joins later gets
        // only the one in force, so what it got must be published ones, ending with the latest.
        assertHeaders(who + " video sequence headers", published.videoHeaders, received.videoHeaders);
        assertHeaders(who + " audio sequence headers", published.audioHeaders, received.audioHeaders);
    }

    private static void assertHeaders(String what, List<String> published, List<String> received) {
        assertThat(received).as(what).isNotEmpty().isSubsetOf(published);
        assertThat(received.getLast()).as(what + ": the latest").isEqualTo(published.getLast());
    }

    private static void assertTail(String what, List<String> published, List<String> received) {
        assertThat(received).as(what).isNotEmpty();
        int start = published.indexOf(received.get(0));
        assertThat(start).as("%s: first received packet was published", what).isGreaterThanOrEqualTo(0);
        assertThat(received).as("%s: every packet from the join point to the end, byte-identical", what)
                .containsExactlyElementsOf(published.subList(start, published.size()));
    }
}
