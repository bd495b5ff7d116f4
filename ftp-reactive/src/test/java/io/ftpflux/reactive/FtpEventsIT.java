package io.ftpflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.reactive.event.FtpEvent;
import io.ftpflux.reactive.event.FtpEvent.Stage;
import io.ftpflux.reactive.event.FtpEvent.Type;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/** The event listener hears paired start and end events for every step, and can never break a session. */
@Timeout(30)
class FtpEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    private final List<FtpEvent> events = new CopyOnWriteArrayList<>();

    private FtpClient client() {
        return EmbeddedClients.client(server).mutate().eventListener(events::add).build();
    }

    @Test
    void everyStepHasAStartAndExactlyOneEnd() {
        byte[] content = new byte[300_000];
        FtpClient client = client();
        client.withSession(session -> session.upload("events.bin", Flux.just(Unpooled.wrappedBuffer(content)))
                        .thenMany(session.download("events.bin").map(ByteBuf::readableBytes)))
                .blockLast(WAIT);

        assertPaired();
        assertThat(ended(Type.CONNECT)).singleElement().satisfies(e -> assertThat(e.stage()).isEqualTo(Stage.SUCCEEDED));
        assertThat(ended(Type.LOGIN)).singleElement().satisfies(e -> assertThat(e.subject()).isEqualTo(server.user()));
        assertThat(ended(Type.TRANSFER)).extracting(FtpEvent::subject, FtpEvent::bytes, FtpEvent::replyCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("STOR events.bin", (long) content.length, 226),
                        org.assertj.core.groups.Tuple.tuple("RETR events.bin", (long) content.length, 226));
        assertThat(ended(Type.DATA_CONNECTION)).hasSize(2).allSatisfy(e -> assertThat(e.stage()).isEqualTo(Stage.SUCCEEDED));
        assertThat(ended(Type.COMMAND)).extracting(FtpEvent::subject)
                .contains("USER " + server.user(), "PASS ****", "STOR events.bin", "RETR events.bin", "QUIT")
                .noneMatch(subject -> subject.contains(server.password()));
    }

    @Test
    void aRefusalEndsItsCommandWithTheCodeAndFailsItsTransfer() {
        FtpSession session = client().connect().block(WAIT);
        try {
            assertThatThrownBy(() -> session.download("missing.bin").blockLast(WAIT))
                    .isInstanceOf(FtpPermanentReplyException.class);
        } finally {
            session.close().block(WAIT);
        }
        assertPaired();
        assertThat(ended(Type.COMMAND)).filteredOn(e -> e.subject().equals("RETR missing.bin"))
                .singleElement().satisfies(e -> {
                    assertThat(e.stage()).isEqualTo(Stage.SUCCEEDED);
                    assertThat(e.replyCode()).isEqualTo(550);
                });
        assertThat(ended(Type.TRANSFER)).singleElement().satisfies(e -> {
            assertThat(e.stage()).isEqualTo(Stage.FAILED);
            assertThat(e.failure()).isInstanceOf(FtpPermanentReplyException.class);
        });
    }

    @Test
    void aListenerThatThrowsBreaksNothing() {
        FtpClient throwing = client().mutate().eventListener(event -> {
            throw new IllegalStateException("a broken listener");
        }).build();
        List<String> names = throwing.withSession(session -> session.makeDirectory("listener-dir")
                        .then(session.removeDirectory("listener-dir"))
                        .then(session.workingDirectory()).flux())
                .collectList().block(WAIT);
        assertThat(names).containsExactly("/");
    }

    private void assertPaired() {
        Map<String, Integer> open = new HashMap<>();
        for (FtpEvent event : events) {
            String key = event.type() + " " + event.subject();
            if (event.stage() == Stage.STARTED) {
                assertThat(event.elapsed()).isZero();
                open.merge(key, 1, Integer::sum);
            } else {
                assertThat(open.getOrDefault(key, 0)).as("an end without a start: %s", event).isPositive();
                open.merge(key, -1, Integer::sum);
            }
        }
        assertThat(open.values()).as("starts without an end").allMatch(count -> count == 0);
    }

    private List<FtpEvent> ended(Type type) {
        List<FtpEvent> ends = new ArrayList<>();
        for (FtpEvent event : events) {
            if (event.type() == type && event.stage() != Stage.STARTED) {
                ends.add(event);
            }
        }
        return ends;
    }
}
