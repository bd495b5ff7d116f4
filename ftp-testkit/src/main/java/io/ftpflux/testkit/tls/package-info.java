/**
 * The self-signed TLS identity for {@code localhost} that the testkit's servers present, and the trust material
 * clients need to verify it (RFC 4217 FTPS over TLS, RFC 6125 host name checks against its subject alternative names).
 */
@NullMarked
package io.ftpflux.testkit.tls;

import org.jspecify.annotations.NullMarked;
