/**
 * The representation of transferred data (RFC 959 §3.1.1): the ASCII type's network form, whose lines end with
 * CRLF, converted to and from local line ends.
 *
 * <p>No offset mapping is offered for restarts in the ASCII type, on purpose. RFC 3659 §5 counts a REST offset
 * in the transferred (network) bytes, but servers disagree: many seek their stored file to the offset as given,
 * so that the same local prefix would need a different offset on each server, and a wrong one silently
 * corrupts the file. Restarts of converted transfers are therefore refused by the engine; binary transfers,
 * where every count agrees, restart safely.
 */
@NullMarked
package io.ftpflux.core.transfer;

import org.jspecify.annotations.NullMarked;
