package io.uptimepage.shares.support;

import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record of the running application, formatted as the console would write it (logger name, message,
 * then any stack trace), with {@code io.uptimepage} at DEBUG while it is open. Close it to stop capturing.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger app = Logger.getLogger("io.uptimepage");
    private final Level appLevel = app.getLevel();

    private LogCapture() {
        setLevel(Level.ALL);
        root.addHandler(this);
        app.setLevel(Level.FINE);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord r) {
        String message = r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage();
        StringWriter out = new StringWriter().append(r.getLoggerName()).append(' ').append(String.valueOf(message));
        if (r.getThrown() != null) {
            r.getThrown().printStackTrace(new PrintWriter(out));
        }
        lines.add(out.toString());
    }

    /** The captured lines that contain {@code needle}. */
    public List<String> containing(String needle) {
        return lines.stream().filter(l -> l.contains(needle)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        app.setLevel(appLevel);
        root.removeHandler(this);
    }
}
