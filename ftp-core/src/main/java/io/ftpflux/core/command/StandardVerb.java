package io.ftpflux.core.command;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The verbs of the FTP standards and of the extensions every client meets, each with the document that
 * defines it.
 */
public enum StandardVerb implements Verb {
    // RFC 959 §4.1.1: access control
    /** User name (RFC 959 §4.1.1). */ USER,
    /** Password; never shown (RFC 959 §4.1.1). */ PASS(true),
    /** Account; never shown (RFC 959 §4.1.1). */ ACCT(true),
    /** Change working directory (RFC 959 §4.1.1). */ CWD,
    /** Change to parent directory (RFC 959 §4.1.1). */ CDUP,
    /** Structure mount (RFC 959 §4.1.1). */ SMNT,
    /** Reinitialize (RFC 959 §4.1.1). */ REIN,
    /** Logout (RFC 959 §4.1.1). */ QUIT,
    // RFC 959 §4.1.2: transfer parameters
    /** Data port, active mode (RFC 959 §4.1.2). */ PORT,
    /** Passive mode (RFC 959 §4.1.2). */ PASV,
    /** Representation type (RFC 959 §4.1.2). */ TYPE,
    /** File structure (RFC 959 §4.1.2). */ STRU,
    /** Transfer mode (RFC 959 §4.1.2). */ MODE,
    // RFC 959 §4.1.3: service commands
    /** Retrieve (RFC 959 §4.1.3). */ RETR,
    /** Store (RFC 959 §4.1.3). */ STOR,
    /** Store unique (RFC 959 §4.1.3). */ STOU,
    /** Append (RFC 959 §4.1.3). */ APPE,
    /** Allocate (RFC 959 §4.1.3). */ ALLO,
    /** Restart marker; stream-mode offset per RFC 3659 §5. */ REST,
    /** Rename from (RFC 959 §4.1.3). */ RNFR,
    /** Rename to (RFC 959 §4.1.3). */ RNTO,
    /** Abort (RFC 959 §4.1.3). */ ABOR,
    /** Delete (RFC 959 §4.1.3). */ DELE,
    /** Remove directory (RFC 959 §4.1.3). */ RMD,
    /** Make directory (RFC 959 §4.1.3). */ MKD,
    /** Print working directory (RFC 959 §4.1.3). */ PWD,
    /** List (RFC 959 §4.1.3). */ LIST,
    /** Name list (RFC 959 §4.1.3). */ NLST,
    /** Site parameters (RFC 959 §4.1.3). */ SITE,
    /** System (RFC 959 §4.1.3). */ SYST,
    /** Status (RFC 959 §4.1.3). */ STAT,
    /** Help (RFC 959 §4.1.3). */ HELP,
    /** No-op (RFC 959 §4.1.3). */ NOOP,
    // RFC 2228: security extensions
    /** Authentication/security mechanism (RFC 2228 §3). */ AUTH,
    /** Authentication/security data; never shown (RFC 2228 §3). */ ADAT(true),
    /** Protection buffer size (RFC 2228 §3). */ PBSZ,
    /** Data channel protection level (RFC 2228 §3). */ PROT,
    /** Clear command channel (RFC 2228 §3). */ CCC,
    /** Integrity-protected command (RFC 2228 §3). */ MIC,
    /** Confidentiality-protected command (RFC 2228 §3). */ CONF,
    /** Privacy-protected command (RFC 2228 §3). */ ENC,
    // RFC 2389: feature negotiation
    /** Feature list (RFC 2389 §3). */ FEAT,
    /** Options (RFC 2389 §4). */ OPTS,
    // RFC 2428: IPv6 and NATs
    /** Extended data port (RFC 2428 §2). */ EPRT,
    /** Extended passive mode (RFC 2428 §3). */ EPSV,
    // RFC 2640: internationalization
    /** Language negotiation (RFC 2640 §4.1). */ LANG,
    // RFC 3659: extensions
    /** File size (RFC 3659 §4). */ SIZE,
    /** File modification time (RFC 3659 §3). */ MDTM,
    /** Machine listing of one entry (RFC 3659 §7). */ MLST,
    /** Machine listing of a directory (RFC 3659 §7). */ MLSD,
    // RFC 7151: virtual hosts
    /** Virtual host (RFC 7151 §3). */ HOST,
    // Common extensions (IETF drafts and de-facto standards)
    /** Modify fact: modification time (draft-somers-ftp-mfxx). */ MFMT,
    /** Modify fact: creation time (draft-somers-ftp-mfxx). */ MFCT,
    /** Modify facts (draft-somers-ftp-mfxx). */ MFF,
    /** File hash (draft-bryan-ftpext-hash). */ HASH,
    /** Byte range for HASH (draft-bryan-ftp-range). */ RANG,
    /** CRC-32 of a file (de-facto extension). */ XCRC,
    /** MD5 of a file (de-facto extension). */ XMD5,
    /** SHA-1 of a file (de-facto extension). */ XSHA1,
    /** SHA-256 of a file (de-facto extension). */ XSHA256,
    /** SHA-512 of a file (de-facto extension). */ XSHA512,
    /** Client name (de-facto extension). */ CLNT,
    /** Available space (draft-peterson-streamlined-ftp-command-extensions). */ AVBL;

    private static final Map<String, StandardVerb> BY_NAME = new HashMap<>();

    static {
        for (StandardVerb verb : values()) {
            BY_NAME.put(verb.name(), verb);
        }
    }

    private final boolean sensitive;

    StandardVerb() {
        this(false);
    }

    StandardVerb(boolean sensitive) {
        this.sensitive = sensitive;
    }

    @Override
    public boolean isSensitive() {
        return sensitive;
    }

    static @Nullable StandardVerb lookup(String upperCaseName) {
        return BY_NAME.get(upperCaseName);
    }
}
