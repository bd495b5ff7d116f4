package io.ftpflux.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Generates what a server sends on a busy control connection (RFC 959 §4.2), the same bytes on every run: a
 * multi-line greeting, login, a multi-line FEAT reply (RFC 2389) as ProFTPD sends it, then many rounds of
 * directory changes, SIZE and MDTM queries (RFC 3659), passive data connections (EPSV, RFC 2428, and PASV) with
 * their 150 and 226 replies, and now and then a multi-line STAT reply; QUIT's 221 last.
 */
public final class ControlStreams {

    private static final String GREETING = """
            220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------\r
            220-You are user number 1 of 64 allowed.\r
            220-Local time is now 21:37. Server port: 21.\r
            220-This is a private system - No anonymous login\r
            220-IPv6 connections are also welcome on this server.\r
            220 You will be disconnected after 15 minutes of inactivity.\r
            331 User ftpflux OK. Password required\r
            230 OK. Current directory is /\r
            211-Features:\r
             AUTH TLS\r
             CCC\r
             CLNT\r
             CSID\r
             EPRT\r
             EPSV\r
             HOST\r
             LANG en-US*\r
             MDTM\r
             MFF modify;UNIX.group;UNIX.mode;\r
             MFMT\r
             MLST modify*;perm*;size*;type*;unique*;UNIX.group*;UNIX.groupname*;UNIX.mode*;UNIX.owner*;UNIX.ownername*;\r
             PBSZ\r
             PROT\r
             RANG STREAM\r
             REST STREAM\r
             SIZE\r
             SSCN\r
             TVFS\r
             UTF8\r
            211 End\r
            215 UNIX Type: L8\r
            200 UTF8 set to on\r
            200 TYPE is now 8-bit binary\r
            257 "/" is your current location\r
            """;
    /** Replies in {@link #GREETING}. */
    private static final int GREETING_REPLIES = 8;
    private static final int REPLIES_PER_ROUND = 8;
    private static final int REPLIES_PER_STAT = 1;

    private ControlStreams() {
    }

    /**
     * A control stream and how many replies it holds.
     *
     * @param bytes what the server sends, CRLF line ends, UTF-8
     * @param replies the number of replies in it
     */
    public record ControlStream(byte[] bytes, int replies) {
    }

    /**
     * Returns the replies of a session that transfers {@code rounds} files.
     *
     * @param rounds how many rounds of CWD, SIZE, MDTM, passive transfer; zero or more
     * @return the stream
     */
    public static ControlStream session(int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be zero or more: " + rounds);
        }
        StringBuilder out = new StringBuilder(GREETING.length() + rounds * 420).append(GREETING);
        int replies = GREETING_REPLIES;
        for (int i = 0; i < rounds; i++) {
            int port = 30000 + i % 20000;
            out.append("250 OK. Current directory is /pub/releases/").append(i).append("\r\n")
                    .append("213 ").append(1_000_000L + 7919L * i).append("\r\n")
                    .append("213 2025").append(String.format(Locale.ROOT, "%02d%02d", 1 + i % 12, 1 + i % 28))
                    .append("030405\r\n");
            if (i % 2 == 0) {
                out.append("229 Extended Passive mode OK (|||").append(port).append("|)\r\n");
            } else {
                out.append("227 Entering Passive Mode (127,0,0,1,").append(port / 256).append(',').append(port % 256)
                        .append(")\r\n");
            }
            out.append("150 Accepted data connection\r\n")
                    .append("226-File successfully transferred\r\n")
                    .append("226 0.012 seconds (measured here), 81.38 Mbytes per second\r\n")
                    .append("250 Deleted /tmp/upload-").append(i).append(".part\r\n")
                    .append("200 NOOP command successful\r\n");
            replies += REPLIES_PER_ROUND;
            if (i % 50 == 49) {
                out.append("""
                        211-FTP server status:\r
                             Connected to 127.0.0.1\r
                             Logged in as ftpflux\r
                             TYPE: BINARY, STRUcture: File, Mode: Stream\r
                             No data connection\r
                        211 End of status\r
                        """);
                replies += REPLIES_PER_STAT;
            }
        }
        out.append("221-Goodbye. You uploaded 0 and downloaded ").append(rounds).append(" kbytes.\r\n")
                .append("221 Logout.\r\n");
        return new ControlStream(out.toString().getBytes(StandardCharsets.UTF_8), replies + 1);
    }
}
