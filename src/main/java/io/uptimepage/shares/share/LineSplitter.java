package io.uptimepage.shares.share;

import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * Cuts a byte stream into lines on {@code \n} (a trailing {@code \r} is dropped), numbering them from 1. A line longer
 * than {@code maxLine} bytes is not kept: its bytes are skipped up to the next newline and it is reported with null
 * content, so memory stays bounded by {@code maxLine} whatever the input.
 */
final class LineSplitter {

    /** Receives each line: its 1-based number and its bytes, or null when it was longer than the limit. */
    interface Sink {
        void line(int number, byte[] bytes);
    }

    private final int maxLine;
    private final Sink sink;
    /** The current line's bytes so far; never more than {@code maxLine + 1} (room for a trailing \r). */
    private byte[] pending = new byte[1024];
    private int pendingLength;
    private boolean tooLong;
    private int number;

    LineSplitter(int maxLine, Sink sink) {
        this.maxLine = maxLine;
        this.sink = sink;
    }

    void feed(Buffer chunk) {
        int start = 0;
        int length = chunk.length();
        for (int i = 0; i < length; i++) {
            if (chunk.getByte(i) == '\n') {
                append(chunk, start, i);
                emit();
                start = i + 1;
            }
        }
        append(chunk, start, length);
    }

    /** The last line, when the body does not end with a newline. */
    void end() {
        if (pendingLength > 0 || tooLong) {
            emit();
        }
    }

    private void append(Buffer chunk, int from, int to) {
        if (tooLong || from == to) {
            return;
        }
        int needed = pendingLength + (to - from);
        if (needed > maxLine + 1) {
            tooLong = true;
            pendingLength = 0;
            return;
        }
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.min(maxLine + 1, Math.max(needed, pending.length * 2)));
        }
        chunk.getBytes(from, to, pending, pendingLength);
        pendingLength = needed;
    }

    private void emit() {
        number++;
        if (tooLong) {
            sink.line(number, null);
        } else {
            int end = pendingLength;
            if (end > 0 && pending[end - 1] == '\r') {
                end--;
            }
            sink.line(number, Arrays.copyOf(pending, end));
        }
        tooLong = false;
        pendingLength = 0;
    }
}
