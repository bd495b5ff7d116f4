/**
 * BlockHound for tests: installs it so that every blocking call on a non-blocking thread (a Reactor Netty event loop,
 * a Reactor parallel worker) is recorded as well as thrown, and fails the test even when the thrown error is
 * swallowed on that thread.
 */
@NullMarked
package io.ftpflux.testkit.blockhound;

import org.jspecify.annotations.NullMarked;
