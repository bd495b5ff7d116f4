package io.ftpflux.cli;

import io.ftpflux.blocking.BlockingFtpSession;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@code size} logged-in sessions for a parallel transfer, opened on first need and reused. A session that
 * the engine closed after a failure (a timeout, a broken connection) is dropped and replaced on the next need.
 */
final class SessionPool implements AutoCloseable {

    private final Semaphore permits;
    private final Supplier<BlockingFtpSession> opener;
    private final Deque<BlockingFtpSession> idle = new ArrayDeque<>();
    /** Guarded by {@code idle}: once closed, a session given back is closed instead of kept. */
    private boolean closed;

    /**
     * Creates an empty pool.
     *
     * @param size the most sessions open at once
     * @param opener connects and logs in
     */
    SessionPool(int size, Supplier<BlockingFtpSession> opener) {
        this.permits = new Semaphore(size);
        this.opener = opener;
    }

    /**
     * Takes a session, waiting while all are in use, opening one when none is idle.
     *
     * @return the session; give it back with {@link #release(BlockingFtpSession)}
     * @throws InterruptedException if interrupted while waiting
     */
    BlockingFtpSession acquire() throws InterruptedException {
        permits.acquire();
        BlockingFtpSession session;
        synchronized (idle) {
            session = idle.poll();
        }
        if (session != null) {
            return session;
        }
        try {
            return opener.get();
        } catch (RuntimeException failed) {
            permits.release();
            throw failed;
        }
    }

    /**
     * Gives a session back; one that is no longer open is closed for good.
     *
     * @param session the session from {@link #acquire()}
     */
    void release(BlockingFtpSession session) {
        boolean kept = false;
        if (session.isOpen()) {
            synchronized (idle) {
                if (!closed) {
                    idle.push(session);
                    kept = true;
                }
            }
        }
        if (!kept) {
            // Broken, or given back after the pool closed (a transfer that outlived the mirror's wait for it).
            closeQuietly(session);
        }
        permits.release();
    }

    /**
     * Closes the idle sessions (QUIT); a session still in use is closed when it is given back. Call it once the
     * work is done or abandoned.
     */
    @Override
    public void close() {
        List<BlockingFtpSession> toClose;
        synchronized (idle) {
            closed = true;
            toClose = List.copyOf(idle);
            idle.clear();
        }
        toClose.forEach(SessionPool::closeQuietly);
    }

    private static void closeQuietly(BlockingFtpSession session) {
        try {
            session.close();
        } catch (RuntimeException alreadyBroken) {
            // The transfer's own failure is what gets reported; a failing QUIT on a broken session adds nothing.
        }
    }
}
