package io.ftpflux.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.interop.ResultTable.Outcome;
import io.ftpflux.interop.ResultTable.Status;
import io.ftpflux.interop.TestFiles.TestFile;
import io.ftpflux.reactive.DownloadOptions;
import io.ftpflux.reactive.DownloadResult;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpSession;
import io.ftpflux.reactive.InteropListings;
import io.ftpflux.reactive.UploadOptions;
import io.ftpflux.reactive.UploadResult;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The interop contract: what the client must do against any FTP server, one test method per {@link Check}, each run
 * for every {@link Target} a subclass supplies. Each check works in a fresh directory of its own, made through the
 * client and removed afterwards.
 *
 * <p>A check passes; or it fails exactly as a {@link KnownLimitations stated limitation} says, and is reported as that
 * limitation (the test is aborted with the reason); or it fails. A limitation that no longer holds fails too, so the
 * table cannot go stale. Every outcome goes to the {@link ResultTable}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InteropContractIT {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Duration LARGE_STEP = Duration.ofSeconds(150);
    private static final long MIB = 1024 * 1024;
    private static final long RESUME_FILE_SIZE = 8 * MIB;

    /** The targets of this suite; the parameter source of every check. */
    abstract Stream<Target> targets();

    @AfterAll
    final void writeResults() {
        ResultTable.write(InteropSettings.resultsFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(60)
    void login(Target target) {
        contract(target, Check.LOGIN, (session, client, directory) -> {
            assertThat(session.isOpen()).isTrue();
            session.noop().block(STEP);
            assertThat(session.workingDirectory().block(STEP)).isEqualTo("/");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(60)
    void mlsdListsAKnownTree(Target target) {
        contract(target, Check.MLSD, (session, client, directory) -> {
            ServerLacks.require(session.features().supportsMlsd(), "MLSD (FEAT announces no MLST)");
            makeKnownTree(session, directory);
            // list() uses MLSD whenever the server announces MLST.
            List<FtpEntry> entries = session.list(directory).collectList().block(STEP);
            assertKnownTree(entries);
            assertThat(entries).allSatisfy(entry -> assertThat(entry.fact("type")).isNotNull());
            assertThat(session.list(directory + "/charlie").collectList().block(STEP))
                    .extracting(FtpEntry::name, FtpEntry::type, FtpEntry::size)
                    .containsExactly(tuple("delta.txt", EntryType.FILE, (long) DELTA.length));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(60)
    void listListsAKnownTree(Target target) {
        contract(target, Check.LIST, (session, client, directory) -> {
            makeKnownTree(session, directory);
            List<FtpEntry> entries = InteropListings.list(session, client, directory).collectList().block(STEP);
            assertThat(entries).noneMatch(entry -> entry.type() == EntryType.UNPARSED);
            assertKnownTree(entries);
            assertThat(InteropListings.list(session, client, directory + "/charlie").collectList().block(STEP))
                    .extracting(FtpEntry::name, FtpEntry::type, FtpEntry::size)
                    .containsExactly(tuple("delta.txt", EntryType.FILE, (long) DELTA.length));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(300)
    void uploadsAndDownloadsALargeFile(Target target) {
        long size = InteropSettings.largeFileBytes(target.cell());
        if (size == 0) {
            String reason = "large-file check switched off (-Dinterop.largeFileMiB=0)";
            record(target, Check.LARGE_FILE, new Outcome(Status.NOT_RUN, reason));
            Assumptions.abort(reason);
        }
        contract(target, Check.LARGE_FILE, (session, client, directory) -> {
            TestFile large = TestFiles.random("large.bin", size);
            String remote = directory + "/large.bin";
            UploadResult uploaded = session.upload(remote, large.path()).block(LARGE_STEP);
            assertThat(uploaded.bytes()).isEqualTo(size);
            assertThat(uploaded.sizeVerified()).as("stored size checked by SIZE or MLST").isTrue();
            Path local = TestFiles.freshPath("large-download");
            try {
                DownloadResult downloaded = session.download(remote, local).block(LARGE_STEP);
                assertThat(downloaded.bytes()).isEqualTo(size);
                assertThat(downloaded.sizeVerified()).isTrue();
                assertThat(TestFiles.sha256(local)).isEqualTo(large.sha256());
            } finally {
                TestFiles.deleteIfExists(local);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(90)
    void resumesAnInterruptedDownload(Target target) {
        contract(target, Check.RESUME_DOWNLOAD, (session, client, directory) -> {
            TestFile file = TestFiles.random("resume.bin", RESUME_FILE_SIZE);
            String remote = directory + "/resume.bin";
            session.upload(remote, file.path()).block(STEP);

            // What an interrupted download leaves: the target's .part file holding a prefix.
            long offset = 3 * MIB + 12_345;
            Path local = TestFiles.freshPath("resume-download");
            Path part = local.resolveSibling(local.getFileName() + ".part");
            TestFiles.copyPrefix(file.path(), offset, part);
            try {
                DownloadResult result = session.download(remote, local, DownloadOptions.defaults().withResume(true))
                        .block(STEP);
                assertThat(result.resumedFrom()).as("REST offset").isEqualTo(offset);
                assertThat(result.bytes()).isEqualTo(file.size());
                assertThat(result.sizeVerified()).isTrue();
                assertThat(part).doesNotExist();
                assertThat(TestFiles.sha256(local)).isEqualTo(file.sha256());
            } finally {
                TestFiles.deleteIfExists(local);
                TestFiles.deleteIfExists(part);
            }

            // The stream from an offset carries exactly the file's tail.
            long streamOffset = 5 * MIB + 1;
            assertThat(sha256(session.download(remote, streamOffset)))
                    .isEqualTo(TestFiles.sha256(file.path(), streamOffset));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(90)
    void resumesAnInterruptedUpload(Target target) {
        contract(target, Check.RESUME_UPLOAD, (session, client, directory) -> {
            TestFile file = TestFiles.random("resume.bin", RESUME_FILE_SIZE);
            String remote = directory + "/resume.bin";
            // What an interrupted upload leaves: the remote file holding a prefix.
            long offset = 5 * MIB + 777;
            Path prefix = TestFiles.freshPath("resume-upload-prefix");
            Path local = TestFiles.freshPath("resume-upload-check");
            try {
                TestFiles.copyPrefix(file.path(), offset, prefix);
                assertThat(session.upload(remote, prefix).block(STEP).bytes()).isEqualTo(offset);

                UploadResult result = session.upload(remote, file.path(), UploadOptions.defaults().withResume(true))
                        .block(STEP);
                assertThat(result.resumedFrom()).as("offset the upload continued from").isEqualTo(offset);
                assertThat(result.bytes()).isEqualTo(file.size());
                assertThat(result.sizeVerified()).isTrue();

                session.download(remote, local).block(STEP);
                assertThat(TestFiles.sha256(local)).isEqualTo(file.sha256());
            } finally {
                TestFiles.deleteIfExists(prefix);
                TestFiles.deleteIfExists(local);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(60)
    void renamesDeletesAndManagesDirectories(Target target) {
        contract(target, Check.FILE_OPERATIONS, (session, client, directory) -> {
            String made = directory + "/made";
            assertThat(session.makeDirectory(made).block(STEP)).endsWith("/made");
            byte[] content = "one\n".getBytes(StandardCharsets.US_ASCII);
            upload(session, made + "/one.txt", content);

            session.rename(made + "/one.txt", made + "/two.txt").block(STEP);
            assertThat(names(session, made)).containsExactly("two.txt");
            assertThat(session.size(made + "/two.txt").block(STEP)).isEqualTo(content.length);

            String renamed = directory + "/renamed";
            session.rename(made, renamed).block(STEP);
            assertThat(names(session, directory)).containsExactly("renamed");
            assertThat(download(session, renamed + "/two.txt")).isEqualTo(content);

            // Refusals: servers disagree on the category (MINA answers DELE of a missing file with 450), so only
            // a refusal, with the session still usable, is the contract.
            assertThatThrownBy(() -> session.rename(directory + "/missing", directory + "/other").block(STEP))
                    .isInstanceOf(FtpReplyException.class);
            assertThatThrownBy(() -> session.delete(directory + "/missing").block(STEP))
                    .isInstanceOf(FtpReplyException.class);
            assertThatThrownBy(() -> session.removeDirectory(renamed).block(STEP))
                    .as("RMD of a directory that is not empty")
                    .isInstanceOf(FtpReplyException.class);

            session.delete(renamed + "/two.txt").block(STEP);
            assertThat(names(session, renamed)).isEmpty();
            session.removeDirectory(renamed).block(STEP);
            assertThat(names(session, directory)).isEmpty();
            assertThat(session.isOpen()).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(60)
    void namesWithSpacesDashesAndUtf8RoundTrip(Target target) {
        contract(target, Check.AWKWARD_NAMES, (session, client, directory) -> {
            List<String> files = List.of("name with spaces.txt", "-leading-dash.txt", "ünïcødé-名前-ß.txt");
            String folder = "-dir with späce";
            String inner = "-inner ü.txt";
            // Relative names, so that the leading dash is the first character the server sees.
            session.changeWorkingDirectory(directory).block(STEP);
            for (String name : files) {
                upload(session, name, contentOf(name));
            }
            session.makeDirectory(folder).block(STEP);
            upload(session, folder + "/" + inner, contentOf(inner));

            assertThat(session.list().collectList().block(STEP))
                    .extracting(FtpEntry::name, FtpEntry::type)
                    .containsExactlyInAnyOrder(tuple(files.get(0), EntryType.FILE), tuple(files.get(1), EntryType.FILE),
                            tuple(files.get(2), EntryType.FILE), tuple(folder, EntryType.DIRECTORY));
            assertThat(names(session, directory + "/" + folder)).containsExactly(inner);
            for (String name : files) {
                assertThat(download(session, name)).as(name).isEqualTo(contentOf(name));
                assertThat(session.size(name).block(STEP)).as(name).isEqualTo(contentOf(name).length);
            }
            assertThat(download(session, folder + "/" + inner)).isEqualTo(contentOf(inner));

            String renamed = "-ß renamed ü.txt";
            session.rename(files.get(2), renamed).block(STEP);
            assertThat(session.list().map(FtpEntry::name).collectList().block(STEP))
                    .contains(renamed)
                    .doesNotContain(files.get(2));
            assertThat(download(session, renamed)).isEqualTo(contentOf(files.get(2)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(60)
    void listsADirectoryByARelativeNameStartingWithADash(Target target) {
        contract(target, Check.DASH_LISTING, (session, client, directory) -> {
            String folder = "-dir with späce";
            String inner = "-inner ü.txt";
            session.changeWorkingDirectory(directory).block(STEP);
            session.makeDirectory(folder).block(STEP);
            upload(session, folder + "/" + inner, contentOf(inner));
            List<String> listed = names(session, folder);
            ServerLacks.require(listed.equals(List.of(inner)), "listings of a relative path starting with '-' (it "
                    + "took \"" + folder + "\" for options and listed " + listed + " instead of [" + inner + "])");
        });
    }

    // --- the contract's frame ------------------------------------------------------------------------------------

    /** The body of one check, given an open session and its fresh directory. */
    @FunctionalInterface
    interface Body {
        void run(FtpSession session, FtpClient client, String directory) throws Exception;
    }

    /**
     * Runs one check against one target, and records and judges its outcome against the stated limitations.
     */
    private static void contract(Target target, Check check, Body body) {
        Optional<Limitation> limitation = KnownLimitations.find(target.server(), target.cell(), check);
        Throwable failure = null;
        try {
            inFreshDirectory(target, check, body);
        } catch (Throwable t) {
            failure = t;
        }
        Verdict verdict = Verdict.judge(limitation, failure);
        record(target, check, verdict.outcome());
        verdict.conclude();
    }

    private static void record(Target target, Check check, Outcome outcome) {
        ResultTable.record(target.server(), target.version(), target.cell(), check, outcome);
    }

    /** Connects, makes the check's directory, runs the body, removes the directory, closes: whatever fails. */
    private static void inFreshDirectory(Target target, Check check, Body body) throws Exception {
        FtpClient client = target.client();
        String directory = "/ftpflux-it-" + check.slug() + "-" + target.cell().slug() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        FtpSession session = client.connect().block(STEP);
        try {
            session.makeDirectory(directory).block(STEP);
            try {
                body.run(session, client, directory);
            } catch (Exception | Error failure) {
                try {
                    cleanUpAfterFailure(session, client, directory);
                } catch (RuntimeException cleanup) {
                    failure.addSuppressed(cleanup);
                }
                throw failure;
            }
            cleanUp(session, directory);
        } finally {
            session.close().block(STEP);
        }
    }

    /** Cleans up in the check's session if the failure left it open, else in a fresh one. */
    private static void cleanUpAfterFailure(FtpSession session, FtpClient client, String directory) {
        if (session.isOpen()) {
            cleanUp(session, directory);
            return;
        }
        FtpSession fresh = client.connect().block(STEP);
        try {
            cleanUp(fresh, directory);
        } finally {
            fresh.close().block(STEP);
        }
    }

    /** Leaves the check's directory (a server may refuse to remove the working directory) and removes it. */
    private static void cleanUp(FtpSession session, String directory) {
        session.changeWorkingDirectory("/").block(STEP);
        removeTree(session, directory);
    }

    /** Removes a remote directory and everything in it, by absolute paths. */
    private static void removeTree(FtpSession session, String directory) {
        List<FtpEntry> entries = session.list(directory).collectList().block(STEP);
        for (FtpEntry entry : entries) {
            String path = directory + "/" + entry.name();
            if (entry.type() == EntryType.DIRECTORY) {
                removeTree(session, path);
            } else {
                session.delete(path).block(STEP);
            }
        }
        session.removeDirectory(directory).block(STEP);
    }

    // --- the known tree and small files --------------------------------------------------------------------------

    private static final byte[] ALPHA = "alpha\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BRAVO = bravo();
    private static final byte[] DELTA = "delta delta\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] bravo() {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static void makeKnownTree(FtpSession session, String directory) {
        upload(session, directory + "/alpha.txt", ALPHA);
        upload(session, directory + "/bravo.bin", BRAVO);
        session.makeDirectory(directory + "/charlie").block(STEP);
        upload(session, directory + "/charlie/delta.txt", DELTA);
    }

    private static void assertKnownTree(List<FtpEntry> entries) {
        assertThat(entries)
                .extracting(FtpEntry::name, FtpEntry::type)
                .containsExactlyInAnyOrder(tuple("alpha.txt", EntryType.FILE), tuple("bravo.bin", EntryType.FILE),
                        tuple("charlie", EntryType.DIRECTORY));
        assertThat(entries).filteredOn(entry -> entry.type() == EntryType.FILE)
                .extracting(FtpEntry::name, FtpEntry::size)
                .containsExactlyInAnyOrder(tuple("alpha.txt", (long) ALPHA.length),
                        tuple("bravo.bin", (long) BRAVO.length));
        assertThat(entries).allSatisfy(entry -> assertThat(entry.modified()).as(entry.name()).isNotNull());
    }

    private static byte[] contentOf(String name) {
        return ("the file named " + name + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void upload(FtpSession session, String path, byte[] content) {
        // Deferred, so that a refused upload never allocates a buffer it cannot release.
        Long sent = session.upload(path, Mono.fromSupplier(() -> Unpooled.wrappedBuffer(content))).block(STEP);
        assertThat(sent).as("bytes sent to " + path).isEqualTo(content.length);
    }

    private static byte[] download(FtpSession session, String path) {
        return session.download(path)
                .collect(ByteArrayOutputStream::new, (out, buffer) -> out.writeBytes(ByteBufUtil.getBytes(buffer)))
                .map(ByteArrayOutputStream::toByteArray)
                .block(STEP);
    }

    private static List<String> names(FtpSession session, String directory) {
        return session.list(directory).map(FtpEntry::name).collectList().block(STEP);
    }

    /** The SHA-256 of a stream of borrowed buffers, each read before it is released. */
    private static String sha256(Flux<ByteBuf> data) {
        MessageDigest digest = data.reduce(TestFiles.newDigest(), (md, buffer) -> {
            md.update(buffer.nioBuffer());
            return md;
        }).block(STEP);
        return HexFormat.of().formatHex(digest.digest());
    }
}
