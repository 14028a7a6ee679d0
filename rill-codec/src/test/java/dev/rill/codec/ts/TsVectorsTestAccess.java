package dev.rill.codec.ts;

import java.util.LinkedHashMap;
import java.util.Map;

/** The AVC record and frames of {@link TsVectorsTest}, for the media fuzz tests' seed corpus. */
public final class TsVectorsTestAccess {
    private TsVectorsTestAccess() {
    }

    public static String record() {
        return TsVectorsTest.RECORD;
    }

    /** Each access unit of the AnnexB tables, by name, as hex, prefixed by the record. */
    public static Map<String, String> frames() {
        Map<String, String> frames = new LinkedHashMap<>();
        TsVectorsTest.annexB().forEach(a -> frames.put((String) a.get()[0], (String) a.get()[2]));
        TsVectorsTest.badFrames().forEach(a -> frames.put("bad " + a.get()[0], (String) a.get()[1]));
        return frames;
    }

    /** The AudioSpecificConfigs of the tables, by name, as hex. */
    public static Map<String, String> audioConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        TsVectorsTest.audioConfigs().forEach(a -> configs.put((String) a.get()[0], (String) a.get()[1]));
        TsVectorsTest.badAudioConfigs().forEach(a -> configs.put("bad " + a.get()[0], (String) a.get()[1]));
        return configs;
    }
}
