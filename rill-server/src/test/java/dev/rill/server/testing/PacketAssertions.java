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

    /**
     * The received packets keep the published spacing: from the join point on, each packet's
     * timestamp is the first received one's plus what separated them when published (a player's
     * timestamps may start anywhere, as time_jitter makes them).
     */
    public static void assertSameTimeline(String who, MediaPackets published, MediaPackets received) {
        assertTimeline(who + " video", published.video, published.videoTimes, received.video, received.videoTimes);
        assertTimeline(who + " audio", published.audio, published.audioTimes, received.audio, received.audioTimes);
    }

    private static void assertTimeline(String what, List<String> published, List<Long> publishedTimes,
            List<String> received, List<Long> receivedTimes) {
        int start = published.indexOf(received.get(0));
        assertThat(start).as("%s: first received packet was published", what).isGreaterThanOrEqualTo(0);
        assertThat(publishedTimes).as("%s: published timestamps known", what).doesNotContain(-1L);
        assertThat(receivedTimes).as("%s: received timestamps known", what).doesNotContain(-1L);
        long publishedBase = publishedTimes.get(start);
        long receivedBase = receivedTimes.get(0);
        List<Long> expected = publishedTimes.subList(start, Math.min(publishedTimes.size(), start + receivedTimes.size()))
                .stream().map(t -> t - publishedBase).toList();
        List<Long> got = receivedTimes.stream().map(t -> t - receivedBase).toList();
        assertThat(got).as("%s: timestamps relative to the first received packet", what).containsExactlyElementsOf(expected);
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
