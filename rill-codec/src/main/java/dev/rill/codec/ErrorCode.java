package dev.rill.codec;

/**
 * Error codes by domain, in the spirit of SRS's error table: 1xxx system and limits, 2xxx RTMP
 * protocol, 3xxx AMF, 4xxx config, 5xxx media formats. The code is what logs and the API report.
 */
public enum ErrorCode {
    SYSTEM_IO(1000, "i/o failure"),
    LIMIT_EXCEEDED(1001, "a configured limit was exceeded"),
    TIMEOUT(1002, "timed out"),

    HANDSHAKE_INVALID(2000, "invalid RTMP handshake"),
    CHUNK_INVALID(2001, "invalid RTMP chunk"),
    CHUNK_SIZE_INVALID(2002, "invalid RTMP chunk size"),
    MESSAGE_TOO_LARGE(2003, "RTMP message larger than the limit"),
    TOO_MANY_CHUNK_STREAMS(2004, "too many RTMP chunk streams"),
    MESSAGE_INVALID(2005, "invalid RTMP message"),
    COMMAND_INVALID(2006, "invalid RTMP command"),
    TCURL_INVALID(2007, "invalid tcUrl or stream name"),

    AMF_INVALID(3000, "invalid AMF data"),
    AMF_TOO_DEEP(3001, "AMF nesting deeper than the limit"),
    AMF_TOO_LARGE(3002, "AMF value larger than the limit"),

    CONFIG_INVALID(4000, "invalid config"),

    MEDIA_INVALID(5000, "invalid media data");

    private final int code;
    private final String sentence;

    ErrorCode(int code, String sentence) {
        this.code = code;
        this.sentence = sentence;
    }

    public int code() {
        return code;
    }

    public String sentence() {
        return sentence;
    }
}
