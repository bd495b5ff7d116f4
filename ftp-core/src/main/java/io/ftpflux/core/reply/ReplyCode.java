package io.ftpflux.core.reply;

import java.util.Locale;

/**
 * A three-digit FTP reply code (RFC 959 §4.2): a value, not an enum, so codes outside the RFC tables
 * survive intact.
 *
 * <p>The first digit gives the {@link ReplyCategory}, the second the {@link ReplyFunction}. Every code of
 * RFC 959 §4.2.2 is a constant, as are those added by RFC 2228 (security), RFC 2428 (229, 522); RFC 2389
 * and RFC 3659 add no codes. {@link #of(int)} returns the shared constant for these, a new instance for
 * any other code; equality is by value either way. {@link #description()} gives the RFC text.
 *
 * @param value the code, 100 to 699
 */
public record ReplyCode(int value) {

    private static final int MIN = 100;
    private static final int MAX = 699;

    // Declared before the constants: define() fills them while the constants initialize.
    private static final ReplyCode[] KNOWN = new ReplyCode[MAX - MIN + 1];
    private static final String[] DESCRIPTIONS = new String[MAX - MIN + 1];

    /** 110: Restart marker reply. (RFC 959 §4.2.2) */
    public static final ReplyCode RESTART_MARKER = define(110, "Restart marker reply.");

    /** 120: Service ready in nnn minutes. (RFC 959 §4.2.2) */
    public static final ReplyCode SERVICE_READY_IN_MINUTES = define(120, "Service ready in nnn minutes.");

    /** 125: Data connection already open; transfer starting. (RFC 959 §4.2.2) */
    public static final ReplyCode DATA_CONNECTION_ALREADY_OPEN =
            define(125, "Data connection already open; transfer starting.");

    /** 150: File status okay; about to open data connection. (RFC 959 §4.2.2) */
    public static final ReplyCode FILE_STATUS_OK_OPENING_DATA =
            define(150, "File status okay; about to open data connection.");

    /** 200: Command okay. (RFC 959 §4.2.2) */
    public static final ReplyCode COMMAND_OK = define(200, "Command okay.");

    /** 202: Command not implemented, superfluous at this site. (RFC 959 §4.2.2) */
    public static final ReplyCode COMMAND_SUPERFLUOUS =
            define(202, "Command not implemented, superfluous at this site.");

    /** 211: System status, or system help reply. (RFC 959 §4.2.2) */
    public static final ReplyCode SYSTEM_STATUS = define(211, "System status, or system help reply.");

    /** 212: Directory status. (RFC 959 §4.2.2) */
    public static final ReplyCode DIRECTORY_STATUS = define(212, "Directory status.");

    /** 213: File status. (RFC 959 §4.2.2) */
    public static final ReplyCode FILE_STATUS = define(213, "File status.");

    /** 214: Help message. (RFC 959 §4.2.2) */
    public static final ReplyCode HELP_MESSAGE = define(214, "Help message.");

    /** 215: NAME system type. (RFC 959 §4.2.2) */
    public static final ReplyCode SYSTEM_TYPE = define(215, "NAME system type.");

    /** 220: Service ready for new user. (RFC 959 §4.2.2) */
    public static final ReplyCode SERVICE_READY = define(220, "Service ready for new user.");

    /** 221: Service closing control connection. (RFC 959 §4.2.2) */
    public static final ReplyCode SERVICE_CLOSING_CONTROL_CONNECTION =
            define(221, "Service closing control connection.");

    /** 225: Data connection open; no transfer in progress. (RFC 959 §4.2.2) */
    public static final ReplyCode DATA_CONNECTION_OPEN = define(225, "Data connection open; no transfer in progress.");

    /** 226: Closing data connection. Requested file action successful. (RFC 959 §4.2.2) */
    public static final ReplyCode CLOSING_DATA_CONNECTION =
            define(226, "Closing data connection. Requested file action successful.");

    /** 227: Entering Passive Mode (h1,h2,h3,h4,p1,p2). (RFC 959 §4.2.2) */
    public static final ReplyCode ENTERING_PASSIVE_MODE = define(227, "Entering Passive Mode (h1,h2,h3,h4,p1,p2).");

