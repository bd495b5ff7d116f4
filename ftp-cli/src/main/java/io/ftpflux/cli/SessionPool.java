package io.ftpflux.cli;

import io.ftpflux.blocking.BlockingFtpSession;
import java.util.ArrayDeque;
import java.util.Deque;
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
        if (session.isOpen()) {
            synchronized (idle) {
                idle.push(session);
            }
        } else {
            closeQuietly(session);
        }
        permits.release();
    }

    /** Closes the idle sessions (QUIT); call once every session has been released. */
    @Override
    public void close() {
        synchronized (idle) {
            idle.forEach(SessionPool::closeQuietly);
            idle.clear();
        }
    }

    private static void closeQuietly(BlockingFtpSession session) {
        try {
            session.close();
        } catch (RuntimeException alreadyBroken) {
            // The transfer's own failure is what gets reported; a failing QUIT on a broken session adds nothing.
        }
    }
}
