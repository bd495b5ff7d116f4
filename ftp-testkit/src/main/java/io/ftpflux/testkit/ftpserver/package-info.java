/**
 * An embedded Apache MINA FtpServer for integration tests (RFC 959 FTP, RFC 4217 explicit and implicit FTPS), bound
 * to loopback and started by a JUnit 5 extension.
 */
@NullMarked
package io.ftpflux.testkit.ftpserver;

import org.jspecify.annotations.NullMarked;
