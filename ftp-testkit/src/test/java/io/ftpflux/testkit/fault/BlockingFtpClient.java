package io.ftpflux.testkit.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal blocking FTP client over java.net.Socket, to drive the fault server in tests. */
final class BlockingFtpClient implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 5_000;

    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EPSV = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private BlockingFtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static BlockingFtpClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return new BlockingFtpClient(socket);
    }

    static BlockingFtpClient connect(int port) throws IOException {
        return connect("127.0.0.1", port);
    }

    /** Connects, reads the greeting and logs in as test/test. */
    static BlockingFtpClient loggedIn(int port) throws IOException {
        BlockingFtpClient client = connect(port);
        client.expect("220");
        client.expect("USER test", "331");
        client.expect("PASS test", "230");
        return client;
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    String command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** Sends a command and checks that its reply starts with {@code code}; returns the reply. */
    String expect(String line, String code) throws IOException {
        return expectReply(command(line), code);
    }

    /** Reads a reply and checks that it starts with {@code code}. */
    String expect(String code) throws IOException {
        return expectReply(reply(), code);
    }

    private static String expectReply(String reply, String code) {
        if (!reply.startsWith(code)) {
            throw new AssertionError("expected a " + code + " reply, got: " + reply);
        }
        return reply;
    }

    /** One complete reply, multi-line replies joined with CRLF, without the final CRLF. */
    String reply() throws IOException {
        String first = line();
        if (first.length() < 4 || first.charAt(3) != '-') {
            return first;
        }
        StringBuilder reply = new StringBuilder(first);
        String end = first.substring(0, 3) + " ";
        String next;
        do {
            next = line();
            reply.append("\r\n").append(next);
        } while (!next.startsWith(end));
        return reply.toString();
    }

    /** One line up to LF, without CR LF; fails at EOF. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("control connection closed after: " + line.toString(StandardCharsets.UTF_8));
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Every byte until the server closes the control connection. */
    byte[] readToEof() throws IOException {
        return in.readAllBytes();
    }

    /** True when nothing arrives within {@code millis} (the connection neither sends nor closes). */
    boolean silentFor(int millis) throws IOException {
        return silent(socket, millis);
    }

    InetSocketAddress pasv() throws IOException {
        String reply = expect("PASV", "227");
        Matcher numbers = PASV.matcher(reply);
        if (!numbers.find()) {
            throw new AssertionError("no address in " + reply);
        }
        String host = numbers.group(1) + "." + numbers.group(2) + "." + numbers.group(3) + "." + numbers.group(4);
        int port = Integer.parseInt(numbers.group(5)) * 256 + Integer.parseInt(numbers.group(6));
        return new InetSocketAddress(host, port);
    }

    int epsv() throws IOException {
        return epsvPort(expect("EPSV", "229"));
    }

    static int epsvPort(String reply) {
        Matcher port = EPSV.matcher(reply);
        if (!port.find()) {
            throw new AssertionError("no port in " + reply);
        }
        return Integer.parseInt(port.group(1));
    }

    /** PASV, then a data connection to the control host and the announced port. */
    Socket passiveData() throws IOException {
        return data("127.0.0.1", pasv().getPort());
    }

    static Socket data(String host, int port) throws IOException {
        Socket data = new Socket();
        data.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        data.setSoTimeout(TIMEOUT_MILLIS);
        return data;
    }

    /** Downloads over PASV: returns the data, after checking the 150 and the 226. */
    byte[] retrieve(String path) throws IOException {
        try (Socket data = passiveData()) {
            expect("RETR " + path, "150");
            byte[] bytes = data.getInputStream().readAllBytes();
            expect("226");
            return bytes;
        }
    }

    static boolean silent(Socket socket, int millis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            int b = socket.getInputStream().read();
            if (b >= 0) {
                throw new AssertionError("expected silence, got byte " + b);
            }
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /**
     * True when the peer closed without sending a byte: a FIN, or an RST when the server closed its listener
     * before accepting the connection from its backlog.
     */
    static boolean closedWithoutData(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return reset.getMessage().contains("reset");
        }
    }

    static byte[] readExactly(Socket socket, int length) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(length);
        if (bytes.length != length) {
            throw new AssertionError("expected " + length + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
