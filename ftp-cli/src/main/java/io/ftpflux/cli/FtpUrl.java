package io.ftpflux.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code ftp://}, {@code ftpes://} or {@code ftps://} URL (RFC 1738 §3.2, with the user, password and path
 * percent-decoded as UTF-8).
 *
 * <p>{@code ftp} is plain FTP on port 21; {@code ftpes} is FTP with explicit TLS (AUTH TLS, RFC 4217) on port 21;
 * {@code ftps} is implicit TLS on port 990. An IPv6 literal is written in brackets ({@code ftp://[::1]:2121/}) and
 * kept without them in {@link #host()}. The path is what follows the authority, without its leading slash, as
 * RFC 1738 §3.2.2 reads it: {@code ftp://h/pub/a} names {@code pub/a} relative to the login directory, and
 * {@code ftp://h//pub/a} (or {@code %2F}) the absolute {@code /pub/a}; an empty path is the login directory.
 *
 * @param scheme which of the three schemes
 * @param user the user from the URL, or {@code null} for anonymous (or for one from the environment)
 * @param password the password from the URL, or {@code null}
 * @param host the host name or IP literal, without brackets
 * @param port the port, the scheme's default when the URL names none
 * @param path the decoded path, possibly empty
 */
record FtpUrl(Scheme scheme, @Nullable String user, @Nullable String password, String host, int port, String path) {

    /** The three URL schemes, each with its default port and kind of security. */
    enum Scheme {
        /** Plain FTP (RFC 959). */
        FTP("ftp", 21),
        /** FTP with explicit TLS: AUTH TLS after connecting (RFC 4217 §4). */
        FTPES("ftpes", 21),
        /** FTP with implicit TLS: TLS from the first byte (the de facto port 990). */
        FTPS("ftps", 990);

        private final String text;
        private final int defaultPort;

        Scheme(String text, int defaultPort) {
            this.text = text;
            this.defaultPort = defaultPort;
        }

        /**
         * Returns the scheme as written in a URL.
         *
         * @return {@code ftp}, {@code ftpes} or {@code ftps}
         */
        String text() {
            return text;
        }

        /**
         * Returns the port used when the URL names none.
         *
         * @return 21 or 990
         */
        int defaultPort() {
            return defaultPort;
        }
    }

    FtpUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Parses a URL.
     *
     * @param text the URL as typed
     * @return the parsed URL
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    static FtpUrl parse(String text) {
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not an FTP URL (expected ftp://, ftpes:// or ftps://): " + text);
        }
        Scheme scheme = scheme(text.substring(0, schemeEnd).toLowerCase(Locale.ROOT), text);
        String rest = text.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String rawPath = slash < 0 ? "" : rest.substring(slash + 1);
        if (rawPath.indexOf('?') >= 0 || rawPath.indexOf('#') >= 0) {
            throw new IllegalArgumentException("an FTP URL has no query or fragment; write '?' as %3F and '#' as %23: "
                    + text);
        }

        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("the URL has an empty user name before '@': " + redacted(text));
            }
        }

        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in the URL's host: " + redacted(text));
            }
            host = authority.substring(1, close);
            if (!host.contains(":")) {
                throw new IllegalArgumentException("brackets are for IPv6 addresses: [" + host + "]");
            }
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected text after ']' in the URL: " + redacted(text));
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.contains(":")) {
                throw new IllegalArgumentException("write an IPv6 address in brackets, as ftp://[::1]/: "
                        + redacted(text));
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the URL names no host: " + redacted(text));
        }
        int port = portText == null || portText.isEmpty() ? scheme.defaultPort() : port(portText);
        return new FtpUrl(scheme, user, password, host, port, decode(rawPath, "path"));
    }

    /**
     * Returns a URL for another path on the same server, keeping the user but never the password.
     *
     * @param otherPath the decoded path
     * @return the URL
     */
    FtpUrl withPath(String otherPath) {
        return new FtpUrl(scheme, user, password, host, port, otherPath);
    }

    /**
     * Returns the URL as it may be shown and typed again: the password, if any, is left out, and the characters
     * that would change the URL's meaning or act on a terminal are percent-encoded, so that {@link #parse(String)}
     * of the result gives this URL back without its password.
     *
     * @return the URL without its password
     */
    @Override
    public String toString() {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        String userPart = user == null ? "" : encode(user, "@:/") + "@";
        String portPart = port == scheme.defaultPort() ? "" : ":" + port;
        return scheme.text() + "://" + userPart + authority + portPart + "/" + encode(path, "");
    }

    /** Percent-encodes '%', '?', '#', white space, control characters and the given delimiters, as UTF-8. */
    private static String encode(String text, String delimiters) {
        StringBuilder encoded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '%' || c == '?' || c == '#' || c <= ' ' || c == 0x7f || (c >= 0x80 && c < 0xa0)
                    || delimiters.indexOf(c) >= 0) {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            } else {
                encoded.appendCodePoint(c);
            }
        });
        return encoded.toString();
    }

    private static Scheme scheme(String name, String text) {
        for (Scheme scheme : Scheme.values()) {
            if (scheme.text().equals(name)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown URL scheme '" + name + "' (expected ftp, ftpes or ftps): "
                + redacted(text));
    }

    private static int port(String text) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 5) {
            throw new IllegalArgumentException("not a port number: '" + text + "'");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
        return port;
    }

    /** Percent-decodes as UTF-8; unlike URLDecoder, '+' stays a plus sign (it is not a form). */
    private static String decode(String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("bad percent-escape in the URL's " + what
                            + " (expected %XX with two hex digits)");
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the URL's " + what + " is not UTF-8 once percent-decoded");
        }
    }

    /** The URL text with any password replaced, for error messages. */
    private static String redacted(String text) {
        int schemeEnd = text.indexOf("://");
        int at = text.lastIndexOf('@');
        if (schemeEnd < 0 || at < schemeEnd) {
            return text;
        }
        int colon = text.indexOf(':', schemeEnd + 3);
        return colon >= 0 && colon < at ? text.substring(0, colon + 1) + "****" + text.substring(at) : text;
    }
}
