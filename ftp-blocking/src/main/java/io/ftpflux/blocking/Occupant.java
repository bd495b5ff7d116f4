package io.ftpflux.blocking;

/**
 * A stream that holds its session's conversation until closed: a download, upload or listing. Closing the session
 * abandons the ones still open, so that its QUIT (RFC 959 §4.1.1) does not wait behind a stream nobody reads.
 */
interface Occupant {

    /** Tells whether the stream no longer holds the conversation (closed, or ended and drained). */
    boolean finished();

    /** Ends the stream at once, without waiting for the session to be back in step; never throws. */
    void abandon();
}