    /** 229: Entering Extended Passive Mode (|||port|). (RFC 2428 §3) */
    public static final ReplyCode ENTERING_EXTENDED_PASSIVE_MODE =
            define(229, "Entering Extended Passive Mode (|||port|).");

    /** 230: User logged in, proceed. (RFC 959 §4.2.2) */
    public static final ReplyCode USER_LOGGED_IN = define(230, "User logged in, proceed.");

    /** 232: User logged in, authorized by security data exchange. (RFC 2228) */
    public static final ReplyCode USER_LOGGED_IN_AUTHORIZED =
            define(232, "User logged in, authorized by security data exchange.");

    /** 234: Security data exchange complete. (RFC 2228) */
    public static final ReplyCode SECURITY_DATA_EXCHANGE_COMPLETE = define(234, "Security data exchange complete.");

    /** 235: [ADAT=base64data] Security data exchange completed successfully. (RFC 2228) */
    public static final ReplyCode SECURITY_DATA_EXCHANGE_SUCCEEDED =
            define(235, "[ADAT=base64data] Security data exchange completed successfully.");

    /** 250: Requested file action okay, completed. (RFC 959 §4.2.2) */
    public static final ReplyCode FILE_ACTION_OK = define(250, "Requested file action okay, completed.");

    /** 257: "PATHNAME" created. (RFC 959 §4.2.2) */
    public static final ReplyCode PATHNAME_CREATED = define(257, "\"PATHNAME\" created.");

    /** 331: User name okay, need password. (RFC 959 §4.2.2) */
    public static final ReplyCode USER_NAME_OK_NEED_PASSWORD = define(331, "User name okay, need password.");

    /** 332: Need account for login. (RFC 959 §4.2.2) */
    public static final ReplyCode NEED_ACCOUNT_FOR_LOGIN = define(332, "Need account for login.");

    /** 334: [ADAT=base64data] Requested security mechanism is ok; security data follows. (RFC 2228) */
    public static final ReplyCode SECURITY_MECHANISM_OK =
            define(334, "[ADAT=base64data] Requested security mechanism is ok; security data follows.");

    /** 335: [ADAT=base64data] Security data is acceptable; more is required. (RFC 2228) */
    public static final ReplyCode SECURITY_DATA_ACCEPTABLE =
            define(335, "[ADAT=base64data] Security data is acceptable; more is required.");

    /** 336: Username okay, need password. Challenge is "...." (RFC 2228) */
    public static final ReplyCode USER_NAME_OK_NEED_PASSWORD_CHALLENGE =
            define(336, "Username okay, need password. Challenge is \"....\"");

    /** 350: Requested file action pending further information. (RFC 959 §4.2.2) */
    public static final ReplyCode FILE_ACTION_PENDING =
            define(350, "Requested file action pending further information.");

    /** 421: Service not available, closing control connection. (RFC 959 §4.2.2) */
    public static final ReplyCode SERVICE_NOT_AVAILABLE =
            define(421, "Service not available, closing control connection.");

    /** 425: Can't open data connection. (RFC 959 §4.2.2) */
    public static final ReplyCode CANNOT_OPEN_DATA_CONNECTION = define(425, "Can't open data connection.");

    /** 426: Connection closed; transfer aborted. (RFC 959 §4.2.2) */
    public static final ReplyCode CONNECTION_CLOSED_TRANSFER_ABORTED =
            define(426, "Connection closed; transfer aborted.");

    /** 431: Need some unavailable resource to process security. (RFC 2228) */
    public static final ReplyCode NEED_UNAVAILABLE_SECURITY_RESOURCE =
            define(431, "Need some unavailable resource to process security.");

    /** 450: Requested file action not taken. File unavailable (e.g., file busy). (RFC 959 §4.2.2) */
    public static final ReplyCode FILE_ACTION_NOT_TAKEN =
            define(450, "Requested file action not taken. File unavailable (e.g., file busy).");

