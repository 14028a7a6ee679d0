package dev.rill.codec;

import io.netty.handler.codec.DecoderException;

/**
 * The one way Rill's codecs and server fail: an {@link ErrorCode} and a message that says what was
 * being done. Wrapping adds context ("decode connect: ...") without losing the code. Extends
 * {@link DecoderException} so a Netty decoder that throws it closes only its own connection.
 */
public class RillException extends DecoderException {
    private final ErrorCode code;

    public RillException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public RillException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** Wraps with what the caller was doing; keeps the innermost code. */
    public static RillException wrap(String context, Throwable cause) {
        if (cause instanceof RillException re) {
            return new RillException(re.code, context + ": " + re.getMessage(), re);
        }
        return new RillException(ErrorCode.SYSTEM_IO, context + ": " + cause, cause);
    }

    @Override
    public String toString() {
        return "code=" + code.code() + " (" + code.sentence() + "): " + getMessage();
    }
}
