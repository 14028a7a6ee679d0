package dev.rill.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy on loopback to one server. {@link #freeze()} stops it passing bytes either way while
 * every connection stays open, as a hung server or a black-holed path would: what it reads after
 * that is held, and it soon stops reading, so TCP backs up behind it.
 */
final class FreezingProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final InetSocketAddress target;
    private final CountDownLatch thawed = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

    private FreezingProxy(InetSocketAddress target) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    static FreezingProxy to(InetSocketAddress target) throws IOException {
        return new FreezingProxy(target);
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    void freeze() {
        frozen = true;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(client);
            try {
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) >= 0 && !frozen) {
                out.write(buf, 0, n);
            }
            // Frozen, even by an end of stream: nothing, not even a close, passes until the proxy closes.
            if (frozen) {
                thawed.await();
            }
        } catch (IOException e) {
            // One side went away; the other is closed with the proxy.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        thawed.countDown();
        socket.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
