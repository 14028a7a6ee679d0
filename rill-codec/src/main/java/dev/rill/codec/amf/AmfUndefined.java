package dev.rill.codec.amf;

/** The AMF undefined value (AMF0 0x06, AMF3 0x00), distinct from null. */
public enum AmfUndefined {
    INSTANCE
}
