/**
 * The blocking facade over ftp-reactive, for scripts and plain callers (JShell, JBang, a {@code main} method):
 * {@link io.ftpflux.blocking.BlockingFtpClient} opens {@link io.ftpflux.blocking.BlockingFtpSession}s whose
 * methods wait for the reactive engine's results, so the protocol (RFC 959 and its extensions) is implemented once.
 *
 * <p>Every wait is bounded by a timeout and ends with the {@code io.ftpflux.core} exceptions the reactive API
 * signals, unwrapped. Waits use {@link java.util.concurrent.locks.LockSupport parking}, never a monitor, so callers
 * may run on virtual threads without pinning their carriers. No method may be called on an event loop.
 */
@NullMarked
package io.ftpflux.blocking;

import org.jspecify.annotations.NullMarked;
