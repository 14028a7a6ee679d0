package dev.rill.codec.amf;

import java.util.List;

/** An AMF3 object's traits (AMF3 spec 3.12): class name ("" when anonymous), sealed member names. */
record Amf3Traits(String className, boolean dynamic, List<String> sealedNames) {
}
