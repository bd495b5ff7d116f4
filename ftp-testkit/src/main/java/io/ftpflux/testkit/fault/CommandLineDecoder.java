package io.ftpflux.testkit.fault;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the control connection's bytes into command lines (RFC 959 §4.1: CRLF, bare LF tolerated), removing
 * Telnet IAC sequences (RFC 854) such as the IP and Synch a client sends before ABOR. A line longer than
 * {@link #MAX_LINE} bytes is cut there and flagged, never buffered without bound. Lines are decoded with the
 * server's charset. One decoder per connection, used on its event loop.
 */
final class CommandLineDecoder {

    static final int MAX_LINE = 4096;

    private static final int IAC = 0xFF;
    private static final int WILL = 0xFB;
    private static final int DONT = 0xFE;

    /** One decoded line. */
    record Line(String text, boolean truncated) {
    }

    private final Charset charset;
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean truncated;

    CommandLineDecoder(Charset charset) {
        this.charset = charset;
    }

    /** Consumes every readable byte of {@code buffer} (without releasing it) and returns the completed lines. */
    List<Line> feed(ByteBuf buffer) {
        List<Line> lines = new ArrayList<>(1);
        for (int i = buffer.readerIndex(); i < buffer.writerIndex(); i++) {
            byte b = buffer.getByte(i);
            if (b == '\n') {
                lines.add(complete());
            } else if (length < MAX_LINE) {
                line[length++] = b;
            } else {
                truncated = true;
            }
        }
        buffer.skipBytes(buffer.readableBytes());
        return lines;
    }

    private Line complete() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        Line completed = new Line(withoutTelnetCommands(end), truncated);
        length = 0;
        truncated = false;
        return completed;
    }

    private String withoutTelnetCommands(int end) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(end);
        for (int i = 0; i < end; i++) {
            int b = line[i] & 0xFF;
            if (b != IAC) {
                text.write(b);
            } else if (i + 1 < end && (line[i + 1] & 0xFF) == IAC) {
                text.write(IAC);
                i++;
            } else if (i + 1 < end && (line[i + 1] & 0xFF) >= WILL && (line[i + 1] & 0xFF) <= DONT) {
                i += 2;
            } else {
                i++;
            }
        }
        return text.toString(charset);
    }
}
