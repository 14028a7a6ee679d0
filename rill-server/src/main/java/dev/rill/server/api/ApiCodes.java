package dev.rill.server.api;

/** SRS's error codes the API answers with (srs_kernel_error.hpp). */
final class ApiCodes {
    static final int SUCCESS = 0;
    static final int CONFIG_RAW = 1060;
    static final int CONFIG_RAW_DISABLED = 1061;
    static final int VHOST_NOT_FOUND = 2014;
    /** SRS's ERROR_RTMP_ACCESS_DENIED, "Referer check failed and access denied". */
    static final int ACCESS_DENIED = 2015;
    static final int STREAM_NOT_FOUND = 2048;
    static final int CLIENT_NOT_FOUND = 2049;

    private ApiCodes() {
    }
}
