package dev.rill.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.server.testing.ApiClient;
import dev.rill.server.testing.RtmpClients;
import dev.rill.server.testing.SyntheticPublisher;
import dev.rill.server.testing.TestServer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/summaries} on the real host: {@code self} and {@code system} have SRS 3's fields
 * (srs_api_dump_summaries), no more and no fewer, every number finite (what SRS's console divides
 * and multiplies), and the rates follow real traffic: a publisher on
 * loopback shows in the intranet bytes at least half as fast as Rill counts it, and fsynced file
 * writes show in the disk write rate.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ApiSummariesTest {
    @RegisterExtension
    static final RtmpClients CLIENTS = new RtmpClients();

    private static final List<String> SELF = List.of("pid", "ppid", "mem_kbyte", "mem_percent", "cpu_percent",
            "srs_uptime");
    private static final List<String> SYSTEM = List.of("cpu_percent", "disk_read_KBps", "disk_write_KBps",
            "disk_busy_percent", "mem_ram_kbyte", "mem_ram_percent", "mem_swap_kbyte", "mem_swap_percent", "cpus",
            "cpus_online", "uptime", "ilde_time", "load_1m", "load_5m", "load_15m", "net_sample_time",
            "net_recv_bytes", "net_send_bytes", "net_recvi_bytes", "net_sendi_bytes", "srs_sample_time",
            "srs_recv_bytes", "srs_send_bytes", "conn_sys", "conn_sys_et", "conn_sys_tw", "conn_sys_udp", "conn_srs");

    @Test
    void everyFieldIsANumberAndTheRatesFollowRealTraffic() throws Exception {
        try (TestServer server = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; }", "")) {
            ApiClient api = new ApiClient(server.httpAddress("HTTP API"));
            // About 1 MB/s: 20 kB of video and an audio frame every 20 ms.
            SyntheticPublisher publisher = SyntheticPublisher.publish(CLIENTS.connector(), server.rtmp(), "live", "sum",
                    20_000, 25, 20);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> publisher.statuses.contains("NetStream.Publish.Start"));
                JsonNode a = await().atMost(Duration.ofSeconds(10)).until(() -> summaries(api).path("system"),
                        s -> s.path("srs_recv_bytes").asLong() > 0);
                JsonNode b = await().atMost(Duration.ofSeconds(20)).until(() -> summaries(api).path("system"),
                        s -> elapsed(a, s, "net_sample_time") >= 3000 && elapsed(a, s, "srs_sample_time") >= 3000);
                double rill = rate(a, b, "srs_recv_bytes", "srs_sample_time");
                double intranet = rate(a, b, "net_recvi_bytes", "net_sample_time");
                assertThat(rill).as("Rill's receive rate, bytes/s").isGreaterThan(300_000);
                assertThat(intranet).as("loopback carries the publisher").isGreaterThanOrEqualTo(rill / 2);

                JsonNode data = summaries(api);
                assertThat(data.path("ok").asBoolean()).isTrue();
                assertFiniteNumbers(data.path("self"), SELF);
                assertFiniteNumbers(data.path("system"), SYSTEM);
                JsonNode self = data.path("self");
                JsonNode sys = data.path("system");
                assertThat(data.path("now_ms").asLong()).isPositive();
                for (String text : List.of("version", "argv", "cwd")) {
                    assertThat(self.path(text).isTextual()).as(text).isTrue();
                }
                assertThat(fieldNames(self)).as("SRS's self fields").containsExactlyInAnyOrderElementsOf(
                        concat(SELF, List.of("version", "argv", "cwd")));
                assertThat(fieldNames(sys)).as("SRS's system fields").containsExactlyInAnyOrderElementsOf(SYSTEM);
                assertThat(self.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
                assertThat(self.path("cpu_percent").asDouble()).as("the JVM is working").isPositive();
                assertThat(self.path("mem_kbyte").asLong()).isPositive();
                assertThat(sys.path("cpu_percent").asDouble()).isBetween(0.0, 1.0).isPositive();
                assertThat(sys.path("cpus_online").asInt()).isPositive().isLessThanOrEqualTo(sys.path("cpus").asInt());
                assertThat(sys.path("mem_ram_kbyte").asLong()).isPositive();
                assertThat(sys.path("uptime").asDouble()).isPositive();
                assertThat(sys.path("conn_srs").asInt()).as("the publisher").isPositive();
                assertThat(sys.path("conn_sys_et").asInt()).as("both ends of the publisher's connection")
                        .isGreaterThanOrEqualTo(2);
                assertThat(sys.path("conn_sys").asInt()).isGreaterThanOrEqualTo(sys.path("conn_sys_et").asInt());
            } finally {
                publisher.close();
            }
        }
    }

    @Test
    void fsyncedWritesShowInTheDiskRates() throws Exception {
        Path probe = Files.createDirectories(Path.of("target")).resolve("disk-rate-probe.bin");
        try (TestServer server = TestServer.start("http_api { enabled on; listen 127.0.0.1:0; }", "")) {
            ApiClient api = new ApiClient(server.httpAddress("HTTP API"));
            JsonNode sys = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                writeAndSync(probe, 8 << 20);
                return summaries(api).path("system");
            }, s -> s.path("disk_write_KBps").asInt() > 1000 && s.path("disk_busy_percent").asDouble() > 0);
            assertThat(sys.path("disk_busy_percent").asDouble()).isLessThanOrEqualTo(1.0);
            assertThat(sys.path("disk_read_KBps").asInt()).isNotNegative();
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static JsonNode summaries(ApiClient api) throws Exception {
        JsonNode o = api.json("/api/v1/summaries");
        assertThat(o.path("code").asInt()).isZero();
        return o.path("data");
    }

    private static long elapsed(JsonNode a, JsonNode b, String time) {
        return b.path(time).asLong() - a.path(time).asLong();
    }

    /** As SRS's console computes it: bytes between two answers over their sample times, per second. */
    private static double rate(JsonNode a, JsonNode b, String bytes, String time) {
        return (b.path(bytes).asLong() - a.path(bytes).asLong()) * 1000.0 / elapsed(a, b, time);
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void assertFiniteNumbers(JsonNode o, List<String> fields) {
        for (String f : fields) {
            assertThat(o.path(f).isNumber()).as(f + " is a number: " + o.path(f)).isTrue();
            assertThat(Double.isFinite(o.path(f).asDouble())).as(f).isTrue();
            assertThat(o.path(f).asDouble()).as(f).isNotNegative();
        }
    }

    private static void writeAndSync(Path file, int bytes) throws Exception {
        byte[] chunk = new byte[1 << 20];
        ThreadLocalRandom.current().nextBytes(chunk);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int written = 0; written < bytes; written += chunk.length) {
                ch.write(ByteBuffer.wrap(chunk));
            }
            ch.force(true);
        }
    }
}
