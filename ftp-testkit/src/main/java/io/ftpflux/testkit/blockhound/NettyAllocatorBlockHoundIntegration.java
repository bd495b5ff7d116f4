package io.ftpflux.testkit.blockhound;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the one blocking call Netty's own BlockHound integration misses: Netty 4.2's adaptive allocator takes a
 * magazine's write lock, briefly, when it retires the magazine while it grows (seen under contention between event
 * loops). Found by ftp-reactive's {@code DownloadFaultIT}; not ours to fix, and not a blocking call of the engine.
 *
 * <p>Loaded by {@code BlockHound.Builder.loadIntegrations()} through
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    /** Creates the integration; BlockHound calls this through the service loader. */
    public NettyAllocatorBlockHoundIntegration() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    }
}