    /** 451: Requested action aborted: local error in processing. (RFC 959 §4.2.2) */
    public static final ReplyCode ACTION_ABORTED_LOCAL_ERROR =
            define(451, "Requested action aborted: local error in processing.");

    /** 452: Requested action not taken. Insufficient storage space in system. (RFC 959 §4.2.2) */
    public static final ReplyCode INSUFFICIENT_STORAGE =
            define(452, "Requested action not taken. Insufficient storage space in system.");

    /** 500: Syntax error, command unrecognized. (RFC 959 §4.2.2) */
    public static final ReplyCode SYNTAX_ERROR_COMMAND_UNRECOGNIZED =
            define(500, "Syntax error, command unrecognized.");

    /** 501: Syntax error in parameters or arguments. (RFC 959 §4.2.2) */
    public static final ReplyCode SYNTAX_ERROR_IN_ARGUMENTS = define(501, "Syntax error in parameters or arguments.");

    /** 502: Command not implemented. (RFC 959 §4.2.2) */
    public static final ReplyCode COMMAND_NOT_IMPLEMENTED = define(502, "Command not implemented.");

    /** 503: Bad sequence of commands. (RFC 959 §4.2.2) */
    public static final ReplyCode BAD_SEQUENCE_OF_COMMANDS = define(503, "Bad sequence of commands.");

    /** 504: Command not implemented for that parameter. (RFC 959 §4.2.2) */
    public static final ReplyCode COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER =
            define(504, "Command not implemented for that parameter.");

    /** 522: Network protocol not supported; the text lists the supported ones. (RFC 2428 §2) */
    public static final ReplyCode NETWORK_PROTOCOL_NOT_SUPPORTED =
            define(522, "Network protocol not supported; the text lists the supported ones.");

    /** 530: Not logged in. (RFC 959 §4.2.2) */
    public static final ReplyCode NOT_LOGGED_IN = define(530, "Not logged in.");

    /** 532: Need account for storing files. (RFC 959 §4.2.2) */
    public static final ReplyCode NEED_ACCOUNT_FOR_STORING_FILES = define(532, "Need account for storing files.");

    /** 533: Command protection level denied for policy reasons. (RFC 2228) */
    public static final ReplyCode COMMAND_PROTECTION_LEVEL_DENIED =
            define(533, "Command protection level denied for policy reasons.");

    /** 534: Request denied for policy reasons. (RFC 2228) */
    public static final ReplyCode REQUEST_DENIED_FOR_POLICY = define(534, "Request denied for policy reasons.");

    /** 535: Failed security check (hash, sequence, etc). (RFC 2228) */
    public static final ReplyCode FAILED_SECURITY_CHECK = define(535, "Failed security check (hash, sequence, etc).");

    /** 536: Requested PROT level not supported by mechanism. (RFC 2228) */
    public static final ReplyCode PROTECTION_LEVEL_NOT_SUPPORTED =
            define(536, "Requested PROT level not supported by mechanism.");

    /** 537: Command protection level not supported by security mechanism. (RFC 2228) */
    public static final ReplyCode COMMAND_PROTECTION_LEVEL_NOT_SUPPORTED =
            define(537, "Command protection level not supported by security mechanism.");

    /** 550: Requested action not taken. File unavailable (e.g., file not found, no access). (RFC 959 §4.2.2) */
    public static final ReplyCode FILE_UNAVAILABLE =
            define(550, "Requested action not taken. File unavailable (e.g., file not found, no access).");

    /** 551: Requested action aborted: page type unknown. (RFC 959 §4.2.2) */
    public static final ReplyCode PAGE_TYPE_UNKNOWN = define(551, "Requested action aborted: page type unknown.");

    /** 552: Requested file action aborted. Exceeded storage allocation. (RFC 959 §4.2.2) */
    public static final ReplyCode EXCEEDED_STORAGE_ALLOCATION =
            define(552, "Requested file action aborted. Exceeded storage allocation.");

    /** 553: Requested action not taken. File name not allowed. (RFC 959 §4.2.2) */
    public static final ReplyCode FILE_NAME_NOT_ALLOWED =
            define(553, "Requested action not taken. File name not allowed.");

