package io.ftpflux.reactive.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/** A passive data connection, connected before the transfer command; closed on {@link #close()} unless taken. */
final class PassiveDataChannel implements DataChannel {

    private final Connection connection;
    private final AtomicBoolean taken = new AtomicBoolean();

    PassiveDataChannel(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Mono<Connection> connection() {
        return Mono.fromSupplier(() -> {
            taken.set(true);
            return connection;
        });
    }

    @Override
    public void close() {
        if (!taken.get()) {
            connection.dispose();
        }
    }
}
