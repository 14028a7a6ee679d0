package dev.rill.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A blocking socket that sends raw HTTP requests, to send a server exactly what a test needs. */
public final class RawHttpSocket implements AutoCloseable {
    private final Socket socket;

    private RawHttpSocket(Socket socket) {
        this.socket = socket;
    }

    public static RawHttpSocket connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket(server.getAddress(), server.getPort());
        s.setSoTimeout(5000);
        return new RawHttpSocket(s);
    }

    /** A socket with a tiny receive buffer, for a client that never reads. */
    public static RawHttpSocket connectTiny(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(server, 5000);
        s.setSoTimeout(5000);
        return new RawHttpSocket(s);
    }

    public RawHttpSocket send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one response: the headers, then Content-Length bytes of body (none when absent). */
    public String readResponse() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
            out.write(b);
            String text = out.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                int length = 0;
                for (String line : text.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** Reads the headers of one response only. */
    public String readHeaders() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closes the connection (reading and discarding what comes first). */
    public boolean closedByServer() throws IOException {
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
