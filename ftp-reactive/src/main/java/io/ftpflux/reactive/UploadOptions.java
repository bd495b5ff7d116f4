package io.ftpflux.reactive;

/**
 * How {@link FtpSession#upload(String, java.nio.file.Path, UploadOptions)} and
 * {@link FtpSession#upload(String, org.reactivestreams.Publisher, UploadOptions)} store a file.
 *
 * @param verifySize {@code true} to ask the stored size afterwards (SIZE, RFC 3659 §4, or MLST, §7) and fail
 *     with {@link io.ftpflux.core.FtpDataIntegrityException} if it differs from what was sent
 * @param resume {@code true} to send only what the remote file lacks: its size is asked first, and the rest of
 *     the local file follows with REST and STOR (RFC 3659 §5) when the server offers {@code REST STREAM}, with
 *     APPE (RFC 959 §4.1.3) otherwise. Only uploads from a file can resume
 */
public record UploadOptions(boolean verifySize, boolean resume) {

    private static final UploadOptions DEFAULTS = new UploadOptions(true, false);

    /**
     * Returns the defaults: verify the stored size, replace the remote file.
     *
     * @return the default options
     */
    public static UploadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy that does or does not verify the stored size.
     *
     * @param verifySize {@code true} to verify
     * @return the new options
     */
    public UploadOptions withVerifySize(boolean verifySize) {
        return new UploadOptions(verifySize, resume);
    }

    /**
     * Returns a copy that does or does not resume.
     *
     * @param resume {@code true} to send only what the remote file lacks
     * @return the new options
     */
    public UploadOptions withResume(boolean resume) {
        return new UploadOptions(verifySize, resume);
    }
}
