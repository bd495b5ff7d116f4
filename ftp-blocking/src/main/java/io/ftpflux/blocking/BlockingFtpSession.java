package io.ftpflux.blocking;

import io.ftpflux.core.FtpTimeoutException;
import io.ftpflux.core.command.FtpCommand;
import io.ftpflux.core.feature.Features;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.reactive.DownloadOptions;
import io.ftpflux.reactive.DownloadResult;
import io.ftpflux.reactive.FtpSession;
import io.ftpflux.reactive.UploadOptions;
import io.ftpflux.reactive.UploadResult;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One logged-in conversation with an FTP server (RFC 959), each operation a blocking call on the reactive
 * {@link FtpSession} underneath: same commands, same checks, same exceptions.
 *
 * <p>Each call waits at most the client's {@link BlockingFtpClient#defaultTimeout() default timeout}, then cancels
 * its operation and throws {@link io.ftpflux.core.FtpTimeoutException}
 * ({@link io.ftpflux.core.FtpTimeoutException.Phase#OPERATION}); for streams the timeout bounds each wait for more.
 * An interrupted call cancels its operation, keeps the thread's interrupt flag set, and throws
 * {@link io.ftpflux.core.FtpException} with the {@link InterruptedException} as its cause. Failures are the
 * {@code io.ftpflux.core} exceptions the reactive session signals, unwrapped (a refusal is an
 * {@link io.ftpflux.core.FtpReplyException}; see {@link FtpSession} for which ones leave the session usable), and
 * {@link IOException}s for local files. A cancelled operation never desynchronises the session: the engine consumes
 * its final reply before the next operation starts.
 *
 * <p>Operations run one at a time in call order, so the session may be shared between threads, but a stream from
 * {@link #openInputStream(String)}, {@link #openOutputStream(String)} or {@link #listStream(String)} occupies it until
 * closed: another operation waits behind it. Waits park the thread instead of holding a monitor: a virtual thread
 * (JDK 21) waiting here does not pin its carrier. No method may be called on an event loop
 * ({@link IllegalStateException}).
 */
public final class BlockingFtpSession implements AutoCloseable {

    /** Entries requested ahead of a {@link #listStream(String)} consumer: a few lines' worth of network reads. */
    private static final int LISTING_PREFETCH = 32;

    private final FtpSession session;
    private final Duration timeout;
    private final Set<Occupant> openStreams = ConcurrentHashMap.newKeySet();

    BlockingFtpSession(FtpSession session, Duration timeout) {
        this.session = session;
        this.timeout = timeout;
    }

    /**
     * Returns the reactive session underneath, for what only the reactive API does (borrowed buffers, composition).
     *
     * @return the reactive session
     */
    public FtpSession reactive() {
        return session;
    }

    /**
     * Returns the server's 220 greeting (RFC 959 §5.4), as {@link FtpSession#greeting()} does.
     *
     * @return the greeting reply
     */
    public FtpReply greeting() {
        return session.greeting();
    }

    /**
     * Returns the features the server announced at login (FEAT, RFC 2389).
     *
     * @return the features; empty if the server has no FEAT
     */
    public Features features() {
        return session.features();
    }

    /**
     * Tells whether the session can still run operations.
     *
     * @return {@code false} once the connection failed or the session was closed
     */
    public boolean isOpen() {
        return session.isOpen();
    }

    /**
     * Sends any command and returns its final reply, as {@link FtpSession#execute(FtpCommand)}: the escape hatch for
     * SITE subcommands and extensions; not for commands that open a data connection.
     *
     * @param command the command
     * @return the positive final reply (2yz or 3yz); a negative one throws {@link io.ftpflux.core.FtpReplyException}
     */
    public FtpReply execute(FtpCommand command) {
        return value(session.execute(command), command.toString());
    }

    /** Does nothing, on the server (NOOP, RFC 959 §4.1.3): proves the control connection is alive. */
    public void noop() {
        Await.block(session.noop(), timeout, "NOOP");
    }

    /**
     * Returns the working directory (PWD, RFC 959 §4.1.3).
     *
     * @return the path the server reports
     */
    public String workingDirectory() {
        return value(session.workingDirectory(), "PWD");
    }

    /**
     * Changes the working directory (CWD, RFC 959 §4.1.1).
     *
     * @param path the directory, sent as given
     */
    public void changeWorkingDirectory(String path) {
        Await.block(session.changeWorkingDirectory(path), timeout, "CWD " + path);
    }

    /**
     * Creates a directory (MKD, RFC 959 §4.1.3).
     *
     * @param path the directory, sent as given
     * @return the created directory's path as the server reports it, or the given path if it reports none
     */
    public String makeDirectory(String path) {
        return value(session.makeDirectory(path), "MKD " + path);
    }

    /**
     * Removes an empty directory (RMD, RFC 959 §4.1.3).
     *
     * @param path the directory, sent as given
     */
    public void removeDirectory(String path) {
        Await.block(session.removeDirectory(path), timeout, "RMD " + path);
    }

    /**
     * Deletes a file (DELE, RFC 959 §4.1.3).
     *
     * @param path the file, sent as given
     */
    public void delete(String path) {
        Await.block(session.delete(path), timeout, "DELE " + path);
    }

    /**
     * Renames a file or directory (RNFR then RNTO, RFC 959 §4.1.3), as one conversation.
     *
     * @param from the current path
     * @param to the new path
     */
    public void rename(String from, String to) {
        Await.block(session.rename(from, to), timeout, "renaming " + from + " to " + to);
    }

    /**
     * Returns a file's size (SIZE, RFC 3659 §4), in the current transfer type.
     *
     * @param path the file
     * @return the size in bytes
     */
    public long size(String path) {
        return value(session.size(path), "SIZE " + path);
    }

    /**
     * Returns a file's modification time (MDTM, RFC 3659 §3).
     *
     * @param path the file
     * @return the instant, UTC as the RFC says
     */
    public Instant modificationTime(String path) {
        return value(session.modificationTime(path), "MDTM " + path);
    }

    /**
     * Sets a file's modification time (MFMT, draft-somers-ftp-mfxx).
     *
     * @param path the file
     * @param time the new modification time, to the second
     */
    public void setModificationTime(String path, Instant time) {
        Await.block(session.setModificationTime(path, time), timeout, "MFMT " + path);
    }

    /**
     * Lists a directory into a list (MLSD, RFC 3659 §7, when the server has it, else LIST, RFC 959 §4.1.3), as
     * {@link FtpSession#list(String)}: the directory and its parent left out, lines no parser understands kept as
     * {@link io.ftpflux.core.listing.EntryType#UNPARSED} entries. For a large directory, {@link #listStream(String)}
     * holds one entry at a time instead.
     *
     * @param path the directory, sent as given
     * @return the entries, in the server's order
     */
    public List<FtpEntry> list(String path) {
        return value(session.list(path).collectList(), "listing " + path);
    }

    /**
     * Lists the working directory into a list, as {@link #list(String)} does.
     *
     * @return the entries, in the server's order
     */
    public List<FtpEntry> list() {
        return value(session.list().collectList(), "listing the working directory");
    }

    /**
     * Lists a directory as a lazy stream: entries are parsed as their lines arrive, and the data connection is read
     * only as fast as the stream is consumed (a few entries are requested ahead).
     *
     * <p>The stream must be closed, best with try-with-resources: until then the listing occupies the session.
     * Closing it before its end cancels the listing (the engine closes the data connection and consumes the final
     * reply) and waits until the session is back in step, with a NOOP (RFC 959 §4.1.3) queued behind the cancelled
     * listing. A failure, the listing's or a timeout waiting for the next entry, is thrown by the terminal operation
     * that consumes the stream.
     *
     * <pre>{@code
     * try (Stream<FtpEntry> entries = session.listStream("/pub")) {
     *     Optional<FtpEntry> first = entries.filter(FtpEntry::isFile).findFirst();
     * }
     * }</pre>
     *
     * @param path the directory, sent as given
     * @return the entries, in the server's order; sequential, not thread-safe
     */
    public Stream<FtpEntry> listStream(String path) {
        return stream(session.list(path), "listing " + path);
    }

    /**
     * Lists the working directory as a lazy stream, as {@link #listStream(String)} does; close it.
     *
     * @return the entries, in the server's order
     */
    public Stream<FtpEntry> listStream() {
        return stream(session.list(), "listing the working directory");
    }

    /**
     * Lists the names in a directory (NLST, RFC 959 §4.1.3), one per line as the server writes them.
     *
     * @param path the directory, sent as given
     * @return the names, in the server's order
     */
    public List<String> names(String path) {
        return value(session.names(path).collectList(), "NLST " + path);
    }

    /**
     * Lists the names in the working directory (NLST, RFC 959 §4.1.3).
     *
     * @return the names, in the server's order
     */
    public List<String> names() {
        return value(session.names().collectList(), "NLST");
    }

    /**
     * Describes one file or directory, as {@link FtpSession#stat(String)}: MLST (RFC 3659 §7.2) when the server has
     * it, else SIZE and MDTM, else the parent's listing.
     *
     * @param path the file or directory, sent as given
     * @return the entry; a missing file throws {@link io.ftpflux.core.FtpPermanentReplyException} (usually 550)
     */
    public FtpEntry stat(String path) {
        return value(session.stat(path), "describing " + path);
    }

    /**
     * Downloads a file to a local file, replacing it, as {@link #download(String, Path, DownloadOptions)} with the
     * defaults.
     *
     * @param path the remote file
     * @param target the local file
     * @return what was written
     * @throws IOException if the local file cannot be written
     */
    public DownloadResult download(String path, Path target) throws IOException {
        return download(path, target, DownloadOptions.defaults());
    }

    /**
     * Downloads a file to a local file (RETR, RFC 959 §4.1.3; REST, RFC 3659 §5, when resuming), as
     * {@link FtpSession#download(String, Path, DownloadOptions)}: through {@code target + ".part"}, which becomes
     * the target only once the transfer is confirmed and its size checked.
     *
     * @param path the remote file
     * @param target the local file
     * @param options whether to replace the target and to resume
     * @return what was written, once the target holds the complete file
     * @throws IOException if the local file cannot be written
     *     ({@link java.nio.file.FileAlreadyExistsException} when it exists and overwrite is off)
     */
    public DownloadResult download(String path, Path target, DownloadOptions options) throws IOException {
        return valueIo(session.download(path, target, options), "downloading " + path);
    }

    /**
     * Uploads a local file, replacing the remote one, as {@link #upload(String, Path, UploadOptions)} with the
     * defaults: the stored size is verified.
     *
     * @param path the remote file
     * @param source the local file
     * @return what was stored
     * @throws IOException if the local file cannot be read
     */
    public UploadResult upload(String path, Path source) throws IOException {
        return upload(path, source, UploadOptions.defaults());
    }

    /**
     * Uploads a local file (STOR, RFC 959 §4.1.3; REST or APPE when resuming), zero-copy in the binary type, as
     * {@link FtpSession#upload(String, Path, UploadOptions)}.
     *
     * @param path the remote file
     * @param source the local file
     * @param options whether to verify the stored size and to resume
     * @return what was stored, once the server confirmed it
     * @throws IOException if the local file cannot be read
     */
    public UploadResult upload(String path, Path source, UploadOptions options) throws IOException {
        return valueIo(session.upload(path, source, options), "uploading " + path);
    }

    /**
     * Uploads what an input stream holds to a file (STOR, RFC 959 §4.1.3), replacing it, and closes nothing: the
     * caller owns the input.
     *
     * <p>The input is read on the calling thread, into pooled buffers handed to the engine as it asks for them (a slow
     * server slows the reading), and only after the server accepted the command: a refusal reads nothing. If reading
     * fails, the data connection is reset, so that the server does not take the part for the file, and the
     * {@link IOException} is thrown.
     *
     * @param path the remote file
     * @param data the bytes to store, read to its end
     * @return the number of bytes sent, once the server confirmed (226/250)
     * @throws IOException if the input fails
     */
    public long upload(String path, InputStream data) throws IOException {
        return send(source -> session.upload(path, source), data, "STOR " + path);
    }

    /**
     * Uploads what an input stream holds to a file (STOR, RFC 959 §4.1.3), as {@link #upload(String, InputStream)},
     * and with {@link UploadOptions#verifySize()} checks the stored size afterwards (SIZE or MLST).
     *
     * @param path the remote file
     * @param data the bytes to store, read to its end on the calling thread
     * @param options whether to verify; {@link UploadOptions#resume()} needs a file, so it must be off
     * @return what was stored, once the server confirmed it
     * @throws IOException if the input fails
     * @throws IllegalArgumentException if the options ask to resume
     */
    public UploadResult upload(String path, InputStream data, UploadOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        if (options.resume()) {
            throw new IllegalArgumentException("only an upload from a file can resume; to add to a remote file, "
                    + "use append(path, data)");
        }
        return send(source -> session.upload(path, source, options), data, "STOR " + path);
    }

    /**
     * Appends what an input stream holds to a file (APPE, RFC 959 §4.1.3), creating it if it does not exist; the
     * input is read as {@link #upload(String, InputStream)} reads it. A failed input resets the data connection, but
     * the server may keep what arrived: appending is not atomic.
     *
     * @param path the remote file
     * @param data the bytes to append, read to its end on the calling thread
     * @return the number of bytes sent, once the server confirmed (226/250)
     * @throws IOException if the input fails
     */
    public long append(String path, InputStream data) throws IOException {
        return send(source -> session.append(path, source), data, "APPE " + path);
    }

    /**
     * Opens a download (RETR, RFC 959 §4.1.3) as an input stream, once the server sent the first bytes or ended the
     * transfer: a refusal ({@link io.ftpflux.core.FtpPermanentReplyException} for a missing file) is thrown here.
     *
     * <p>A few network buffers are held ahead of the reader (released as they are read, or on close), and more are
     * asked for only as those are read: a slow reader holds the server back through TCP, and no file is ever
     * buffered whole. Each wait for more bytes is bounded by the default timeout.
     *
     * <p>Failures of the transfer are thrown by {@code read} as the unchecked {@code io.ftpflux.core} exceptions
     * ({@link io.ftpflux.core.FtpTransientReplyException} for a 426 or 451 after the last byte,
     * {@link io.ftpflux.core.FtpDataIntegrityException} for a size mismatch...), not wrapped in {@link IOException}:
     * the {@link InputStream} contract allows unchecked exceptions, and the types are those of the rest of this API.
     * Only reading a closed stream throws {@link IOException}.
     *
     * <p>The stream must be closed, best with try-with-resources: until then the transfer occupies the session.
     * {@code close()} after the end throws a failure not yet thrown by a read; before the end it aborts the transfer
     * (the engine closes the data connection and consumes the final reply) and waits until the session is back in
     * step, with a NOOP (RFC 959 §4.1.3) queued behind the transfer.
     *
     * @param path the remote file
     * @return the file's bytes
     */
    public InputStream openInputStream(String path) {
        return download(session.download(path), "RETR " + path);
    }

    /**
     * Opens a download from a byte offset (REST then RETR, RFC 3659 §5) as an input stream, as
     * {@link #openInputStream(String)}: the size is asked first, and the stream must carry exactly the bytes from
     * the offset to the end ({@link io.ftpflux.core.FtpDataIntegrityException} otherwise).
     *
     * @param path the remote file
     * @param offset the first byte to read, from 0
     * @return the file's bytes from the offset on
     * @throws IllegalArgumentException if the offset is negative
     */
    public InputStream openInputStream(String path, long offset) {
        return download(session.download(path, offset), "RETR " + path + " from byte " + offset);
    }

    /**
     * Opens an upload (STOR, RFC 959 §4.1.3) as an output stream, once the server is ready for the data (its 1yz
     * reply): a refusal ({@link io.ftpflux.core.FtpPermanentReplyException}) is thrown here.
     *
     * <p>Written bytes are copied into pooled buffers of 64 KiB, each handed to the engine when it asks for one: a
     * slow server holds the writer back. {@code flush()} hands over a partly filled buffer. {@code close()} ends the
     * upload and waits for the server's confirmation (226/250); a refusal after the data (a 451 or 552, say) is
     * thrown there as the unchecked {@code io.ftpflux.core} exception, as is a failure during a write (then only
     * once). Closing completes the file with whatever was written: a writer that fails midway should not rely on
     * try-with-resources to discard the part.
     *
     * @param path the remote file
     * @return the stream; not thread-safe
     */
    public OutputStream openOutputStream(String path) {
        try {
            return occupy(UploadStream.open(source -> session.upload(path, source), timeout, "STOR " + path));
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);   // only the engine runs, with no local file
        }
    }

    /**
     * Closes the session politely: QUIT (RFC 959 §4.1.1), then the connection, whatever the reply. Streams of this
     * session still open are abandoned first (a download or listing cancelled, an upload's data connection reset), so
     * the QUIT does not wait behind them; closing must then not run while another thread uses such a stream. Closing a
     * closed session does nothing.
     *
     * @throws FtpTimeoutException if the QUIT waits longer than the default timeout behind an operation the server
     *     never finishes (after a blocking call gave up on it sooner than the client's phase timeouts); the close
     *     then goes on, and the connection closes once those timeouts end the operation
     */
    @Override
    public void close() {
        Await.requireBlockingThread("closing the session");
        openStreams.forEach(Occupant::abandon);
        openStreams.clear();
        // Not cancelled when the wait runs out: a cancelled close would leave the connection open.
        CompletableFuture<Void> closed = new CompletableFuture<>();
        session.close().subscribe(null, closed::completeExceptionally, () -> closed.complete(null));
        try {
            Await.result(closed, timeout, "closing the session");
        } catch (FtpTimeoutException late) {
            throw new FtpTimeoutException(FtpTimeoutException.Phase.OPERATION, timeout, "closing the session did not "
                    + "finish in time: its QUIT waits behind an operation the server does not finish; the connection"
                    + " closes once the client's own timeouts end that operation");
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);   // closing touches no local file
        }
    }

    @Override
    public String toString() {
        return "Blocking" + session;
    }

    private <T> T value(Mono<T> operation, String what) {
        return Objects.requireNonNull(Await.block(operation, timeout, what), () -> what + " completed without a value");
    }

    private <T> T valueIo(Mono<T> operation, String what) throws IOException {
        return Objects.requireNonNull(Await.blockIo(operation, timeout, what),
                () -> what + " completed without a value");
    }

    /** Remembers a stream until it finishes, so that {@link #close()} can abandon it. */
    private <S extends Occupant> S occupy(S stream) {
        openStreams.removeIf(Occupant::finished);
        openStreams.add(stream);
        return stream;
    }

    /** Uploads an input stream, read on this thread, through the engine's upload of a source. */
    private <R> R send(Function<Publisher<ByteBuf>, Mono<R>> upload, InputStream data, String what) throws IOException {
        Objects.requireNonNull(data, "data");
        UploadStream<R> stream = occupy(UploadStream.open(upload, timeout, what));
        stream.writeAll(data);
        return Objects.requireNonNull(stream.finish(), () -> what + " was abandoned: the session was closed");
    }

    private InputStream download(Flux<ByteBuf> buffers, String what) {
        try {
            return occupy(DownloadStream.open(buffers, timeout, what, this::resynchronize));
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);   // only the engine runs, with no local file
        }
    }

    private Stream<FtpEntry> stream(Flux<FtpEntry> entries, String what) {
        Pull<FtpEntry> pull = occupy(Pull.of(entries, LISTING_PREFETCH, timeout, what, entry -> entry, entry -> { }));
        Spliterator<FtpEntry> spliterator = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super FtpEntry> action) {
                FtpEntry entry;
                try {
                    entry = pull.next();
                } catch (IOException unexpected) {
                    throw new UncheckedIOException(unexpected);   // listings fail with FtpExceptions
                }
                if (entry == null) {
                    return false;
                }
                action.accept(entry);
                return true;
            }
        };
        return StreamSupport.stream(spliterator, false).onClose(() -> {
            if (pull.cancel()) {
                resynchronize();
            }
        });
    }

    /** Waits until an operation cancelled before its end has left the session in step: a NOOP queued behind it. */
    private void resynchronize() {
        noop();
    }
}
