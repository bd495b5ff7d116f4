package io.ftpflux.reactive;

/**
 * How {@link FtpSession#download(String, java.nio.file.Path, DownloadOptions)} treats the local files: whether it
 * may replace the target, and whether it continues a {@code .part} file left by an earlier attempt (REST,
 * RFC 3659 §5).
 *
 * @param overwrite {@code true} to replace an existing target; {@code false} fails with
 *     {@link java.nio.file.FileAlreadyExistsException} instead, before anything is transferred
 * @param resume {@code true} to continue the target's {@code .part} file from its length when the server offers
 *     {@code REST STREAM} and reports the file's size; otherwise the download starts over
 */
public record DownloadOptions(boolean overwrite, boolean resume) {

    private static final DownloadOptions DEFAULTS = new DownloadOptions(true, false);

    /**
     * Returns the defaults: replace the target, start over.
     *
     * @return the default options
     */
    public static DownloadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy that does or does not replace an existing target.
     *
     * @param overwrite {@code true} to replace an existing target
     * @return the new options
     */
    public DownloadOptions withOverwrite(boolean overwrite) {
        return new DownloadOptions(overwrite, resume);
    }

    /**
     * Returns a copy that does or does not continue a {@code .part} file.
     *
     * @param resume {@code true} to continue a {@code .part} file
     * @return the new options
     */
    public DownloadOptions withResume(boolean resume) {
        return new DownloadOptions(overwrite, resume);
    }
}
