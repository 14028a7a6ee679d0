package dev.rill.codec.amf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rill.codec.RillException;
import dev.rill.testing.SeedCorpus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AMF0 reading of arbitrary bytes: values one after another until the buffer is exhausted, each
 * either read or refused with an AMF RillException that leaves the reader index where it was; a
 * value that AMF0 can write reads back the same after writing. Seeded with the vector tables.
 */
class Amf0FuzzTest {

    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        while (in.isReadable()) {
            int before = in.readerIndex();
            Object value;
            try {
                value = Amf0.read(in, AmfLimits.DEFAULT);
            } catch (RillException e) {
                AmfFuzzSupport.checkFailure(e, before, in.readerIndex());
                return;
            }
            assertThat(in.readerIndex()).as("a value takes at least its marker").isGreaterThan(before);
            if (AmfFuzzSupport.amf0Writable(value)) {
                roundTrip(value);
            }
        }
    }

    private static void roundTrip(Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            Amf0.write(out, value);
            Object again = Amf0.read(out, AmfLimits.DEFAULT);
            assertThat(AmfFuzzSupport.sameValue(value, again)).as("%s read back as %s", value, again).isTrue();
            assertThat(out.isReadable()).as("bytes left after reading back").isFalse();
        } finally {
            out.release();
        }
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        Amf0VectorsTest.all().forEach(a -> seeds.put("amf0 " + a.get()[0], AmfBytes.hex((String) a.get()[2])));
        Amf0SemanticsTest.refused().forEach(a -> seeds.put("amf0 refused " + a.get()[0],
                AmfBytes.hex((String) a.get()[1])));
        // A connect command as it arrives: name, transaction id, command object.
        seeds.put("amf0 connect command", AmfBytes.concat(AmfBytes.hex("02 00 07 63 6F 6E 6E 65 63 74"),
                AmfBytes.hex("00 3F F0 00 00 00 00 00 00"), AmfBytes.hex(Amf0VectorsTest.CONNECT_OBJECT)));
        return seeds;
    }

    @Test
    void corpusHoldsTheVectorTables() {
        SeedCorpus.check(Amf0FuzzTest.class, "read", seeds());
    }
}
