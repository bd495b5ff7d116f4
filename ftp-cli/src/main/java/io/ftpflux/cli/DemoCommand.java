package io.ftpflux.cli;

import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.blocking.BlockingFtpClient;
import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpCredentials;
import io.ftpflux.reactive.FtpTimeouts;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ftpflux demo}: starts an FTP server in this process on 127.0.0.1 and tours the SDK against it: login,
 * a streamed upload and download checked by SHA-256 with their throughput (and a progress line on a terminal), a
 * listing, a small tree mirrored down to a temporary directory and verified, file operations, a refused command and
 * a cancelled transfer that leave the session usable, all through the blocking facade ({@link BlockingFtpSession}).
 * It ends by itself and leaves nothing running.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded FTP server on 127.0.0.1 and tour the SDK against it.")
final class DemoCommand implements Callable<Integer> {

    private static final int CHUNK = 64 * 1024;

    /** The tree the demo mirrors: a few directories and files, relative path to content. */
    private static final Map<String, String> TREE = tree();

    @Spec
    private CommandSpec spec;

    @Option(names = "--size-mib", defaultValue = "256", description = "Size of the demo file in MiB (default: ${DEFAULT-VALUE}).")
    private int sizeMib;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long size = (long) sizeMib * 1024 * 1024;
        try (DemoServer server = DemoServer.start()) {
            out.printf("Started Apache MINA FtpServer on %s:%d, serving %s%n", DemoServer.HOST, server.port(), server.root());
            BlockingFtpClient client = BlockingFtpClient.of(FtpClient.builder()
                    .host(DemoServer.HOST)
                    .port(server.port())
                    .credentials(FtpCredentials.of(DemoServer.USER, DemoServer.PASSWORD))
                    .timeouts(FtpTimeouts.of(Duration.ofSeconds(10)))
                    .build());
            try (BlockingFtpSession session = client.connect()) {
                out.printf("Logged in as %s; the server offers %s%n", DemoServer.USER, session.features().names());
                out.printf("Working directory: %s%n", session.workingDirectory());
                session.makeDirectory("demo");

                MessageDigest sent = sha256();
                AtomicLong uploaded = new AtomicLong();
                long start = System.nanoTime();
                try (Progress progress = Progress.start(Progress.onTerminal(), err, "upload data.bin", size, uploaded::get);
                        OutputStream upload = new CountingOutputStream(session.openOutputStream("demo/data.bin"), uploaded)) {
                    writeGenerated(upload, size, sent);
                }
                out.printf("Uploaded %s through an OutputStream of %d KiB writes: %s%n", mib(size), CHUNK / 1024,
                        rate(size, System.nanoTime() - start));

                out.println("Listing demo/ after the upload:");
                EntryFormat.longLines(session.list("demo")).forEach(line -> out.println("  " + line));

                MessageDigest received = sha256();
                AtomicLong downloaded = new AtomicLong();
                start = System.nanoTime();
                try (Progress progress = Progress.start(Progress.onTerminal(), err, "download data.bin", size,
                        downloaded::get);
                        InputStream download = session.openInputStream("demo/data.bin")) {
                    byte[] buffer = new byte[CHUNK];
                    for (int read = download.read(buffer); read >= 0; read = download.read(buffer)) {
                        received.update(buffer, 0, read);
                        downloaded.addAndGet(read);
                    }
                }
                out.printf("Downloaded %s through an InputStream: %s%n", mib(downloaded.get()),
                        rate(downloaded.get(), System.nanoTime() - start));
                String sentHash = HexFormat.of().formatHex(sent.digest());
                String receivedHash = HexFormat.of().formatHex(received.digest());
                out.printf("SHA-256 sent     %s%nSHA-256 received %s -> %s%n", sentHash, receivedHash,
                        sentHash.equals(receivedHash) ? "identical" : "DIFFERENT");
                if (!sentHash.equals(receivedHash)) {
                    return 1;
                }
                if (!mirrorTree(session, out)) {
                    return 1;
                }

                out.printf("SIZE says %s; renaming, then asking for a file that is not there...%n",
                        mib(session.size("demo/data.bin")));
                session.rename("demo/data.bin", "demo/renamed.bin");
                try {
                    session.size("demo/data.bin");
                } catch (FtpPermanentReplyException refused) {
                    out.printf("  refused as expected (%s), the session is still open: %s%n",
                            refused.reply().code(), session.isOpen());
                }

                long taken;
                try (InputStream partial = session.openInputStream("demo/renamed.bin")) {
                    taken = partial.readNBytes(4 * CHUNK).length;
                }
                out.printf("Closed a download after %d KiB of %s; the next command still works: NOOP -> ",
                        taken / 1024, mib(size));
                session.noop();
                out.println("200");

                session.delete("demo/renamed.bin");
                session.removeDirectory("demo");
            }
            out.println("Closed the session (QUIT) and stopped the server. Done.");
        }
        out.flush();
        return 0;
    }

    private static Map<String, String> tree() {
        Map<String, String> tree = new LinkedHashMap<>();
        tree.put("README.txt", "A small tree that ftpflux demo mirrors.\n");
        tree.put("docs/guide.txt", "Directories are walked with LIST or MLSD.\n".repeat(50));
        tree.put("docs/notes/today.txt", "Each file is downloaded through a .part file.\n");
        tree.put("data/numbers.csv", "n,square\n" + Stream.iterate(1, n -> n + 1).limit(1000)
                .map(n -> n + "," + n * n + "\n").reduce("", String::concat));
        tree.put("data/empty.bin", "");
        return tree;
    }

    /**
     * Uploads {@link #TREE} under {@code demo/tree}, mirrors it down into a temporary directory by listing and
     * downloading each directory in turn, compares every local file with what was uploaded, and removes both
     * copies.
     */
    private static boolean mirrorTree(BlockingFtpSession session, PrintWriter out) throws IOException {
        // Parents before children: each file's directories, in the order the files name them.
        Set<String> directories = new LinkedHashSet<>(List.of("demo/tree"));
        for (String file : TREE.keySet()) {
            for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
                directories.add("demo/tree/" + file.substring(0, slash));
            }
        }
        directories.forEach(session::makeDirectory);
        for (Map.Entry<String, String> file : TREE.entrySet()) {
            session.upload("demo/tree/" + file.getKey(),
                    new ByteArrayInputStream(file.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        Path local = Files.createTempDirectory("ftpflux-demo-mirror");
        try {
            int[] counts = new int[2];
            mirror(session, "demo/tree", local, counts);
            int verified = 0;
            for (Map.Entry<String, String> file : TREE.entrySet()) {
                Path copy = local.resolve(file.getKey());
                if (Files.isRegularFile(copy) && Files.readString(copy, StandardCharsets.UTF_8).equals(file.getValue())) {
                    verified++;
                }
            }
            boolean complete = verified == TREE.size() && counts[1] == TREE.size();
            out.printf("Mirrored demo/tree (%d directories, %d files) into %s: %d of %d files identical -> %s%n",
                    counts[0], counts[1], local, verified, TREE.size(), complete ? "mirror verified" : "MIRROR DIFFERS");
            return complete;
        } finally {
            try (Stream<Path> walk = Files.walk(local)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
            removeTree(session, "demo/tree");
        }
    }

    /** Downloads a remote directory into a local one, directory by directory; counts[0] directories, counts[1] files. */
    private static void mirror(BlockingFtpSession session, String remote, Path local, int[] counts) throws IOException {
        Files.createDirectories(local);
        for (FtpEntry entry : session.list(remote)) {
            if (entry.isSelfOrParent() || SafeNames.problem(entry.name()).isPresent()) {
                continue;
            }
            String child = remote + "/" + entry.name();
            if (entry.type() == EntryType.DIRECTORY) {
                counts[0]++;
                mirror(session, child, local.resolve(entry.name()), counts);
            } else if (entry.type() == EntryType.FILE) {
                counts[1]++;
                session.download(child, local.resolve(entry.name()));
            }
        }
    }

    private static void removeTree(BlockingFtpSession session, String remote) {
        for (FtpEntry entry : session.list(remote)) {
            if (entry.isSelfOrParent()) {
                continue;
            }
            String child = remote + "/" + entry.name();
            if (entry.type() == EntryType.DIRECTORY) {
                removeTree(session, child);
            } else {
                session.delete(child);
            }
        }
        session.removeDirectory(remote);
    }

    /** Counts the bytes written through it, for the progress line. */
    private static final class CountingOutputStream extends FilterOutputStream {

        private final AtomicLong count;

        CountingOutputStream(OutputStream target, AtomicLong count) {
            super(target);
            this.count = count;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count.addAndGet(length);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count.incrementAndGet();
        }
    }

    /** Writes a deterministic stream of bytes, hashed as it is produced. */
    private static void writeGenerated(OutputStream target, long size, MessageDigest digest) throws IOException {
        byte[] pattern = new byte[CHUNK];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + (i >>> 8));
        }
        for (long index = 0; index * CHUNK < size; index++) {
            int length = (int) Math.min(CHUNK, size - index * CHUNK);
            pattern[0] = (byte) index;
            digest.update(pattern, 0, length);
            target.write(pattern, 0, length);
        }
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Throughput in decimal megabytes a second, as network rates are usually given. */
    private static String rate(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%.2f s, throughput %.1f MB/s", seconds, bytes / 1e6 / seconds);
    }
}
