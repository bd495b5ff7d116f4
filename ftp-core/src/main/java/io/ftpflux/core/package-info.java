/**
 * The FTP protocol as values, and the exceptions every ftpflux module throws.
 *
 * <p>{@link io.ftpflux.core.FtpException} roots an unchecked hierarchy: reply errors split by category
 * (RFC 959 §4.2: transient 4yz, permanent 5yz), connection, protocol, timeout, security and data
 * integrity errors. Sub-packages hold commands, replies, data-connection addresses, features and
 * listings; nothing here performs I/O.
 */
@NullMarked
package io.ftpflux.core;

import org.jspecify.annotations.NullMarked;
