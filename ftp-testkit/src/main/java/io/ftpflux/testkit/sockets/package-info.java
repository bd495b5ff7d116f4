/**
 * A check that no test leaves a socket open: snapshots of the process's open sockets from Linux's
 * {@code /proc/self/fd}, and a Jupiter extension that compares them before and after each test.
 */
@NullMarked
package io.ftpflux.testkit.sockets;

import org.jspecify.annotations.NullMarked;
