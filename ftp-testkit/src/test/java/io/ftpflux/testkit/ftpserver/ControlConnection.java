package io.ftpflux.testkit.ftpserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** A minimal FTP control connection over a plain or TLS socket, to test the server without an FTP client library. */
final class ControlConnection implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 5000;

    private static final Pattern PASSIVE_REPLY = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    ControlConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static ControlConnection open(EmbeddedFtpServer server) throws IOException {
        return new ControlConnection(new Socket(server.host(), server.port()));
    }

    static ControlConnection openImplicitTls(EmbeddedFtpServer server, SSLContext context, String hostName)
            throws IOException {
        return new ControlConnection(tls(new Socket(server.host(), server.port()), context, hostName));
    }

    /** Layers TLS over a connected socket, verifying the server's certificate against {@code hostName}. */
    static SSLSocket tls(Socket plain, SSLContext context, String hostName) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, hostName, plain.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(TIMEOUT_MILLIS);
        tls.startHandshake();
        return tls;
    }

    Socket socket() {
        return socket;
    }

    /** Reads one complete reply, single- or multi-line (RFC 959 §4.2), and returns all its lines. */
    String readReply() throws IOException {
        String first = readLine();
        StringBuilder reply = new StringBuilder(first);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + ' ';
            String line;
            do {
                line = readLine();
                reply.append('\n').append(line);
            } while (!line.startsWith(end));
        }
        return reply.toString();
    }

    String send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply();
    }

    void login(String user, String password) throws IOException {
        String userReply = send("USER " + user);
        if (!userReply.startsWith("331")) {
            throw new IOException("USER refused: " + userReply);
        }
        String passReply = send("PASS " + password);
        if (!passReply.startsWith("230")) {
            throw new IOException("PASS refused: " + passReply);
        }
    }

    /** Sends PASV and returns the port of the 227 reply's address (RFC 959 §4.1.2: p1 * 256 + p2). */
    int passive() throws IOException {
        String reply = send("PASV");
        Matcher address = PASSIVE_REPLY.matcher(reply);
        if (!reply.startsWith("227") || !address.find()) {
            throw new IOException("unexpected PASV reply: " + reply);
        }
        return Integer.parseInt(address.group(5)) * 256 + Integer.parseInt(address.group(6));
    }

    /** Downloads a file over a passive data connection, optionally protected by TLS, and awaits the 226. */
    byte[] retrieve(String path, EmbeddedFtpServer server, SSLContext dataTls) throws IOException {
        return retrieve(path, server, dataTls, "localhost");
    }

    byte[] retrieve(String path, EmbeddedFtpServer server) throws IOException {
        return retrieve(path, server, null, null);
    }

    private byte[] retrieve(
            String path, EmbeddedFtpServer server, @Nullable SSLContext dataTls, @Nullable String hostName)
            throws IOException {
        int port = passive();
        try (Socket plainData = new Socket(server.host(), port)) {
            plainData.setSoTimeout(TIMEOUT_MILLIS);
            String opening = send("RETR " + path);
            if (!opening.startsWith("150") && !opening.startsWith("125")) {
                throw new IOException("RETR refused: " + opening);
            }
            byte[] content;
            if (dataTls == null || hostName == null) {
                content = plainData.getInputStream().readAllBytes();
            } else {
                try (SSLSocket data = tls(plainData, dataTls, hostName)) {
                    content = data.getInputStream().readAllBytes();
                }
            }
            String done = readReply();
            if (!done.startsWith("226")) {
                throw new IOException("transfer did not complete: " + done);
            }
            return content;
        }
    }

    private String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the control connection");
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
