package io.ftpflux.interop;

/**
 * Thrown by a check when the server does not offer what the check is about (MLSD, for example), so that a stated
 * limitation can name exactly this failure and no other.
 */
final class ServerLacks extends AssertionError {

    private static final long serialVersionUID = 1L;

    private ServerLacks(String message) {
        super(message);
    }

    /**
     * Fails unless the server offers a feature.
     *
     * @param offered whether it does
     * @param what the feature, as a reader knows it
     * @throws ServerLacks if it does not
     */
    static void require(boolean offered, String what) {
        if (!offered) {
            throw new ServerLacks("the server does not offer " + what);
        }
    }
}
