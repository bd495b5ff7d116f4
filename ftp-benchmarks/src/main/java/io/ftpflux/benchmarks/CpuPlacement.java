package io.ftpflux.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Splits the CPUs between the server side and the client side of a loopback benchmark, with {@code taskset(1)}:
 * the server's threads on the last CPU, every other thread of the process (the clients, their event loops, the
 * JIT and GC) on the others.
 *
 * <p>Why: on two cores, a loopback transfer runs at one of two speeds depending on whether the scheduler happens
 * to put the sending and the receiving thread on the same core (they take turns) or on different ones (they run
 * at once); each JVM fork draws one placement and keeps it, so unpinned results of the same code differed by up to
 * 1.8x from fork to fork, and ratios between rows meant nothing. Pinned, every row runs with the server on a core of its
 * own, as it would on another machine.
 *
 * <p>Linux only, and on by default there; {@code -Dftpflux.bench.pinning=false} turns it off. Where
 * {@code taskset} is missing or there is a single CPU, nothing is pinned and {@link #split()} says so.
 */
public final class CpuPlacement {

    /** The system property that turns pinning off when {@code false}. */
    public static final String PROPERTY = "ftpflux.bench.pinning";

    private static final Path TASKSET = Path.of("/usr/bin/taskset");
    private static final long TASKSET_TIMEOUT_SECONDS = 10;

    private final int serverCpu;
    private final String clientCpus;
    private final String originalCpus;

    private CpuPlacement(int serverCpu, String clientCpus, String originalCpus) {
        this.serverCpu = serverCpu;
        this.clientCpus = clientCpus;
        this.originalCpus = originalCpus;
    }

    /**
     * Moves every thread of this process off the last CPU, which is kept for the server's threads.
     *
     * @return the placement now in force, or empty when pinning is off, unavailable, or there is one CPU
     */
    public static Optional<CpuPlacement> split() {
        Optional<CpuPlacement> planned = plan();
        if (planned.isEmpty()) {
            return planned;
        }
        try {
            taskset("-a", "-c", "-p", planned.get().clientCpus, Long.toString(ProcessHandle.current().pid()));
            return planned;
        } catch (IOException e) {
            System.err.println("CPU pinning skipped: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Works out the split {@link #split()} would make, without pinning anything.
     *
     * @return the placement, or empty when pinning is off, unavailable, or there is one CPU
     */
    public static Optional<CpuPlacement> plan() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) || Runtime.getRuntime().availableProcessors() < 2
                || !Files.isExecutable(TASKSET) || !Files.exists(Path.of("/proc/thread-self"))) {
            return Optional.empty();
        }
        try {
            String current = taskset("-c", "-p", Long.toString(ProcessHandle.current().pid()));
            String original = current.substring(current.lastIndexOf(':') + 1).strip();
            int[] allowed = cpuList(original);
            if (allowed.length < 2) {
                return Optional.empty();
            }
            StringBuilder client = new StringBuilder();
            for (int i = 0; i < allowed.length - 1; i++) {
                client.append(i == 0 ? "" : ",").append(allowed[i]);
            }
            return Optional.of(new CpuPlacement(allowed[allowed.length - 1], client.toString(), original));
        } catch (IOException e) {
            System.err.println("CPU pinning unavailable: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Pins the calling thread to the server's CPU.
     *
     * @throws IOException if {@code taskset} fails
     */
    public void pinServerThread() throws IOException {
        String task = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        taskset("-c", "-p", Integer.toString(serverCpu), task);
    }

    /**
     * Returns the CPU the server's threads run on.
     *
     * @return the CPU number
     */
    public int serverCpu() {
        return serverCpu;
    }

    /**
     * Returns the CPUs every other thread runs on.
     *
     * @return a CPU list as {@code taskset -c} takes it
     */
    public String clientCpus() {
        return clientCpus;
    }

    /**
     * Gives every thread of this process back the CPUs it had before {@link #split()}, as far as it can: a
     * thread that ends while {@code taskset -a} walks the threads makes it fail, and that must not fail the
     * benchmark, whose numbers are already taken.
     */
    public void release() {
        try {
            taskset("-a", "-c", "-p", originalCpus, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            System.err.println("CPU pinning not fully released: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    @Override
    public String toString() {
        return "server on CPU " + serverCpu + ", clients on CPU " + clientCpus;
    }

    /** Parses a CPU list such as {@code 0-3,6}. */
    private static int[] cpuList(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .flatMapToInt(range -> {
                    int dash = range.indexOf('-');
                    if (dash < 0) {
                        return IntStream.of(Integer.parseInt(range));
                    }
                    return IntStream.rangeClosed(Integer.parseInt(range.substring(0, dash)),
                            Integer.parseInt(range.substring(dash + 1)));
                })
                .toArray();
    }

    private static String taskset(String... arguments) throws IOException {
        String[] command = new String[arguments.length + 1];
        command[0] = TASKSET.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream output = process.getInputStream()) {
            String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TASKSET_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("taskset " + String.join(" ", arguments) + " failed: " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running taskset", e);
        } finally {
            process.destroy();
        }
    }
}
