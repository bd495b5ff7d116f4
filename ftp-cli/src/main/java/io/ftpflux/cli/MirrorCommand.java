package io.ftpflux.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ftpflux.blocking.BlockingFtpClient;
import io.ftpflux.blocking.BlockingFtpSession;
import io.ftpflux.core.FtpPermanentReplyException;
import io.ftpflux.core.FtpReplyException;
import io.ftpflux.core.listing.EntryType;
import io.ftpflux.core.listing.FtpEntry;
import io.ftpflux.reactive.DownloadOptions;
import io.ftpflux.reactive.UploadOptions;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ftpflux mirror URL DIR}: downloads a directory tree; {@code --reverse DIR URL} uploads one. Names from the
 * server never leave the target directory: anything but a plain single name is skipped with a warning
 * ({@link SafeNames}). Server symbolic links are skipped unless {@code --follow-links}. Files move over at most
 * {@code --parallel} sessions.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download a directory tree: mirror URL DIR.", "Upload one: mirror --reverse DIR URL."})
final class MirrorCommand extends RemoteCommand {

    /** The deepest tree followed: a bound on link cycles, and on a server that invents directories forever. */
    static final int MAX_DEPTH = 64;
    /** How long a failed mirror waits for its interrupted transfers to let go of their sessions. */
    private static final Duration WORKER_SHUTDOWN = Duration.ofSeconds(10);

    /** The most sessions one mirror opens. */
    static final int MAX_PARALLEL = 16;

