package dev.rill.codec.amf;

/**
 * An AMF date (AMF0 spec 2.13, AMF3 spec 3.8): milliseconds since the Unix epoch in UTC. The time
 * zone is AMF0's reserved S16 field, which encoders should send as 0; AMF3 dates carry none and read
 * as 0.
 */
public record AmfDate(double epochMillis, int timezoneMinutes) {
}