    /** 631: Integrity protected reply. (RFC 2228) */
    public static final ReplyCode INTEGRITY_PROTECTED_REPLY = define(631, "Integrity protected reply.");

    /** 632: Confidentiality and integrity protected reply. (RFC 2228) */
    public static final ReplyCode CONFIDENTIALITY_AND_INTEGRITY_PROTECTED_REPLY =
            define(632, "Confidentiality and integrity protected reply.");

    /** 633: Confidentiality protected reply. (RFC 2228) */
    public static final ReplyCode CONFIDENTIALITY_PROTECTED_REPLY = define(633, "Confidentiality protected reply.");

    /**
     * Validates the code.
     *
     * @param value the code, 100 to 699
     * @throws IllegalArgumentException if the value is outside 100 to 699
     */
    public ReplyCode {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("reply code must be " + MIN + " to " + MAX + ": " + value);
        }
    }

    /**
     * Returns the reply code for a value; codes of the RFC tables come back as the shared constant.
     *
     * @param value the code, 100 to 699
     * @return the reply code
     * @throws IllegalArgumentException if the value is outside 100 to 699
     */
    public static ReplyCode of(int value) {
        if (value >= MIN && value <= MAX && KNOWN[value - MIN] != null) {
            return KNOWN[value - MIN];
        }
        return new ReplyCode(value);
    }

    /**
     * Returns the standard meaning of this code.
     *
     * @return the RFC text for a code of the RFC tables, otherwise a description built from the category
     *     and the function, such as {@code "Non-standard positive completion reply (unspecified)"}; never null
     */
    public String description() {
        String known = DESCRIPTIONS[value - MIN];
        return known != null ? known : "Non-standard " + words(category()) + " reply (" + words(function()) + ")";
    }

    /**
     * Returns the category given by the first digit.
     *
     * @return the category
     */
    public ReplyCategory category() {
        return ReplyCategory.of(value / 100);
    }

    /**
     * Returns the function given by the second digit.
     *
     * @return the function
     */
    public ReplyFunction function() {
        return ReplyFunction.of(value / 10 % 10);
    }

    /**
     * Tells whether the command was refused (4yz or 5yz).
     *
     * @return {@code true} for a transient or permanent negative reply
     */
    public boolean isNegative() {
        return category().isNegative();
    }

    /**
     * Tells whether the command may succeed if tried again later (4yz).
     *
     * @return {@code true} for a transient negative reply
     */
    public boolean isTransient() {
        return category() == ReplyCategory.TRANSIENT_NEGATIVE;
    }

    /**
     * Tells whether the command will fail again if repeated unchanged (5yz).
     *
     * @return {@code true} for a permanent negative reply
     */
    public boolean isPermanent() {
        return category() == ReplyCategory.PERMANENT_NEGATIVE;
    }

    /**
     * Tells whether the reply is about the connections (x2z), such as 421, 425 or 426.
     *
     * @return {@code true} for a connection reply
     */
    public boolean isConnectionRelated() {
        return function() == ReplyFunction.CONNECTIONS;
    }

    /**
     * Tells whether the reply is about login or accounting (x3z), such as 530 or 332; a refusal of this
     * kind is not cured by sending the same credentials again.
     *
     * @return {@code true} for an authentication reply
     */
    public boolean isAuthenticationRelated() {
        return function() == ReplyFunction.AUTHENTICATION;
    }

    /**
     * Tells whether the reply is about the server's file system (x5z), such as 450, 550 or 553.
     *
     * @return {@code true} for a file-system reply
     */
    public boolean isFileSystemRelated() {
        return function() == ReplyFunction.FILE_SYSTEM;
    }

    /**
     * Returns the code as three digits.
     *
     * @return the code, for example {@code "226"}
     */
    @Override
    public String toString() {
        return Integer.toString(value);
    }

    private static ReplyCode define(int value, String description) {
        ReplyCode code = new ReplyCode(value);
        KNOWN[value - MIN] = code;
        DESCRIPTIONS[value - MIN] = description;
        return code;
    }

    private static String words(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
