package io.ftpflux.testkit.sockets;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads Linux's socket tables under {@code /proc/self/net} to describe sockets by inode. */
final class SocketTable {

    private static final Path NET = Path.of("/proc/self/net");

    /** TCP states by the hex code the kernel prints (include/net/tcp_states.h). */
    private static final List<String> TCP_STATES = List.of("?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
            "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV");

    private SocketTable() {
    }

    /** Maps the inode of every socket listed in the process's network namespace to a one-line description. */
    static Map<String, String> describeAll() {
        Map<String, String> descriptions = new HashMap<>();
        for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
            for (String[] fields : rows(protocol)) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (fields.length > 9) {
                    // tcp6 and udp6 also hold the JDK's dual-stack sockets bound to IPv4 addresses.
                    String transport = protocol.substring(0, 3);
                    descriptions.put(fields[9], transport + " " + address(fields[1]) + " -> " + address(fields[2])
                            + " " + state(transport, fields[3]));
                }
            }
        }
        for (String[] fields : rows("unix")) {
            // Num RefCount Protocol Flags Type St Inode [Path]
            if (fields.length > 6) {
                descriptions.put(fields[6], "unix " + (fields.length > 7 ? fields[7] : "(unnamed)"));
            }
        }
        return descriptions;
    }

    private static List<String[]> rows(String table) {
        try {
            return Files.readAllLines(NET.resolve(table), StandardCharsets.US_ASCII).stream()
                    .skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .toList();
        } catch (IOException e) {
            // A missing table (no IPv6, say) only means fewer descriptions.
            return List.of();
        }
    }

    private static String state(String transport, String hexCode) {
        int code = Integer.parseInt(hexCode, 16);
        if (transport.equals("udp")) {
            return code == 1 ? "connected" : "unconnected";
        }
        return code < TCP_STATES.size() ? TCP_STATES.get(code) : "state 0x" + hexCode;
    }

    /**
     * Decodes {@code 0100007F:1F90}: the address as 32-bit words in the kernel's byte order, then the port in hex.
     */
    static String address(String hex) {
        int colon = hex.indexOf(':');
        String addressHex = hex.substring(0, colon);
        int port = Integer.parseInt(hex.substring(colon + 1), 16);
        ByteBuffer bytes = ByteBuffer.allocate(addressHex.length() / 2).order(ByteOrder.nativeOrder());
        for (int word = 0; word < addressHex.length(); word += 8) {
            bytes.putInt(Integer.parseUnsignedInt(addressHex.substring(word, word + 8), 16));
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes.array());
            String host = address.getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        } catch (UnknownHostException e) {
            return hex;
        }
    }
}
