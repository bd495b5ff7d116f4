package io.ftpflux.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpTimeouts;
import io.ftpflux.testkit.ftpserver.EmbeddedFtpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions on virtual threads (JDK 21 and later): every wait of the facade parks instead of holding a monitor, so a
 * waiting virtual thread never pins its carrier. JFR's {@code jdk.VirtualThreadPinned} event, recorded with no
 * threshold after a warm-up, must name no frame of ftpflux. The module compiles for Java 17, so virtual threads are created
 * through a method handle.
 */
@Timeout(60)
class BlockingVirtualThreadIT {

    private static final int SESSIONS = 8;
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java", "io", "ftpflux", "blocking");

    @RegisterExtension
    static final EmbeddedFtpServer server = EmbeddedFtpServer.plain();

    @TempDir
    Path recordings;

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void sessionsOnVirtualThreadsNeverPinTheirCarriersInThisModule() throws Throwable {
        BlockingFtpClient client = BlockingFtpClient.of(FtpClient.builder()
                .host(server.host())
                .port(server.port())
                .credentials(FtpCredentials.of(server.user(), server.password()))
                .timeouts(FtpTimeouts.of(Duration.ofSeconds(10)))
                .build());
        MethodHandle isVirtual = MethodHandles.publicLookup()
                .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        List<RecordedEvent> pinned;
        List<Boolean> ranVirtual = new ArrayList<>();
        // Class initialisation holds the JVM's init lock, which pins a virtual thread that waits for another one's
        // initialisation: a one-time effect of first use, not a monitor of ours. Warm up first.
        roundTrip(client, -1);

        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            ExecutorService virtualThreads = virtualThreadPerTaskExecutor();
            try {
                List<Future<Boolean>> sessions = new ArrayList<>();
                for (int i = 0; i < SESSIONS; i++) {
                    int index = i;
                    sessions.add(virtualThreads.submit(() -> {
                        roundTrip(client, index);
                        return isVirtual(isVirtual, Thread.currentThread());
                    }));
                }
                for (Future<Boolean> session : sessions) {
                    ranVirtual.add(session.get(50, TimeUnit.SECONDS));
                }
            } finally {
                virtualThreads.shutdownNow();   // ExecutorService is AutoCloseable only from JDK 19
            }
            recording.stop();
            Path dump = recordings.resolve("pinning.jfr");
            recording.dump(dump);
            pinned = RecordingFile.readAllEvents(dump);
        }

        assertThat(ranVirtual).hasSize(SESSIONS).containsOnly(true);
        assertThat(pinned).as("virtual threads pinned in ftpflux code")
                .noneSatisfy(event -> assertThat(frames(event)).anyMatch(frame -> frame.startsWith("io.ftpflux.")
                        && !frame.startsWith(BlockingVirtualThreadIT.class.getName())));
    }

    @Test
    void theModuleHoldsNoMonitorThatAWaitCouldPin() throws IOException {
        List<Path> withMonitors;
        try (Stream<Path> sources = Files.list(MAIN_SOURCES)) {
            withMonitors = sources.filter(source -> read(source).contains("synchronized")).toList();
        }

        assertThat(withMonitors).as("main sources using synchronized (a virtual thread would pin)").isEmpty();
    }

    /** One session's worth of work: upload, stream download, stream listing, close. */
    private static void roundTrip(BlockingFtpClient client, int index) throws IOException {
        byte[] content = new byte[512 * 1024];
        new Random(index).nextBytes(content);
        String path = "/virtual-" + index + ".bin";
        client.withSession(session -> {
            session.upload(path, new ByteArrayInputStream(content));
            byte[] back;
            try (InputStream in = session.openInputStream(path)) {
                back = in.readAllBytes();
            }
            assertThat(back).isEqualTo(content);
            try (OutputStream out = session.openOutputStream(path + ".copy")) {
                out.write(back);
            }
            try (Stream<FtpEntry> entries = session.listStream("/")) {
                assertThat(entries.map(FtpEntry::name)).contains(path.substring(1));
            }
            return null;
        });
    }

    private static boolean isVirtual(MethodHandle isVirtual, Thread thread) {
        try {
            return (boolean) isVirtual.invoke(thread);
        } catch (Throwable unexpected) {
            throw new AssertionError("Thread.isVirtual() failed", unexpected);
        }
    }

    private static ExecutorService virtualThreadPerTaskExecutor() throws Throwable {
        return (ExecutorService) MethodHandles.publicLookup()
                .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                .invoke();
    }

    private static List<String> frames(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return List.of();
        }
        return event.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .map(method -> method.getType().getName() + "." + method.getName())
                .toList();
    }

    private static String read(Path source) {
        try {
            return Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
