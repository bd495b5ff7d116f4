package io.ftpflux.testkit.blockhound;

import java.util.Objects;
import reactor.blockhound.BlockingOperationError;

/**
 * A blocking call BlockHound detected on a non-blocking thread.
 *
 * @param threadName the name of the thread that made the call, such as {@code reactor-tcp-epoll-2}
 * @param error the error BlockHound threw from the call; its stack trace shows where the call was made
 */
public record BlockingCall(String threadName, BlockingOperationError error) {

    /**
     * Creates a record of a blocking call.
     *
     * @param threadName the name of the thread that made the call
     * @param error the error BlockHound threw from the call
     * @throws NullPointerException if an argument is null
     */
    public BlockingCall {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(error, "error");
    }

    /**
     * Describes the call in one line: the blocking method, the thread, and the frame that called the method.
     *
     * @return for example {@code java.lang.Thread.sleep on reactor-tcp-epoll-2 at com.example.Handler.channelRead(...)}
     */
    public String describe() {
        StringBuilder line = new StringBuilder().append(error.getMethod()).append(" on ").append(threadName);
        String blockingClass = error.getMethod().getClassName();
        String recorder = BlockHoundSupport.class.getName();
        for (StackTraceElement frame : error.getStackTrace()) {
            String frameClass = frame.getClassName();
            if (!frameClass.startsWith("reactor.blockhound.")
                    && !frameClass.equals(recorder) && !frameClass.startsWith(recorder + "$")
                    && !frameClass.equals(blockingClass)) {
                line.append(" at ").append(frame);
                break;
            }
        }
        return line.toString();
    }
}
