package io.jdask.distributed.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/** The Logback appender behind {@link LogBuffer}; loaded only when Logback is the SLF4J binding. */
final class LogbackCapture extends AppenderBase<ILoggingEvent> {
    private LogbackCapture() {}

    static void attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogbackCapture appender = new LogbackCapture();
        appender.setContext(context);
        appender.setName("jdask-log-buffer");
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Override
    protected void append(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(96);
        b.append(Instant.ofEpochMilli(e.getTimeStamp())).append(' ');
        String level = e.getLevel().toString();
        b.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
        b.append(e.getLoggerName()).append(" [").append(e.getThreadName()).append("] - ").append(e.getFormattedMessage());
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            b.append(" (").append(t.getClassName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
            b.append(')');
        }
        LogBuffer.add(b.toString());
    }
}
