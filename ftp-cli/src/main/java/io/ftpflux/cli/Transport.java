package io.ftpflux.cli;

import io.ftpflux.reactive.DataConnectionMode;
import io.ftpflux.reactive.FtpClient;
import io.ftpflux.reactive.FtpTls;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one place that maps the URL scheme and the transport options ({@code ftpes://}, {@code ftps://},
 * {@code --ca-file}, {@code --insecure}, {@code --active}) onto the client configuration.
 */
final class Transport {

    private Transport() {
    }

    /**
     * Configures TLS (RFC 4217) from the scheme and the data connection mode, or refuses a contradictory
     * combination with a usage error.
     *
     * @param builder the client being configured
     * @param url the server's URL, whose scheme selects TLS
     * @param options the parsed options
     * @param spec the command, for usage errors
     * @param warn where warnings go
     * @throws ParameterException for TLS options on a plain URL, both {@code --ca-file} and {@code --insecure}, or
     *     a PEM file that cannot be read
     */
    static void apply(FtpClient.Builder builder, FtpUrl url, ConnectionOptions options, CommandSpec spec,
            Consumer<String> warn) {
        builder.dataConnectionMode(options.active ? DataConnectionMode.ACTIVE : DataConnectionMode.PASSIVE);
        if (url.scheme() == FtpUrl.Scheme.FTP) {
            if (options.caFile != null || options.insecure) {
                throw new ParameterException(spec.commandLine(),
                        "--ca-file and --insecure apply to ftpes:// and ftps:// URLs only");
            }
            return;
        }
        if (options.caFile != null && options.insecure) {
            throw new ParameterException(spec.commandLine(), "--ca-file and --insecure exclude each other");
        }
        FtpTls tls = url.scheme() == FtpUrl.Scheme.FTPES ? FtpTls.explicit() : FtpTls.implicit();
        if (options.caFile != null) {
            try {
                tls = tls.withTrustedCertificates(options.caFile);
            } catch (UncheckedIOException | IllegalArgumentException unusable) {
                String reason = unusable instanceof UncheckedIOException io && io.getCause() != null
                        ? unusable.getMessage() + ": " + io.getCause().getMessage()
                        : unusable.getMessage();
                throw new ParameterException(spec.commandLine(), "--ca-file: " + reason);
            }
        }
        if (options.insecure) {
            warn.accept("--insecure: no certificate or host name is checked; anyone on the path can read and change "
                    + "this connection");
            tls = tls.insecureTrustAllCertificates();
        }
        builder.tls(tls);
    }
}
