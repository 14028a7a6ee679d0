package dev.rill.server.http.files;

import dev.rill.server.http.HttpListener;
import dev.rill.server.http.HttpResponses;
import dev.rill.server.http.HttpRoute;
import dev.rill.server.log.ContextLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;

/**
 * Serves the files under one directory at one URL prefix: GET and HEAD, single-range requests
 * (206, 416), {@code index.html} for a directory, keep-alive, CORS when asked. A path never
 * escapes the directory: traversal and encoded separators are refused by {@link SafePath}, and a
 * file whose real path (symbolic links followed) lies outside is answered 403. Opening and
 * checking the file runs on {@code blocking} (virtual threads); the bytes go out on the event loop
 * as a zero-copy {@link DefaultFileRegion}.
 */
public final class StaticFileRoute implements HttpRoute {
    private static final String INDEX = "index.html";

    private final String prefix;
    private final Path root;
    private final boolean crossdomain;
    private final Executor blocking;

    /**
     * @param prefix      URL path prefix, starting and ending with '/' (e.g. "/" or "/hls/")
     * @param dir         the directory served
     * @param crossdomain add CORS headers
     * @param blocking    where file system calls run
     */
    public StaticFileRoute(String prefix, Path dir, boolean crossdomain, Executor blocking) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("URL prefix must start and end with '/': " + prefix);
        }
        this.prefix = prefix;
        this.root = dir.toAbsolutePath().normalize();
        this.crossdomain = crossdomain;
        this.blocking = blocking;
    }

    @Override
    public boolean matches(FullHttpRequest request) {
        HttpMethod m = request.method();
        return (m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD) || m.equals(HttpMethod.OPTIONS))
                && rawPath(request.uri()).startsWith(prefix);
    }

    @Override
    public void serve(ChannelHandlerContext ctx, FullHttpRequest req) {
        Request r = new Request(HttpUtil.isKeepAlive(req), req.method().equals(HttpMethod.HEAD),
                req.headers().get(HttpHeaderNames.RANGE));
        if (req.method().equals(HttpMethod.OPTIONS)) {
            sendFull(ctx, r, HttpResponses.text(HttpResponseStatus.OK, ""));
            return;
        }
        Path file;
        try {
            file = SafePath.resolve(root, rawPath(req.uri()).substring(prefix.length() - 1));
        } catch (SafePath.Refused e) {
            refuse(ctx, r, HttpResponseStatus.valueOf(e.status()), req.uri() + ": " + e.getMessage());
            return;
        }
        blocking.execute(() -> open(ctx, r, file, req.uri()));
    }

    private record Request(boolean keepAlive, boolean head, String range) {
    }

    /** On a virtual thread: find, check and open the file, then hand it to the event loop. */
    private void open(ChannelHandlerContext ctx, Request r, Path requested, String uri) {
        try {
            Path file = Files.isDirectory(requested) ? requested.resolve(INDEX) : requested;
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                ctx.executor().execute(() -> refuse(ctx, r, HttpResponseStatus.FORBIDDEN, uri + ": links out of the root"));
                return;
            }
            if (!Files.isRegularFile(real)) {
                ctx.executor().execute(() -> refuse(ctx, r, HttpResponseStatus.NOT_FOUND, uri + ": not a file"));
                return;
            }
            FileChannel channel = FileChannel.open(real, StandardOpenOption.READ);
            long length = channel.size();
            ctx.executor().execute(() -> send(ctx, r, file.getFileName().toString(), channel, length));
        } catch (NoSuchFileException e) {
            ctx.executor().execute(() -> refuse(ctx, r, HttpResponseStatus.NOT_FOUND, uri + ": no such file"));
        } catch (IOException | SecurityException e) {
            ctx.executor().execute(() -> refuse(ctx, r, HttpResponseStatus.FORBIDDEN, uri + ": " + e));
        }
    }

    private void send(ChannelHandlerContext ctx, Request r, String name, FileChannel file, long length) {
        ByteRange range = ByteRange.parse(r.range(), length);
        if (range == ByteRange.UNSATISFIABLE) {
            closeQuietly(file);
            FullHttpResponse res = HttpResponses.text(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "");
            res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + length);
            sendFull(ctx, r, res);
            return;
        }
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                range == null ? HttpResponseStatus.OK : HttpResponseStatus.PARTIAL_CONTENT);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, MimeTypes.of(name));
        res.headers().set(HttpHeaderNames.SERVER, "Rill");
        res.headers().set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        long first = range == null ? 0 : range.first();
        long count = range == null ? length : range.length();
        HttpUtil.setContentLength(res, count);
        if (range != null) {
            res.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + length);
        }
        if (crossdomain) {
            HttpResponses.allowCrossDomain(res);
        }
        res.headers().set(HttpHeaderNames.CONNECTION, r.keepAlive() ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        if (!ctx.channel().isActive()) {
            closeQuietly(file);
            return;
        }
        ctx.write(res);
        if (r.head() || count == 0) {
            closeQuietly(file);
        } else {
            ctx.write(new DefaultFileRegion(file, first, count));
        }
        var done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!r.keepAlive()) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void refuse(ChannelHandlerContext ctx, Request r, HttpResponseStatus status, String why) {
        ContextLog.of(StaticFileRoute.class, HttpListener.cid(ctx)).trace("static {} {}: {}",
                ctx.channel().remoteAddress(), status.code(), why);
        sendFull(ctx, r, HttpResponses.text(status, status.code() + " " + status.reasonPhrase() + "\n"));
    }

    private void sendFull(ChannelHandlerContext ctx, Request r, FullHttpResponse res) {
        if (crossdomain) {
            HttpResponses.allowCrossDomain(res);
        }
        if (r.head()) {
            res.content().clear();
        }
        if (r.keepAlive() && res.status().code() < 400) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The path of a request target, without query or fragment. */
    static String rawPath(String uri) {
        int end = uri.length();
        int q = uri.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int h = uri.indexOf('#');
        if (h >= 0 && h < end) {
            end = h;
        }
        return uri.substring(0, end);
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // Read-only file: closing cannot lose data.
        }
    }
}
