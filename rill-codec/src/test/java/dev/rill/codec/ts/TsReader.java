package dev.rill.codec.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of what the muxer writes, for tests: checks every packet's size, sync byte and
 * continuity counter, and gathers the PSI sections and PES packets per PID in order.
 */
final class TsReader {
    record Unit(int pid, byte[] data, long pcr, boolean randomAccess) {
        int streamId() {
            return data[3] & 0xFF;
        }

        boolean hasDts() {
            return (data[7] & 0xC0) == 0xC0;
        }

        long pts() {
            return timestamp(9);
        }

        long dts() {
            return hasDts() ? timestamp(14) : pts();
        }

        /** The elementary stream bytes after the PES header. */
        byte[] es() {
            int start = 9 + (data[8] & 0xFF);
            return java.util.Arrays.copyOfRange(data, start, data.length);
        }

        private long timestamp(int i) {
            return ((long) (data[i] & 0x0E) << 29) | ((data[i + 1] & 0xFFL) << 22) | ((data[i + 2] & 0xFEL) << 14)
                    | ((data[i + 3] & 0xFFL) << 7) | ((data[i + 4] & 0xFFL) >> 1);
        }
    }

    final List<Unit> units = new ArrayList<>();
    int packets;
    private final Map<Integer, Integer> continuity = new HashMap<>();
    private final Map<Integer, ByteArrayOutputStream> open = new HashMap<>();
    /** Per open unit: PCR, random access (1/0), index in {@link #units}, which is in start order. */
    private final Map<Integer, long[]> openMeta = new HashMap<>();

    static TsReader read(ByteBuf ts) {
        TsReader r = new TsReader();
        assertThat(ts.readableBytes() % 188).as("whole packets").isZero();
        for (int at = ts.readerIndex(); at < ts.writerIndex(); at += 188) {
            r.packet(ByteBufUtil.getBytes(ts, at, 188));
        }
        r.finish();
        return r;
    }

    List<Unit> pid(int pid) {
        return units.stream().filter(u -> u.pid == pid).toList();
    }

    private void packet(byte[] p) {
        packets++;
        assertThat(p[0]).as("sync byte").isEqualTo((byte) 0x47);
        boolean start = (p[1] & 0x40) != 0;
        int pid = ((p[1] & 0x1F) << 8) | (p[2] & 0xFF);
        int control = (p[3] >> 4) & 0x03;
        int cc = p[3] & 0x0F;
        Integer last = continuity.put(pid, cc);
        if (last != null) {
            assertThat(cc).as("continuity counter of PID %d", pid).isEqualTo((last + 1) & 0x0F);
        }
        int at = 4;
        long pcr = -1;
        boolean randomAccess = false;
        if (control == 3) {
            int length = p[4] & 0xFF;
            if (length > 0) {
                randomAccess = (p[5] & 0x40) != 0;
                if ((p[5] & 0x10) != 0) {
                    pcr = ((p[6] & 0xFFL) << 25) | ((p[7] & 0xFFL) << 17) | ((p[8] & 0xFFL) << 9) | ((p[9] & 0xFFL) << 1)
                            | ((p[10] & 0xFFL) >> 7);
                }
                for (int i = 6 + ((p[5] & 0x10) != 0 ? 6 : 0); i < 5 + length; i++) {
                    assertThat(p[i]).as("stuffing byte").isEqualTo((byte) 0xFF);
                }
            }
            at = 5 + length;
        } else {
            assertThat(control).as("adaptation_field_control").isEqualTo(1);
        }
        if (start) {
            flush(pid);
            open.put(pid, new ByteArrayOutputStream());
            openMeta.put(pid, new long[]{pcr, randomAccess ? 1 : 0, units.size()});
            units.add(null);
        }
        assertThat(open).as("PID %d continues a unit it never started", pid).containsKey(pid);
        open.get(pid).write(p, at, 188 - at);
    }

    private void finish() {
        for (Integer pid : List.copyOf(open.keySet())) {
            flush(pid);
        }
    }

    private void flush(int pid) {
        ByteArrayOutputStream data = open.remove(pid);
        if (data != null) {
            long[] meta = openMeta.remove(pid);
            byte[] bytes = data.toByteArray();
            if (pid == PsiTables.PAT_PID || pid == PsiTables.PMT_PID) {
                int length = ((bytes[2] & 0x0F) << 8 | (bytes[3] & 0xFF));
                bytes = java.util.Arrays.copyOfRange(bytes, 1, 4 + length);
            }
            units.set((int) meta[2], new Unit(pid, bytes, meta[0], meta[1] == 1));
        }
    }
}