    @Parameters(index = "0", paramLabel = "FROM", description = "The remote directory URL (the local DIR with --reverse).")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "The local directory (the remote URL with --reverse).")
    String to;

    @Option(names = "--reverse", description = "Upload the local DIR to the URL instead.")
    boolean reverse;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Transfer over up to N sessions at once, 1 to " + MAX_PARALLEL + " (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--follow-links", description = "Follow symbolic links (the server's, or local ones with --reverse).")
    boolean followLinks;

    @Option(names = "--json", description = "Print a JSON summary (files, bytes, seconds, skipped, failed).")
    boolean json;

    private final List<String> skipped = new ArrayList<>();
    private final List<Future<Long>> transfers = new ArrayList<>();
    private final AtomicLong completedBytes = new AtomicLong();
    private final AtomicLong expectedBytes = new AtomicLong();
    private final Set<Path> partsInFlight = ConcurrentHashMap.newKeySet();
    private Connector warnings;
    private volatile boolean walked;

    @Override
    public Integer call() throws Exception {
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            throw new ParameterException(spec.commandLine(), "--parallel must be 1 to " + MAX_PARALLEL + ": " + parallel);
        }
        FtpUrl url = url(reverse ? to : from);
        Path local = Path.of(reverse ? from : to);
        if (reverse && !Files.isDirectory(local)) {
            throw new ParameterException(spec.commandLine(), "not a local directory: " + local);
        }
        // One configuration for every session: the credentials are resolved (and any warning printed) once.
        Connector connector = connector();
        warnings = connector;
        BlockingFtpClient client = Connector.blocking(connector.client(url));
        long start = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(parallel, task -> {
            Thread thread = new Thread(task, "ftpflux-mirror");
            thread.setDaemon(true);
            return thread;
        });
        Throwable firstFailure = null;
        int failed = 0;
        try (SessionPool pool = new SessionPool(parallel, client::connect);
                Progress progress = Progress.start(progressShown(), err(), "mirror",
                        () -> walked ? expectedBytes.get() : -1, this::bytesSoFar)) {
            try {
                BlockingFtpSession walker = pool.acquire();
                try {
                    if (reverse) {
                        walkLocal(walker, local, remotePath(url), pool, workers);
                    } else {
                        Files.createDirectories(local);
                        walkRemote(walker, remotePath(url), local, local.toRealPath(), 0, pool, workers);
                    }
                } finally {
                    pool.release(walker);
                }
                walked = true;
                for (Future<Long> transfer : transfers) {
                    try {
                        transfer.get();
                    } catch (ExecutionException e) {
                        failed++;
                        firstFailure = firstFailure == null ? e.getCause() : firstFailure;
                    }
                }
            } finally {
                // After a failed walk, transfers still running are interrupted (the facade cancels them) and give
                // their sessions back before the pool closes them.
                workers.shutdownNow();
                workers.awaitTermination(WORKER_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
            }
        }
        report(transfers.size() - failed, failed, System.nanoTime() - start);
        if (firstFailure != null) {
            err().println("ftpflux: " + failed + " of " + transfers.size() + " transfers failed; the first: "
                    + ExitCodes.describe(firstFailure));
            err().flush();
            return ExitCodes.of(firstFailure);
        }
        return ExitCodes.OK;
    }

    private FtpUrl url(String text) {
        try {
            return FtpUrl.parse(text);
        } catch (IllegalArgumentException bad) {
            throw new ParameterException(spec.commandLine(), bad.getMessage());
        }
    }

    private void walkRemote(BlockingFtpSession session, String remoteDir, Path localDir, Path root, int depth,
            SessionPool pool, ExecutorService workers) throws IOException {
        if (depth > MAX_DEPTH) {
            skip(remoteDir, "deeper than " + MAX_DEPTH + " levels");
            return;
        }
        // Refuse to write through a local symbolic link that leads out of the target.
        if (!localDir.toRealPath().startsWith(root)) {
            skip(remoteDir, "its local directory leads outside " + root);
            return;
        }
        for (FtpEntry entry : session.list(remoteDir)) {
            if (entry.isSelfOrParent()) {
                continue;
            }
            String name = entry.name();
            Optional<String> problem = SafeNames.problem(name);
            if (problem.isPresent()) {
                skip(child(remoteDir, name), problem.get());
                continue;
            }
            String remote = child(remoteDir, name);
            Path target = localDir.resolve(name);
            EntryType type = entry.type();
            if (type == EntryType.SYMLINK) {
                if (!followLinks) {
                    skip(remote, "a symbolic link (use --follow-links to follow it)");
                    continue;
                }
                try {
                    type = session.stat(remote).type();
                } catch (FtpReplyException refused) {
                    skip(remote, "a symbolic link the server does not resolve (" + ExitCodes.describe(refused) + ")");
                    continue;
                }
            }
            if (type == EntryType.DIRECTORY) {
                Files.createDirectories(target);
                walkRemote(session, remote, target, root, depth + 1, pool, workers);
            } else if (type == EntryType.FILE) {
                if (entry.size() != null) {
                    expectedBytes.addAndGet(entry.size());
                }
                transfers.add(workers.submit(() -> download(pool, remote, target)));
            } else {
                skip(remote, "neither a file nor a directory");
            }
        }
    }

    private long download(SessionPool pool, String remote, Path target) throws Exception {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        BlockingFtpSession session = pool.acquire();
        partsInFlight.add(part);
        try {
            long bytes = session.download(remote, target, DownloadOptions.defaults()).bytes();
            completedBytes.addAndGet(bytes);
            return bytes;
        } catch (Exception failure) {
            warnings.warn("could not download " + SafeNames.printable(remote) + ": " + ExitCodes.describe(failure));
            throw failure;
        } finally {
            partsInFlight.remove(part);
            pool.release(session);
        }
    }

    private void walkLocal(BlockingFtpSession session, Path localRoot, String remoteRoot, SessionPool pool,
            ExecutorService workers) throws IOException {
        if (!remoteRoot.equals(".")) {
            makeDirectory(session, remoteRoot);
        }
        Map<Path, String> remoteDirs = new ConcurrentHashMap<>();
        remoteDirs.put(localRoot, remoteRoot);
        Set<FileVisitOption> options = followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : Set.of();
        Files.walkFileTree(localRoot, options, MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (dir.equals(localRoot)) {
                    return FileVisitResult.CONTINUE;
                }
                String remote = remoteName(dir, remoteDirs);
                if (remote == null) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                makeDirectory(session, remote);
                remoteDirs.put(dir, remote);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String remote = remoteName(file, remoteDirs);
                if (remote == null) {
                    return FileVisitResult.CONTINUE;
                }
                if (!attributes.isRegularFile()) {
                    skip(file.toString(), attributes.isSymbolicLink()
                            ? "a symbolic link (use --follow-links to follow it)" : "not a regular file");
                    return FileVisitResult.CONTINUE;
                }
                expectedBytes.addAndGet(attributes.size());
                transfers.add(workers.submit(() -> upload(pool, file, remote)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                skip(file.toString(), "unreadable: " + failure.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private @Nullable String remoteName(Path local, Map<Path, String> remoteDirs) {
        String name = local.getFileName().toString();
        Optional<String> problem = SafeNames.problem(name);
        if (problem.isPresent()) {
            skip(local.toString(), problem.get());
            return null;
        }
        return child(remoteDirs.get(local.getParent()), name);
    }

    private void makeDirectory(BlockingFtpSession session, String remote) {
        try {
            session.makeDirectory(remote);
        } catch (FtpPermanentReplyException refused) {
            // MKD of an existing directory is refused (550); that one is fine, anything else is not.
            boolean exists;
            try {
                exists = session.stat(remote).type() == EntryType.DIRECTORY;
            } catch (FtpReplyException notThere) {
                exists = false;
            }
            if (!exists) {
                throw refused;
            }
        }
    }

    private long upload(SessionPool pool, Path file, String remote) throws Exception {
        BlockingFtpSession session = pool.acquire();
        try {
            long bytes = session.upload(remote, file, UploadOptions.defaults().withVerifySize(true)).bytes();
            completedBytes.addAndGet(bytes);
            return bytes;
        } catch (Exception failure) {
            warnings.warn("could not upload " + file + ": " + ExitCodes.describe(failure));
            throw failure;
        } finally {
            pool.release(session);
        }
    }

    private long bytesSoFar() {
        long inFlight = 0;
        for (Path part : partsInFlight) {
            try {
                inFlight += Files.size(part);
            } catch (IOException notThereNow) {
                // Created a moment later, or already renamed: counted once it completes.
            }
        }
        return completedBytes.get() + inFlight;
    }

    private void skip(String what, String reason) {
        synchronized (skipped) {
            skipped.add(what);
        }
        warnings.warn("skipping '" + SafeNames.printable(what) + "': " + reason);
    }

    private void report(int files, int failed, long nanos) {
        if (json) {
            ObjectNode node = EntryFormat.JSON.createObjectNode();
            node.put("files", files);
            node.put("bytes", completedBytes.get());
            node.put("seconds", Math.round(nanos / 1e6) / 1e3);
            node.put("failed", failed);
            ArrayNode names = node.putArray("skipped");
            skipped.forEach(names::add);
            printJson(node);
        } else if (!connection.quiet) {
            out().printf("%s %d files (%s) in %.2f s; %d skipped, %d failed%n", reverse ? "Uploaded" : "Downloaded",
                    files, Progress.bytes(completedBytes.get()), nanos / 1e9, skipped.size(), failed);
            out().flush();
        }
    }
}
