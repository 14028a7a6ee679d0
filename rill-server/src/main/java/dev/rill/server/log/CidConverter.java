package dev.rill.server.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/** Prints the event's context id (the {@code cid} key-value pair), or 0 for process-wide lines. */
public final class CidConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair kv : pairs) {
                if (ContextLog.CID_KEY.equals(kv.key)) {
                    return String.valueOf(kv.value);
                }
            }
        }
        return "0";
    }
}
