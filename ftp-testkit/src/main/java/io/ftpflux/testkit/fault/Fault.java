package io.ftpflux.testkit.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A deliberate deviation from a correct FTP server (RFC 959), attached to a command or to the greeting.
 *
 * <p>Faults are values: attach any number of them with {@link FaultServer#onCommand(String, Fault...)} or
 * {@link FaultServer#onConnect(Fault.Control...)}, and they compose. A throttled data connection with a late
 * final reply is {@code throttle(1024)} plus {@code delayFinalReply(Duration.ofSeconds(2))}. When two faults of
 * the same kind apply to one command, the one attached last wins; among {@link StallData}, {@link CloseData}
 * and {@link ResetData}, the one with the smallest byte count wins.
 *
 * <p>Three families, each checked where a fault is attached:
 * <ul>
 *   <li>{@link Control} faults act on the control connection and apply to any command and to the greeting;</li>
 *   <li>{@link Passive} faults apply to PASV and EPSV (RFC 959 §4.1.2, RFC 2428 §3);</li>
 *   <li>{@link Transfer} faults apply to the commands that use a data connection: RETR, LIST, NLST, MLSD
 *       (downloads) and STOR, APPE (uploads), RFC 959 §3.2–3.3.</li>
 * </ul>
 */
public sealed interface Fault {

    /** A fault on the control connection, valid for every command and for the greeting (RFC 959 §4.2). */
    sealed interface Control extends Fault {
    }

    /** A fault in how the server announces and runs its passive listener (RFC 959 §4.1.2 PASV, RFC 2428 §3 EPSV). */
    sealed interface Passive extends Fault {
    }

    /** A fault in a transfer: its replies, its data connection or both (RFC 959 §3.2, §5.4). */
    sealed interface Transfer extends Fault {
    }

    /**
     * Closes the control connection once {@code afterBytes} more bytes have been written on it.
     *
     * <p>Counting starts at the reply this fault is attached to (at the greeting for a connection-level fault) and
     * runs on through later replies, so {@code afterBytes = 0} closes instead of replying and a small count cuts
     * a reply short.
     *
     * @param afterBytes how many more control bytes to write before closing, at least zero
     */
    record CloseControl(long afterBytes) implements Control {
        /**
         * Checks the byte count.
         *
         * @param afterBytes how many more control bytes to write before closing, at least zero
         */
        public CloseControl {
            requireNonNegative(afterBytes, "afterBytes");
        }
    }

    /**
     * Replaces the reply with raw bytes, and the command then has no effect on the server's state.
     *
     * <p>On a transfer command this refuses the transfer (for example a 550, 425 or 450): no data connection is
     * used and a pending one is closed. On PASV or EPSV no listener is opened. On the greeting it replaces the
     * {@code 220}. ABOR still interrupts a running transfer, since that happens when ABOR arrives.
     *
     * @param raw the bytes to write instead of the reply, with their own line endings
     */
    record Reply(RawBytes raw) implements Control {
        /**
         * Checks the bytes.
         *
         * @param raw the bytes to write instead of the reply, with their own line endings
         */
        public Reply {
            Objects.requireNonNull(raw, "raw");
        }
    }

    /**
     * Writes raw bytes just before the reply, as an unsolicited reply would arrive (a 421, a stray 200).
     *
     * @param raw the bytes to write first
     */
    record Prepend(RawBytes raw) implements Control {
        /**
         * Checks the bytes.
         *
         * @param raw the bytes to write first
         */
        public Prepend {
            Objects.requireNonNull(raw, "raw");
        }
    }

    /**
     * Writes raw bytes {@code delay} after the command's first reply, whatever the server is doing by then.
     *
     * <p>With {@link Duration#ZERO} the bytes follow the reply at once (two replies for one command). For a
     * transfer the first reply is the preliminary {@code 150}, so a delayed {@code 421} lands mid-transfer.
     *
     * @param raw the bytes to write
     * @param delay how long after the first reply, zero or more
     */
    record Unsolicited(RawBytes raw, Duration delay) implements Control {
        /**
         * Checks the bytes and the delay.
         *
         * @param raw the bytes to write
         * @param delay how long after the first reply, zero or more
         */
        public Unsolicited {
            Objects.requireNonNull(raw, "raw");
            requireNonNegative(delay, "delay");
        }
    }

    /**
     * Waits before the command's first reply (for a transfer, before the preliminary reply).
     *
     * @param delay how long to wait, zero or more
     */
    record DelayReply(Duration delay) implements Control {
        /**
         * Checks the delay.
         *
         * @param delay how long to wait, zero or more
         */
        public DelayReply {
            requireNonNegative(delay, "delay");
        }
    }

    /** Never replies to the command, and never processes a later command on that connection. */
    record NeverReply() implements Control {
    }

    /**
     * Announces another address in the PASV reply, or another port in the PASV or EPSV reply.
     *
     * <p>The real listener still opens on loopback, so a client that ignores the announced host (as it should)
     * and uses the real port still transfers. EPSV replies carry no host (RFC 2428 §3), only the port.
     *
     * @param host an IPv4 address in dotted-quad form, for example {@code "10.0.0.1"}
     * @param port the port to announce, 0 to 65535, or {@link #ACTUAL_PORT} for the real listener's port
     */
    record AdvertisePassive(String host, int port) implements Passive {

        /** The {@code port} value that announces the port the listener really has. */
        public static final int ACTUAL_PORT = -1;

        /**

         * Checks that the host is a dotted quad and that the port is a port or {@link #ACTUAL_PORT}.

         *

         * @param host an IPv4 address in dotted-quad form, for example {@code "10.0.0.1"}

         * @param port the port to announce, 0 to 65535, or {@link #ACTUAL_PORT} for the real listener's port

         */
        public AdvertisePassive {
            Objects.requireNonNull(host, "host");
            DataAddresses.parseDottedQuad(host);
            if (port < ACTUAL_PORT || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be 0 to 65535 or ACTUAL_PORT, not " + port);
            }
        }
    }

    /**
     * Listens on the passive port but never accepts: the kernel completes the client's TCP handshake (the
     * backlog), yet no byte ever flows. A waiting transfer fails with {@code 425} after the server's data
     * connection timeout.
     */
    record PassiveNeverAccepts() implements Passive {
    }

    /**
     * Announces a passive port on which nothing listens, so the client's connect is refused. A waiting transfer
     * fails with {@code 425} after the server's data connection timeout.
     */
    record PassiveNotListening() implements Passive {
    }

    /**
     * Replaces the preliminary {@code 150} of a transfer with these raw replies, in order (several 1xx, or none).
     *
     * @param replies the raw replies to write before the data flows
     */
    record PreliminaryReplies(List<RawBytes> replies) implements Transfer {
        /**
         * Copies the list.
         *
         * @param replies the raw replies to write before the data flows
         */
        public PreliminaryReplies {
            replies = List.copyOf(replies);
        }
    }

    /**
     * Names {@code size} as the byte count in the preliminary reply: {@code 150 ... (size bytes).}
     *
     * @param size the size to announce, at least zero
     */
    record LieAboutSize(long size) implements Transfer {
        /**
         * Checks the size.
         *
         * @param size the size to announce, at least zero
         */
        public LieAboutSize {
            requireNonNegative(size, "size");
        }
    }

    /**
     * Sends these bytes on the data connection of a download instead of the file or listing (more or less data
     * than announced). A REST offset does not apply to them.
     *
     * @param data the bytes to send
     */
    record SendData(RawBytes data) implements Transfer {
        /**
         * Checks the bytes.
         *
         * @param data the bytes to send
         */
        public SendData {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Limits the data connection to about {@code bytesPerSecond}: a download is sent in paced chunks, an upload
     * is read in paced chunks (the client feels TCP backpressure).
     *
     * @param bytesPerSecond the rate, at least one
     */
    record Throttle(long bytesPerSecond) implements Transfer {
        /**
         * Checks the rate.
         *
         * @param bytesPerSecond the rate, at least one
         */
        public Throttle {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("bytesPerSecond must be at least 1, not " + bytesPerSecond);
            }
        }
    }

    /**
     * Moves {@code afterBytes} bytes on the data connection, then nothing: a download stops sending without
     * closing, an upload stops reading. No final reply follows until the client aborts (ABOR) or disconnects.
     *
     * @param afterBytes how many bytes to move first, at least zero
     */
    record StallData(long afterBytes) implements Transfer {
        /**
         * Checks the byte count.
         *
         * @param afterBytes how many bytes to move first, at least zero
         */
        public StallData {
            requireNonNegative(afterBytes, "afterBytes");
        }
    }

    /**
     * Closes the data connection normally (FIN) after {@code afterBytes} bytes; the final reply still follows
     * (by default a {@code 226}, so combine with {@link FinalReply} or {@link OmitFinalReply} as the test needs).
     *
     * @param afterBytes how many bytes to move first, at least zero
     */
    record CloseData(long afterBytes) implements Transfer {
        /**
         * Checks the byte count.
         *
         * @param afterBytes how many bytes to move first, at least zero
         */
        public CloseData {
            requireNonNegative(afterBytes, "afterBytes");
        }
    }

    /**
     * Resets the data connection (RST, through {@code SO_LINGER} 0) after writing or reading {@code afterBytes}
     * bytes; the final reply still follows. Bytes still in the server's socket buffer when the reset happens are
     * discarded, so a downloading client may see fewer than {@code afterBytes}.
     *
     * @param afterBytes how many bytes to move first, at least zero
     */
    record ResetData(long afterBytes) implements Transfer {
        /**
         * Checks the byte count.
         *
         * @param afterBytes how many bytes to move first, at least zero
         */
        public ResetData {
            requireNonNegative(afterBytes, "afterBytes");
        }
    }

    /**
     * Replaces the final reply of a transfer (by default {@code 226}) with raw bytes, for example a
     * {@code 451} or {@code 426} after all the data.
     *
     * @param raw the bytes to write as the final reply
     */
    record FinalReply(RawBytes raw) implements Transfer {
        /**
         * Checks the bytes.
         *
         * @param raw the bytes to write as the final reply
         */
        public FinalReply {
            Objects.requireNonNull(raw, "raw");
        }
    }

    /** Sends no final reply at all after the data connection ends. */
    record OmitFinalReply() implements Transfer {
    }

    /**
     * Waits {@code delay} after the data connection ended before sending the final reply.
     *
     * @param delay how long to wait, zero or more
     */
    record DelayFinalReply(Duration delay) implements Transfer {
        /**
         * Checks the delay.
         *
         * @param delay how long to wait, zero or more
         */
        public DelayFinalReply {
            requireNonNegative(delay, "delay");
        }
    }

    /**
     * Sends the final reply before the data connection's EOF.
     *
     * <p>A download writes all its data, sends the final reply, waits {@code eofDelay}, then closes the data
     * connection. An upload sends the final reply as soon as the data connection is open, then reads until the
     * client's EOF ({@code eofDelay} is not used).
     *
     * @param eofDelay how long a download keeps the data connection open after the final reply
     */
    record FinalReplyBeforeEof(Duration eofDelay) implements Transfer {
        /**
         * Checks the delay.
         *
         * @param eofDelay how long a download keeps the data connection open after the final reply
         */
        public FinalReplyBeforeEof {
            requireNonNegative(eofDelay, "eofDelay");
        }
    }

    /**
     * Closes the control connection instead of replying.
     *
     * @return a {@link CloseControl} after zero bytes
     */
    static CloseControl closeControl() {
        return new CloseControl(0);
    }

    /**
     * Closes the control connection after {@code bytes} more control bytes.
     *
     * @param bytes how many bytes to write first
     * @return a {@link CloseControl}
     */
    static CloseControl closeControlAfter(long bytes) {
        return new CloseControl(bytes);
    }

    /**
     * Replies with raw text instead of the normal reply; no line ending is added.
     *
     * @param raw the text, encoded as UTF-8
     * @return a {@link Reply}
     */
    static Reply reply(String raw) {
        return new Reply(RawBytes.of(raw));
    }

    /**
     * Replies with raw bytes instead of the normal reply.
     *
     * @param raw the bytes
     * @return a {@link Reply}
     */
    static Reply reply(byte[] raw) {
        return new Reply(RawBytes.of(raw));
    }

    /**
     * Writes raw text just before the reply.
     *
     * @param raw the text, encoded as UTF-8
     * @return a {@link Prepend}
     */
    static Prepend prepend(String raw) {
        return new Prepend(RawBytes.of(raw));
    }

    /**
     * Writes raw text right after the command's first reply.
     *
     * @param raw the text, encoded as UTF-8
     * @return an {@link Unsolicited} without delay
     */
    static Unsolicited unsolicited(String raw) {
        return new Unsolicited(RawBytes.of(raw), Duration.ZERO);
    }

    /**
     * Writes raw text {@code delay} after the command's first reply.
     *
     * @param delay how long after the first reply
     * @param raw the text, encoded as UTF-8
     * @return an {@link Unsolicited}
     */
    static Unsolicited unsolicited(Duration delay, String raw) {
        return new Unsolicited(RawBytes.of(raw), delay);
    }

    /**
     * Waits before the first reply.
     *
     * @param delay how long
     * @return a {@link DelayReply}
     */
    static DelayReply delayReply(Duration delay) {
        return new DelayReply(delay);
    }

    /**
     * Never replies.
     *
     * @return a {@link NeverReply}
     */
    static NeverReply neverReply() {
        return new NeverReply();
    }

    /**
     * Announces {@code host} in the PASV reply, with the real port.
     *
     * @param host a dotted-quad IPv4 address
     * @return an {@link AdvertisePassive}
     */
    static AdvertisePassive advertisePassive(String host) {
        return new AdvertisePassive(host, AdvertisePassive.ACTUAL_PORT);
    }

    /**
     * Announces {@code host} and {@code port} in the PASV reply ({@code port} alone in an EPSV reply).
     *
     * @param host a dotted-quad IPv4 address
     * @param port the port to announce, 0 to 65535
     * @return an {@link AdvertisePassive}
     */
    static AdvertisePassive advertisePassive(String host, int port) {
        return new AdvertisePassive(host, port);
    }

    /**
     * Listens on the passive port but never accepts.
     *
     * @return a {@link PassiveNeverAccepts}
     */
    static PassiveNeverAccepts passiveNeverAccepts() {
        return new PassiveNeverAccepts();
    }

    /**
     * Announces a passive port on which nothing listens.
     *
     * @return a {@link PassiveNotListening}
     */
    static PassiveNotListening passiveNotListening() {
        return new PassiveNotListening();
    }

    /**
     * Replaces the preliminary {@code 150} with these raw replies; no line endings are added.
     *
     * @param replies the replies, each encoded as UTF-8
     * @return a {@link PreliminaryReplies}
     */
    static PreliminaryReplies preliminaryReplies(String... replies) {
        return new PreliminaryReplies(Arrays.stream(replies).map(RawBytes::of).toList());
    }

    /**
     * Names {@code size} in the preliminary reply.
     *
     * @param size the size to announce
     * @return a {@link LieAboutSize}
     */
    static LieAboutSize lieAboutSize(long size) {
        return new LieAboutSize(size);
    }

    /**
     * Sends these bytes instead of the file or listing.
     *
     * @param data the bytes
     * @return a {@link SendData}
     */
    static SendData sendData(byte[] data) {
        return new SendData(RawBytes.of(data));
    }

    /**
     * Paces the data connection.
     *
     * @param bytesPerSecond the rate
     * @return a {@link Throttle}
     */
    static Throttle throttle(long bytesPerSecond) {
        return new Throttle(bytesPerSecond);
    }

    /**
     * Moves {@code bytes} data bytes, then nothing.
     *
     * @param bytes how many bytes first
     * @return a {@link StallData}
     */
    static StallData stallDataAfter(long bytes) {
        return new StallData(bytes);
    }

    /**
     * Closes the data connection after {@code bytes} bytes.
     *
     * @param bytes how many bytes first
     * @return a {@link CloseData}
     */
    static CloseData closeDataAfter(long bytes) {
        return new CloseData(bytes);
    }

    /**
     * Resets the data connection after {@code bytes} bytes.
     *
     * @param bytes how many bytes first
     * @return a {@link ResetData}
     */
    static ResetData resetDataAfter(long bytes) {
        return new ResetData(bytes);
    }

    /**
     * Replaces the final reply with raw text; no line ending is added.
     *
     * @param raw the text, encoded as UTF-8
     * @return a {@link FinalReply}
     */
    static FinalReply finalReply(String raw) {
        return new FinalReply(RawBytes.of(raw));
    }

    /**
     * Sends no final reply.
     *
     * @return an {@link OmitFinalReply}
     */
    static OmitFinalReply omitFinalReply() {
        return new OmitFinalReply();
    }

    /**
     * Delays the final reply after the data connection ended.
     *
     * @param delay how long
     * @return a {@link DelayFinalReply}
     */
    static DelayFinalReply delayFinalReply(Duration delay) {
        return new DelayFinalReply(delay);
    }

    /**
     * Sends the final reply before the data connection's EOF.
     *
     * @param eofDelay how long a download keeps the data connection open after the final reply
     * @return a {@link FinalReplyBeforeEof}
     */
    static FinalReplyBeforeEof finalReplyBeforeEof(Duration eofDelay) {
        return new FinalReplyBeforeEof(eofDelay);
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be zero or more, not " + value);
        }
    }

    private static void requireNonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more, not " + value);
        }
    }
}
