package io.ftpflux.reactive;

import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.ReceivedCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the fault-server tests share: a client for the server, byte counting, and the server's command log. */
final class FaultClients {

    /** How long a test waits for anything that should happen at once. */
    static final Duration WAIT = Duration.ofSeconds(5);

    /** The commands of the login sequence, to tell them from what a test sends. */
    private static final Set<String> SESSION_SETUP = Set.of("USER", "PASS", "FEAT", "OPTS", "TYPE");

    private FaultClients() {
    }

    /** A client for the fault server's default user, with short timeouts on every phase. */
    static FtpClient client(FaultServer server) {
        return FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of("test", "test"))
                .timeouts(FtpTimeouts.of(WAIT))
                .build();
    }

    static FtpSession connect(FtpClient client) {
        FtpSession session = client.connect().block(WAIT);
        if (session == null) {
            throw new AssertionError("connect() completed without a session");
        }
        return session;
    }

    /** Closes a session a test may already have seen fail; never fails itself. */
    static void closeQuietly(FtpSession session) {
        if (session != null) {
            session.close().onErrorResume(error -> Mono.empty()).block(WAIT);
        }
    }

    /** The commands after the login sequence, as verb and argument. */
    static List<String> commandsAfterLogin(FaultServer server) {
        return server.commands().stream()
                .filter(command -> !SESSION_SETUP.contains(command.verb()))
                .map(FaultClients::line)
                .toList();
    }

    static String line(ReceivedCommand command) {
        return command.argument().isEmpty() ? command.verb() : command.verb() + " " + command.argument();
    }

    /** Totals the bytes and their CRC-32 while the buffers are borrowed; never keeps one. */
    static Mono<Tally> tally(Flux<ByteBuf> data) {
        return data.reduceWith(Tally::new, Tally::add);
    }

    /** A byte count and a CRC-32 over the bytes, for one stream. */
    static final class Tally {
        private final CRC32 crc = new CRC32();
        private long bytes;

        Tally add(ByteBuf buf) {
            crc.update(buf.nioBuffer());
            bytes += buf.readableBytes();
            return this;
        }

        long bytes() {
            return bytes;
        }

        long crc32() {
            return crc.getValue();
        }
    }

    /** The content in buffers of {@code chunk} bytes, each a fresh heap buffer the engine releases. */
    static Flux<ByteBuf> chunks(byte[] content, int chunk) {
        return Flux.range(0, (content.length + chunk - 1) / chunk)
                .map(i -> Unpooled.copiedBuffer(content, i * chunk, Math.min(chunk, content.length - i * chunk)));
    }
}
