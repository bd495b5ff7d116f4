package io.ftpflux.benchmarks;

import io.ftpflux.core.reply.ReplyAssembler;
import io.ftpflux.core.reply.ReplyLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.io.CRLFLineReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reply assembly (RFC 959 §4.2) of a busy control connection's bytes, no network: ftpflux's
 * {@link ReplyAssembler} against the reply reader of Apache Commons Net's {@link FTP}, side by side.
 *
 * <p>One operation reads the whole {@link ControlStreams#session(int) stream}, all its replies, multi-line
 * FEAT, STAT and 226 replies included. Both sides decode UTF-8 and keep each reply's lines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplyParsingBenchmark {

    /** Rounds of CWD, SIZE, MDTM, passive transfer and DELE in the stream (8 replies each). */
    @Param("1000")
    public int rounds;

    private ControlStreams.ControlStream stream = ControlStreams.session(0);

    /**
     * Builds the stream and checks that both readers find every reply in it.
     *
     * @throws IOException never: the stream is in memory
     */
    @Setup(Level.Trial)
    public void buildStream() throws IOException {
        stream = ControlStreams.session(rounds);
        requireReplies("ftpflux", assembleWithFtpflux(reply -> { }));
        requireReplies("Commons Net", readWithCommonsNet(reply -> { }));
    }

    /**
     * Assembles the stream with ftpflux's reply assembler, fed the whole stream at once.
     *
     * @param sink consumes each reply
     * @return the number of replies
     */
    @Benchmark
    public int ftpflux(Blackhole sink) {
        return assembleWithFtpflux(sink::consume);
    }

    /**
     * Reads the stream with Commons Net's reply reader, over the same reader stack its FTP class builds on a
     * socket, until QUIT's 221 reply.
     *
     * @param sink consumes each reply's text
     * @return the number of replies
     * @throws IOException never: the stream is in memory
     */
    @Benchmark
    public int commonsNet(Blackhole sink) throws IOException {
        return readWithCommonsNet(sink::consume);
    }

    private int assembleWithFtpflux(Consumer<Object> sink) {
        int[] replies = {0};
        new ReplyAssembler(ReplyLimits.defaults(), StandardCharsets.UTF_8).feed(ByteBuffer.wrap(stream.bytes()), reply -> {
            sink.accept(reply);
            replies[0]++;
        });
        return replies[0];
    }

    private int readWithCommonsNet(Consumer<Object> sink) throws IOException {
        return new CommonsNetReplyReader(stream.bytes()).readUntilGoodbye(sink);
    }

    private void requireReplies(String who, int replies) {
        if (replies != stream.replies()) {
            throw new IllegalStateException(who + " read " + replies + " replies, the stream holds " + stream.replies());
        }
    }

    /** Commons Net's reply reader on an in-memory control stream, set up as {@code FTP._connectAction_} does. */
    private static final class CommonsNetReplyReader extends FTP {

        CommonsNetReplyReader(byte[] stream) {
            _controlInput_ = new CRLFLineReader(new InputStreamReader(new ByteArrayInputStream(stream),
                    StandardCharsets.UTF_8));
        }

        /** Reads replies as FTP.getReply does for each command, through the 221 that answers QUIT. */
        int readUntilGoodbye(Consumer<Object> sink) throws IOException {
            int replies = 0;
            int code;
            do {
                code = getReply();
                // getReply already built the reply string for its listeners; this returns that string.
                sink.accept(getReplyString());
                replies++;
            } while (code != FTPReply.SERVICE_CLOSING_CONTROL_CONNECTION);
            return replies;
        }
    }
}
