package dev.rill.bench.micro;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

/** The allocators a benchmark can be run with, by the name its {@code alloc} parameter gives. */
final class Allocators {
    private Allocators() {
    }

    /**
     * {@code default}: {@link ByteBufAllocator#DEFAULT}, what the server's channels allocate with
     * (Netty 4.2's adaptive allocator unless {@code -Dio.netty.allocator.type} says otherwise).
     * {@code pooled-direct}: Netty's pooled direct allocator, which the server's live sources use.
     * {@code unpooled-heap}: plain heap arrays, so every buffer byte shows in {@code -prof gc}.
     */
    static ByteBufAllocator named(String name) {
        return switch (name) {
            case "default" -> ByteBufAllocator.DEFAULT;
            case "pooled-direct" -> new PooledByteBufAllocator(true);
            case "unpooled-heap" -> new UnpooledByteBufAllocator(false, true);
            default -> throw new IllegalArgumentException("unknown allocator " + name
                    + " (default, pooled-direct or unpooled-heap)");
        };
    }
}
