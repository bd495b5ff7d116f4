/**
 * Observability hooks: {@link io.ftpflux.reactive.event.FtpEventListener} receives paired start and end events
 * for connects, logins, commands (RFC 959 §4), data connections and transfers.
 */
@NullMarked
package io.ftpflux.reactive.event;

import org.jspecify.annotations.NullMarked;
