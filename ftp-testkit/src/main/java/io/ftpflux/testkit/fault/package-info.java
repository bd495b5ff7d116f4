/**
 * A scripted fake FTP server for fault-injection tests, on Reactor Netty over loopback.
 *
 * <p>{@link io.ftpflux.testkit.fault.FaultServer} behaves like a small, correct FTP server (RFC 959, with the
 * extensions of RFC 2389, RFC 2428 and RFC 3659) over an {@link io.ftpflux.testkit.fault.InMemoryFileSystem},
 * until a test attaches {@link io.ftpflux.testkit.fault.Fault faults} to a command or to the greeting. Every
 * command it receives is recorded as a {@link io.ftpflux.testkit.fault.ReceivedCommand}, with a bounded wait for
 * the one a test expects.
 *
 * <pre>{@code
 * class DownloadFaultsTest {
 *     @RegisterExtension
 *     final FaultServerExtension ftp = new FaultServerExtension();
 *
 *     @Test
 *     @Timeout(10)
 *     void abortsAStalledDownload() {
 *         FaultServer server = ftp.server();
 *         server.fileSystem().putFile("/big.bin", RepeatingContent.cycling(1L << 30));
 *         server.onCommand("RETR", Fault.stallDataAfter(64 * 1024));
 *         // ... connect the client to 127.0.0.1:ftp.port(), log in as test/test, download /big.bin ...
 *         server.awaitCommand("ABOR", Duration.ofSeconds(5));
 *     }
 * }
 * }</pre>
 */
@NullMarked
package io.ftpflux.testkit.fault;

import org.jspecify.annotations.NullMarked;
