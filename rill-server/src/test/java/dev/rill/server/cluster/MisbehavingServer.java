package dev.rill.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP server on loopback that accepts connections and then says nothing, or answers garbage. */
final class MisbehavingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final boolean garbage;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    private MisbehavingServer(boolean garbage) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.garbage = garbage;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    static MisbehavingServer silent() throws IOException {
        return new MisbehavingServer(false);
    }

    static MisbehavingServer garbage() throws IOException {
        return new MisbehavingServer(true);
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                clients.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads and discards what the client sends; the garbage server first answers random bytes. */
    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            if (garbage) {
                byte[] junk = new byte[8192];
                new Random(accepted.get()).nextBytes(junk);
                out.write(junk);
                out.flush();
            }
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // Discard.
            }
        } catch (IOException e) {
            // The client went away; nothing to do.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket c : clients) {
            c.close();
        }
    }
}
