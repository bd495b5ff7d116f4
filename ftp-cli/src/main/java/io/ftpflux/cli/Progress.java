package io.ftpflux.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A one-line progress display on stderr for a transfer: bytes so far, percentage, rate and time left, redrawn in
 * place with {@code \r} at most five times a second by a daemon thread that samples a byte counter. It is shown
 * only on a terminal, so scripts and pipes see none of it.
 */
final class Progress implements AutoCloseable {

    private static final long REDRAW_MILLIS = 200;

    private final PrintWriter err;
    private final String label;
    private final LongSupplier total;
    private final LongSupplier done;
    private final long startNanos = System.nanoTime();
    private final @Nullable ScheduledExecutorService redraw;
    private int lastWidth;
    private long shown;

    private Progress(boolean shown, PrintWriter err, String label, LongSupplier total, LongSupplier done) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.done = done;
        if (!shown) {
            this.redraw = null;
            return;
        }
        this.redraw = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ftpflux-progress");
            thread.setDaemon(true);
            return thread;
        });
        redraw.scheduleAtFixedRate(this::draw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a display, or a silent one when it should not show.
     *
     * @param shown whether to show it (a terminal, and not {@code --quiet})
     * @param err where to draw
     * @param label what moves, such as a file name
     * @param total the bytes expected, or a negative number when unknown
     * @param done the bytes moved so far
     * @return the display; close it when the transfer ends (it draws the last line then)
     */
    static Progress start(boolean shown, PrintWriter err, String label, long total, LongSupplier done) {
        return new Progress(shown, err, label, () -> total, done);
    }

    /**
     * Starts a display whose total becomes known while it runs, such as a mirror's once its tree is walked.
     *
     * @param shown whether to show it (a terminal, and not {@code --quiet})
     * @param err where to draw
     * @param label what moves
     * @param total the bytes expected so far, or a negative number while unknown
     * @param done the bytes moved so far
     * @return the display; close it when the transfer ends (it draws the last line then)
     */
    static Progress start(boolean shown, PrintWriter err, String label, LongSupplier total, LongSupplier done) {
        return new Progress(shown, err, label, total, done);
    }

    /**
     * Tells whether this process runs on a terminal, where a progress line helps instead of polluting a log.
     *
     * @return {@code true} on an interactive terminal
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() is non-null even when redirected; Console.isTerminal() tells the truth there.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    /**
     * Renders one progress line.
     *
     * @param label what moves
     * @param done the bytes so far
     * @param total the bytes expected, or negative when unknown
     * @param elapsedNanos the time since the start
     * @return the line, without {@code \r}
     */
    static String render(String label, long done, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(label).append("  ").append(bytes(done));
        if (total >= 0) {
            line.append(" / ").append(bytes(total));
            line.append(String.format(Locale.ROOT, " %3d%%", total == 0 ? 100 : (int) (100 * Math.min(done, total) / total)));
        }
        line.append("  ").append(bytes((long) rate)).append("/s");
        if (total >= 0 && rate > 0 && done < total) {
            line.append("  ETA ").append(duration((long) ((total - done) / rate)));
        }
        return line.toString();
    }

    /**
     * Formats a byte count with a binary unit.
     *
     * @param bytes the count
     * @return for example {@code 12.5 MiB}
     */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String duration(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private synchronized void draw() {
        // Never backwards: a sampled file may have been renamed or not created yet when it is read.
        shown = Math.max(shown, done.getAsLong());
        String line = render(label, shown, total.getAsLong(), System.nanoTime() - startNanos);
        // Pad over the end of a longer previous line.
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        err.flush();
        lastWidth = line.length();
    }

    /**
     * Records the final count of a finished transfer, for the last line: the sampled counter may lag behind it.
     *
     * @param bytes the bytes the transfer moved in all
     */
    synchronized void complete(long bytes) {
        shown = Math.max(shown, bytes);
    }

    @Override
    public void close() {
        if (redraw == null) {
            return;
        }
        redraw.shutdownNow();
        try {
            redraw.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        err.println();
        err.flush();
    }
}
