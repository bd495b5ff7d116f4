package io.ftpflux.testkit.fault;

import java.util.Set;

/** The verbs whose faults are checked where they are attached (RFC 959 §4.1, RFC 2428, RFC 3659). */
final class Verbs {

    static final Set<String> PASSIVE = Set.of("PASV", "EPSV");
    static final Set<String> DOWNLOADS = Set.of("RETR", "LIST", "NLST", "MLSD");
    static final Set<String> UPLOADS = Set.of("STOR", "APPE");

    private Verbs() {
    }

    static boolean usesDataConnection(String verb) {
        return DOWNLOADS.contains(verb) || UPLOADS.contains(verb);
    }
}
