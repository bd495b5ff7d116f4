package io.ftpflux.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code ftpflux} command line in this process and captures what it writes and returns. */
final class Cli {

    /**
     * What one run produced.
     *
     * @param exitCode the exit code
     * @param out standard output as text
     * @param err standard error
     * @param bytes what {@code get URL -} wrote to standard output
     */
    record Result(int exitCode, String out, String err, byte[] bytes) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /**
     * Runs with an environment that has no netrc file, plus the given variables.
     *
     * @param environment extra environment variables
     * @param args the arguments
     * @return the result
     */
    static Result run(Map<String, String> environment, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("NETRC", "/nonexistent/netrc"));
        env.putAll(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine commandLine = FtpfluxCli.newCommandLine(env, bytes);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString(), bytes.toByteArray());
    }

    /**
     * Runs with an empty environment (no netrc file).
     *
     * @param args the arguments
     * @return the result
     */
    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
