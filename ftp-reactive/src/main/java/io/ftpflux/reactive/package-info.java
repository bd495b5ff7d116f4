/**
 * The reactive FTP/FTPS client on Reactor Netty: {@link io.ftpflux.reactive.FtpClient} configures,
 * {@link io.ftpflux.reactive.FtpSession} talks to one server over one control connection (RFC 959).
 *
 * <p>No thread per connection or per transfer: control and data connections live on Netty event loops, and
 * signals arrive on them, so subscribers must not block. Listings stream as lines arrive and transfers
 * stream with backpressure that reaches TCP.
 */
@NullMarked
package io.ftpflux.reactive;

import org.jspecify.annotations.NullMarked;
