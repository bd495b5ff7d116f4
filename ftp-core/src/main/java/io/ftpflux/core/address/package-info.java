/**
 * Data-connection addresses: PASV/EPSV reply parsing and PORT/EPRT formatting (RFC 959 §4.1.2, RFC 2428).
 */
@NullMarked
package io.ftpflux.core.address;

import org.jspecify.annotations.NullMarked;
