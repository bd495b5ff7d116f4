package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpException;
import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.FtpTransientReplyException;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpTimeouts;
import io.ftpflux.testkit.fault.Fault;
import io.ftpflux.testkit.fault.FaultServer;
import io.ftpflux.testkit.fault.FaultServerExtension;
import io.ftpflux.testkit.fault.RepeatingContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blocking facade against a misbehaving server: timeouts, interrupts, streams closed early, refusals before and
 * after an upload's data (RFC 959 §4.1.3, §5.4). Each failure must be the {@code io.ftpflux.core} type the reactive
 * API signals, and must leave the session usable wherever the reactive one stays usable.
 */
@Timeout(30)
class BlockingFaultIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final RepeatingContent BIG = RepeatingContent.cycling(16L * 1024 * 1024);
    private static final RepeatingContent HUGE = RepeatingContent.cycling(64L * 1024 * 1024);
    private static final RepeatingContent SMALL = RepeatingContent.cycling(200_000);

    @RegisterExtension
    final FaultServerExtension ftp = new FaultServerExtension();

    private BlockingFtpSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    private BlockingFtpClient client() {
        FaultServer server = ftp.server();
        server.fileSystem().putFile("/big.bin", BIG);
        server.fileSystem().putFile("/small.bin", SMALL);
        server.fileSystem().putFile("/huge.bin", HUGE);
        return BlockingFtpClient.of(FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of("test", "test"))
                .timeouts(FtpTimeouts.of(WAIT))
                .build());
    }

    private BlockingFtpSession open() {
        session = client().connect();
        return session;
    }

    @Test
    void aCallThatOutlastsTheDefaultTimeoutThrowsAnOperationTimeoutAndTheSessionRecovers() {
        ftp.server().onCommand("NOOP", 1, Fault.delayReply(Duration.ofMillis(1500)));
        session = client().withDefaultTimeout(Duration.ofMillis(300)).connect();

        long start = System.nanoTime();
        assertThatThrownBy(session::noop)
                .isInstanceOfSatisfying(FtpTimeoutException.class, timeout -> {
                    assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.OPERATION);
                    assertThat(timeout.getMessage()).contains("NOOP");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));

        // The cancelled NOOP's late reply is consumed before the next conversation: nothing is out of step.
        assertThat(session.reactive().size("/small.bin").block(WAIT)).isEqualTo(SMALL.size());
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void anInterruptCancelsTheCallAndKeepsTheInterruptFlag() throws Exception {
        ftp.server().onCommand("NOOP", 1, Fault.delayReply(Duration.ofMillis(1500)));
        open();
        Thread caller = Thread.currentThread();
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(caller::interrupt);

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(session::noop);
        boolean interruptFlag = Thread.interrupted();   // reads and clears it, for the rest of the test

        assertThat(thrown).isExactlyInstanceOf(FtpException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(interruptFlag).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
        assertThat(session.workingDirectory()).isEqualTo("/");
    }

    @Test
    void anInterruptedReadCancelsTheDownload() throws Exception {
        ftp.server().onCommand("RETR", Fault.throttle(100_000));
        open();
        try (InputStream in = session.openInputStream("/big.bin")) {
            Thread caller = Thread.currentThread();
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(caller::interrupt);

            Throwable thrown = catchThrowable(() -> in.transferTo(OutputStream.nullOutputStream()));
            boolean interruptFlag = Thread.interrupted();

            assertThat(thrown).isExactlyInstanceOf(FtpException.class).hasCauseInstanceOf(InterruptedException.class);
            assertThat(interruptFlag).isTrue();
        }
        assertThat(session.size("/small.bin")).isEqualTo(SMALL.size());
    }

    @Test
    void aReadThatWaitsLongerThanTheDefaultTimeoutThrowsAnOperationTimeout() throws Exception {
        ftp.server().onCommand("RETR", Fault.stallDataAfter(100_000));
        session = client().withDefaultTimeout(Duration.ofMillis(400)).connect();

        try (InputStream in = session.openInputStream("/big.bin")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(FtpTimeoutException.class,
                            timeout -> assertThat(timeout.phase()).isEqualTo(FtpTimeoutException.Phase.OPERATION));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        }

        // The server never ends the cancelled RETR, so QUIT waits behind it longer than the 400 ms of a blocking
        // call; the close goes on until the client's reply timeout ends the RETR, then the connection closes.
        BlockingFtpSession closing = session;
        session = null;
        assertThatThrownBy(closing::close).isInstanceOf(FtpTimeoutException.class).hasMessageContaining("QUIT");
        long deadline = System.nanoTime() + WAIT.multipliedBy(2).toNanos();
        while (closing.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(closing.isOpen()).isFalse();
    }

    @Test
    void anInterruptedWriteResetsTheUploadAndKeepsTheSession() throws Exception {
        ftp.server().onCommand("STOR", Fault.throttle(50_000));
        open();
        byte[] chunk = new byte[64 * 1024];
        Throwable thrown;
        try (OutputStream out = session.openOutputStream("/slow.bin")) {
            Thread caller = Thread.currentThread();
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(caller::interrupt);
            thrown = catchThrowable(() -> {
                for (int i = 0; i < 1000; i++) {   // far more than socket buffers hold at 50 kB/s
                    out.write(chunk);
                }
            });
        }   // close() after the failed write throws nothing more
        boolean interruptFlag = Thread.interrupted();

        assertThat(thrown).isExactlyInstanceOf(FtpException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(interruptFlag).isTrue();
        assertThat(session.size("/small.bin")).isEqualTo(SMALL.size());
    }

    @Test
    void readsAWholeDownloadThroughTheInputStream() throws IOException {
        open();
        CRC32 crc = new CRC32();
        long bytes = 0;
        byte[] chunk = new byte[8192];
        try (InputStream in = session.openInputStream("/big.bin")) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                crc.update(chunk, 0, n);
                bytes += n;
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(bytes).isEqualTo(BIG.size());
        assertThat(crc.getValue()).isEqualTo(BIG.crc32());
    }

    @Test
    void closingADownloadMidwayAbortsItAndKeepsTheSession() throws IOException {
        open();
        byte[] head = new byte[100_000];
        try (InputStream in = session.openInputStream("/huge.bin")) {
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
        }

        assertThat(head[99_999]).isEqualTo(HUGE.byteAt(99_999));
        // Socket buffers on both ends and the server's own queue hold some megabytes; the rest was never sent.
        assertThat(ftp.server().dataBytesProduced()).isLessThan(HUGE.size() / 3);
        assertThat(session.isOpen()).isTrue();
        assertThat(session.size("/small.bin")).isEqualTo(SMALL.size());
    }

    @Test
    void aSlowReaderHoldsTheServerBack() throws Exception {
        open();
        try (InputStream in = session.openInputStream("/huge.bin")) {
            in.readNBytes(1024 * 1024);
            Thread.sleep(500);   // the server may fill socket buffers and the few buffers requested ahead, no more
            long ahead = ftp.server().dataBytesProduced() - 1024 * 1024;

            assertThat(ahead).isLessThan(HUGE.size() / 3);
        }
    }

    @Test
    void aRefusedDownloadThrowsWhenOpened() {
        open();

        assertThatThrownBy(() -> session.openInputStream("/missing.bin"))
                .isInstanceOfSatisfying(FtpPermanentReplyException.class,
                        refused -> assertThat(refused.reply().code().value()).isEqualTo(550));
        assertThat(session.size("/small.bin")).isEqualTo(SMALL.size());
    }

    @Test
    void aNegativeReplyAfterTheDataIsThrownByTheRead() throws IOException {
        ftp.server().onCommand("RETR", Fault.finalReply("451 Local error in processing.\r\n"),
                Fault.delayFinalReply(Duration.ofMillis(300)));
        open();

        try (InputStream in = session.openInputStream("/small.bin")) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(FtpTransientReplyException.class,
                            refused -> assertThat(refused.reply().code().value()).isEqualTo(451));
        }   // close() does not throw the failure a second time
        session.noop();
    }

    @Test
    void aNegativeReplyAfterTheDataIsThrownByCloseWhenNoReadSawIt() throws Exception {
        ftp.server().fileSystem().putFile("/tiny.bin", new byte[] {1, 2, 3});
        ftp.server().onCommand("RETR", Fault.finalReply("451 Local error in processing.\r\n"),
                Fault.delayFinalReply(Duration.ofMillis(300)));
        open();
        InputStream in = session.openInputStream("/tiny.bin");
        assertThat(in.read()).isEqualTo(1);
        Thread.sleep(1000);   // the rest and the 451 arrive meanwhile (loopback), and no read takes them

        assertThatThrownBy(in::close).isInstanceOf(FtpTransientReplyException.class).hasMessageContaining("451");
        session.noop();
    }

    @Test
    void aRefusedListingStreamThrowsFromItsTerminalOperation() {
        ftp.server().onCommand("MLSD", Fault.reply("550 No such directory.\r\n"));
        open();

        try (Stream<FtpEntry> entries = session.listStream("/nowhere")) {
            assertThatThrownBy(entries::toList).isInstanceOfSatisfying(FtpPermanentReplyException.class,
                    refused -> assertThat(refused.reply().code().value()).isEqualTo(550));
        }
        session.noop();
    }

    @Test
    void anUploadTheServerRefusesAfterTheDataThrowsOnClose() throws IOException {
        ftp.server().onCommand("STOR", Fault.finalReply("552 Exceeded storage allocation.\r\n"));
        open();
        OutputStream out = session.openOutputStream("/up.bin");
        out.write(new byte[300_000]);

        assertThatThrownBy(out::close)
                .isInstanceOfSatisfying(FtpPermanentReplyException.class,
                        refused -> assertThat(refused.reply().code().value()).isEqualTo(552));
        out.close();   // closing again does nothing
        session.noop();
    }

    @Test
    void anUploadTheServerRefusesUpFrontThrowsWhenOpened() {
        ftp.server().onCommand("STOR", Fault.reply("550 Permission denied.\r\n"));
        open();

        assertThatThrownBy(() -> session.openOutputStream("/up.bin"))
                .isInstanceOfSatisfying(FtpPermanentReplyException.class,
                        refused -> assertThat(refused.reply().code().value()).isEqualTo(550));
        session.noop();
    }

    @Test
    void anUploadStreamDeliversEveryByte() throws IOException {
        open();
        byte[] content = SMALL.toByteArray();
        try (OutputStream out = session.openOutputStream("/up.bin")) {
            out.write(content[0]);
            out.write(content, 1, 99_999);
            out.flush();
            out.write(content, 100_000, content.length - 100_000);
        }

        assertThat(ftp.server().fileSystem().readFile("/up.bin")).hasValueSatisfying(
                stored -> assertThat(stored).isEqualTo(content));
    }

    @Test
    void closingTheSessionAbandonsAStreamLeftOpen() {
        open();
        InputStream forgotten = session.openInputStream("/big.bin");

        long start = System.nanoTime();
        session.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        assertThat(session.isOpen()).isFalse();
        assertThatThrownBy(forgotten::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void anUploadFromAFailingInputResetsTheTransferAndThrowsItsException() {
        open();
        IOException broken = new IOException("disk on fire");
        InputStream failing = new InputStream() {
            private int left = 200_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw broken;
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> session.upload("/up.bin", failing)).isSameAs(broken);
        assertThat(session.size("/small.bin")).isEqualTo(SMALL.size());
    }

    private static Throwable catchThrowable(ThrowingCall call) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try {
            call.run();
        } catch (Throwable t) {
            thrown.set(t);
        }
        return thrown.get();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
