package io.runway.core.traffic.embedded;

import java.nio.channels.ReadPendingException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The router's threads, which also run a client connection's "read the next request" step in the thread
 * that asks for it instead of waking a pool thread for it.
 *
 * <p>Why: a proxied request completes after {@code handle} has returned (its response arrives later, on
 * the upstream client's selector thread). Jetty 12.0's server connection then resumes reading that client
 * connection by handing itself to the executor ({@code HttpConnection.run}, i.e. {@code onFillable}) — one
 * pool-thread wake-up and context switch per request, which a JFR profile showed as about 0.6 thread parks
 * per request (docs/performance.md, Router, session 4). The resumed step is non-blocking here: with
 * nothing buffered it only registers read interest (see {@link #resume}), and a buffered (pipelined)
 * request is parsed, routed and sent upstream asynchronously by {@link RoutingProxyHandler}, which is
 * declared non-blocking. So the calling thread (a selector, or a pool thread already running) does it.
 *
 * <p>Only that task runs inline; everything else (the upstream client's tasks, the selectors themselves,
 * idle-timeout handling) is queued as usual.
 */
final class RouterThreadPool extends QueuedThreadPool {

    RouterThreadPool(int maxThreads, int minThreads) {
        super(maxThreads, minThreads);
    }

    @Override
    public void execute(Runnable job) {
        if (job instanceof HttpConnection connection && isRunning()
                && connection.getInvocationType() == Invocable.InvocationType.NON_BLOCKING) {
            resume(connection);
        } else {
            super.execute(job);
        }
    }

    /**
     * What {@code onFillable} would do, minus a read that nearly always finds nothing: the answer was
     * written microseconds ago and the client has not sent its next request yet. So when nothing is
     * buffered the connection only registers read interest (the selector then reports the next request, or
     * the client closing); with a pipelined request already buffered it runs {@code onFillable} as Jetty would.
     */
    private static void resume(HttpConnection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (connection.isRequestBufferEmpty() && endPoint.isOpen() && !endPoint.isInputShutdown()
                && !connection.isFillInterested()) {
            try {
                connection.fillInterested();
                return;
            } catch (ReadPendingException alreadyInterested) {
                return; // someone registered in between: the selector will call onFillable
            }
        }
        connection.run();
    }
}
