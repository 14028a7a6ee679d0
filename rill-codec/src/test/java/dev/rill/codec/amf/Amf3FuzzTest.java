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
 * AMF3 reading of arbitrary bytes: one value, read or refused with an AMF RillException that
 * leaves the reader index where it was. Rill writes no AMF3, so there is no round trip; a value that
 * is a finite tree must equal itself read a second time from the same bytes (the reader keeps no
 * state between reads). Seeded with the AMF3 vector and limit tables.
 */
class Amf3FuzzTest {

    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        Object value;
        try {
            value = Amf3.read(in, AmfLimits.DEFAULT);
        } catch (RillException e) {
            AmfFuzzSupport.checkFailure(e, 0, in.readerIndex());
            return;
        }
        int consumed = in.readerIndex();
        assertThat(consumed).as("a value takes at least its marker").isPositive();
        if (AmfFuzzSupport.finite(value)) {
            Object again = Amf3.read(Unpooled.wrappedBuffer(input, 0, consumed), AmfLimits.DEFAULT);
            assertThat(AmfFuzzSupport.sameValue(value, again)).as("second read of the same bytes").isTrue();
        }
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        Amf3VectorsTest.cases().forEach(a -> seeds.put("amf3 " + a.get()[0], AmfBytes.hex((String) a.get()[2])));
        Amf3LimitsTest.refused().forEach(a -> seeds.put("amf3 refused " + a.get()[0],
                AmfBytes.hex((String) a.get()[1])));
        return seeds;
    }

    @Test
    void corpusHoldsTheVectorTables() {
        SeedCorpus.check(Amf3FuzzTest.class, "read", seeds());
    }
}
