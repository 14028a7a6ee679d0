package dev.rill.server.testing;

import dev.rill.codec.amf.Amf0;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** A blocking socket that speaks raw RTMP bytes, to send a server what no real client would. */
public final class RawRtmpSocket implements AutoCloseable {
    private final Socket socket;

    private RawRtmpSocket(Socket socket) {
        this.socket = socket;
    }

    public static RawRtmpSocket connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, 5000);
        s.setTcpNoDelay(true);
        return new RawRtmpSocket(s);
    }

    /** A socket with a tiny receive buffer, for a client that never reads. */
    public static RawRtmpSocket connectTiny(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(server, 5000);
        s.setTcpNoDelay(true);
        return new RawRtmpSocket(s);
    }

    /**
     * connect, createStream and play of {@code app}/{@code stream} at the default chunk size, with
     * no reading afterwards: a player that stalls.
     */
    public RawRtmpSocket playWithoutReading(String tcUrl, String stream) throws IOException {
        write(chunked(3, 20, 0, amf0("connect", 1.0, dev.rill.codec.amf.AmfObject.of("app", "live", "tcUrl", tcUrl)), 128));
        write(chunked(3, 20, 0, amf0("createStream", 2.0, null), 128));
        write(chunked(8, 20, 1, amf0("play", 3.0, null, stream), 128));
        return this;
    }

    /** The simple handshake: C0 C1 with a zero version, then C2 echoing S1. */
    public RawRtmpSocket simpleHandshake() throws IOException {
        byte[] c0c1 = new byte[1537];
        c0c1[0] = 3;
        write(c0c1);
        byte[] s0s1s2 = new byte[3073];
        socket.setSoTimeout(5000);
        new DataInputStream(socket.getInputStream()).readFully(s0s1s2);
        byte[] c2 = new byte[1536];
        System.arraycopy(s0s1s2, 1, c2, 0, 1536);
        write(c2);
        return this;
    }

    /** The client-side port, which the server logs with the connection's cid. */
    public int localPort() {
        return socket.getLocalPort();
    }

    public RawRtmpSocket write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** True when the server closes the connection within {@code timeout} (reading and discarding). */
    public boolean awaitClosedByServer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // keep waiting until the deadline
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads until {@code text} (as ASCII, e.g. an AMF string such as "_result") has been received
     * {@code times} times; false when the deadline or the end of the stream comes first.
     */
    public boolean awaitReceived(String text, int times, Duration timeout) throws IOException {
        byte[] wanted = text.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] chunk = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                int n = socket.getInputStream().read(chunk);
                if (n < 0) {
                    return false;
                }
                seen.write(chunk, 0, n);
            } catch (SocketTimeoutException e) {
                // keep reading until the deadline
            }
            if (occurrences(seen.toByteArray(), wanted) >= times) {
                return true;
            }
        }
        return false;
    }

    private static int occurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                count++;
            }
        }
        return count;
    }

    /** Closes with SO_LINGER 0: the server gets a reset, and its next write to this socket fails. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** {@code values} as AMF0, e.g. a command's name, transaction id and arguments. */
    public static byte[] amf0(Object... values) {
        ByteBuf buf = Unpooled.buffer();
        try {
            Amf0.writeAll(buf, values);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /**
     * One RTMP message as chunks: a fmt-0 first chunk and fmt-3 continuations, at {@code chunkSize}.
     * Only for csid 2..63 and timestamps under 0xFFFFFF, which is all tests need.
     */
    public static byte[] chunked(int csid, int typeId, int streamId, byte[] payload, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(csid);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(typeId);
        out.write(streamId);
        out.write(streamId >>> 8);
        out.write(streamId >>> 16);
        out.write(streamId >>> 24);
        for (int off = 0; off < payload.length; off += chunkSize) {
            if (off > 0) {
                out.write(0xC0 | csid);
            }
            out.write(payload, off, Math.min(chunkSize, payload.length - off));
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
