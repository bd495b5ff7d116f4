package io.ftpflux.benchmarks;

import java.io.OutputStream;

/** A sink for Commons Net's {@code retrieveFile}: counts what is written and keeps none of it. */
final class CountingOutputStream extends OutputStream {

    private long count;

    /** Returns the bytes written since the last {@link #reset()}. */
    long count() {
        return count;
    }

    /** Starts counting again from zero. */
    void reset() {
        count = 0;
    }

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        count += length;
    }
}
