package io.ftpflux.cli;

import io.ftpflux.reactive.DataConnectionMode;
import io.ftpflux.reactive.FtpClient;
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
     * Configures TLS and the data connection mode, or refuses what this build cannot do with a usage error.
     *
     * @param builder the client being configured
     * @param url the server's URL, whose scheme selects TLS
     * @param options the parsed options
     * @param spec the command, for usage errors
     * @param warn where warnings go
     * @throws ParameterException for an option this build does not support, or a contradictory combination
     */
    static void apply(FtpClient.Builder builder, FtpUrl url, ConnectionOptions options, CommandSpec spec,
            Consumer<String> warn) {
        if (url.scheme() != FtpUrl.Scheme.FTP) {
            throw unsupported(spec, url.scheme().text() + ":// (TLS)");
        }
        if (options.caFile != null || options.insecure) {
            throw new ParameterException(spec.commandLine(),
                    "--ca-file and --insecure apply to ftpes:// and ftps:// URLs only");
        }
        builder.dataConnectionMode(options.active ? DataConnectionMode.ACTIVE : DataConnectionMode.PASSIVE);
    }

    private static ParameterException unsupported(CommandSpec spec, String what) {
        return new ParameterException(spec.commandLine(), what + " is not supported in this build");
    }
}
