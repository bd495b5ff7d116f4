/**
 * Directory listings: entries and the parsers for MLSD/MLST (RFC 3659 §7) and LIST output of real servers.
 */
@NullMarked
package io.ftpflux.core.listing;

import org.jspecify.annotations.NullMarked;
