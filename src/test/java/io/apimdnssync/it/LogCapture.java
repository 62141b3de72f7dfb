package io.apimdnssync.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Collects what a logger (and its children) writes, for tests that check what the daemon says. */
public final class LogCapture extends Handler implements AutoCloseable {
    public record Line(Level level, String message) {
    }

    private final Logger logger;
    public final List<Line> lines = new CopyOnWriteArrayList<>();

    public LogCapture(String category) {
        logger = Logger.getLogger(category);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        String m = r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage();
        lines.add(new Line(r.getLevel(), m));
    }

    public List<String> at(Level level, String containing) {
        return lines.stream().filter(l -> l.level().intValue() == level.intValue() && l.message().contains(containing))
                .map(Line::message).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
