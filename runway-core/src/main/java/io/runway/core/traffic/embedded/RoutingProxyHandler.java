package io.runway.core.traffic.embedded;

import io.runway.core.traffic.Backend;
import io.runway.core.traffic.Mirror;
import io.runway.core.traffic.RequestIds;
import io.runway.core.traffic.RoutingTable;
import io.runway.core.traffic.VersionMeter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;
import java.util.concurrent.Executor;

/**
 * Jetty's reverse {@link ProxyHandler} with the routing decision, request ids and metering added. Jetty
 * does the HTTP work (streaming bodies both ways, hop-by-hop headers, Via/Forwarded, 502/504 on upstream
 * failure); this class only picks the backend and counts.
 *
 * <p>A request is counted when the backend's response head arrives (or when the upstream exchange fails),
 * before any byte of the response reaches the client. So latency is the time to the backend's response
 * head, which is what a version controls (body transfer time mostly measures the client), and a client
 * that has its response always finds it in the next snapshot.
 *
 * <p>Nothing here blocks: the routing decision is a table lookup, the upstream exchange and both bodies
 * are asynchronous (Jetty's {@code ProxyHandler} streams them with demand and callbacks), and metering
 * is a histogram update. So the handler and the backend connections are declared non-blocking and Jetty
 * runs a request, and later its response, on the selector thread that read it, without waking a pool
 * thread for each (see {@link NonBlockingClientTransport}).
 */
final class RoutingProxyHandler extends ProxyHandler {
    static final String VERSION_HEADER = "X-Runway-Version";
    private static final String VIA_HOST = "runway-router";
    private static final HttpField VIA_HTTP_1_1 = new HttpField(HttpHeader.VIA, "1.1 " + VIA_HOST);

    private final Map<Connector, ServiceRouting> servicesByConnector;
    private final EmbeddedRouterOptions options;
    private final Executor executor;
    private final Scheduler scheduler;

    RoutingProxyHandler(Map<Connector, ServiceRouting> servicesByConnector, EmbeddedRouterOptions options,
                        Executor executor, Scheduler scheduler) {
        this.servicesByConnector = servicesByConnector;
        this.options = options;
        this.executor = executor;
        this.scheduler = scheduler;
        // Jetty would otherwise resolve the local host name (a DNS lookup) for the Via header.
        setViaHost(VIA_HOST);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = RequestIds.acceptOrGenerate(request.getHeaders().get(RequestIds.HEADER));
        response.getHeaders().put(RequestIds.HEADER, requestId);
        ServiceRouting service = servicesByConnector.get(request.getConnectionMetaData().getConnector());
        RoutingTable table = service == null ? null : service.table();
        if (table == null) {
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "no route set for this service");
            return true;
        }
        String version = table.versionFor(new JettyRequestView(request), service.nextSequence());
        response.getHeaders().put(VERSION_HEADER, version);
        Exchange exchange = new Exchange(requestId, table.backendOf(version),
                service.meter().meterOf(version), System.nanoTime());
        // The exchange rides on a wrapper rather than a request attribute: Jetty allocates a concurrent
        // map for a request's first attribute, a measurable cost at tens of thousands of requests/s.
        RoutedRequest routed = new RoutedRequest(request, exchange);
        Mirror mirror = table.route().mirror();
        if (mirror != null && !mirror.version().equals(version) && MirrorEligibility.sampled(request, mirror, service)
                && service.tryStartMirror(mirrorLimit())) {
            sendMirrorCopy(routed, service, mirror.version(), table.backendOf(mirror.version()));
        }
        return super.handle(routed, response, callback);
    }

    /** Copies at most half of the connections to a version, so real requests to it always find some. */
    private int mirrorLimit() {
        return Math.max(1, options.maxConnectionsPerBackend() / 2);
    }

    /**
     * Sends a copy of {@code routed} to {@code backend}, with the same headers as the proxied request plus
     * {@value MirrorEligibility#HEADER}; counts its answer for {@code version} as mirrored and discards it.
     */
    private void sendMirrorCopy(RoutedRequest routed, ServiceRouting service, String version, Backend backend) {
        Exchange copy = new Exchange(routed.exchange.requestId, backend, service.meter().mirrorMeterOf(version),
                System.nanoTime());
        try {
            org.eclipse.jetty.client.Request upstream = newProxyToServerRequest(routed, uriAt(backend, routed));
            copyRequestHeaders(routed, upstream);
            addProxyHeaders(routed, upstream);
            upstream.headers(headers -> headers.put(MirrorEligibility.HEADER, "1"));
            upstream.onResponseHeaders(answer -> copy.count(answer.getStatus() >= 500));
            // No content listener: Jetty's client reads the copy's body and drops it.
            upstream.send(result -> {
                if (result.isFailed()) {
                    copy.count(true);
                }
                service.mirrorEnded();
            });
        } catch (RuntimeException e) {
            // A copy that cannot even be sent is a failed copy, counted as the new version's mirrored error
            // so the gates see it; the client's own request must go on regardless, and the place is freed.
            copy.count(true);
            service.mirrorEnded();
        }
    }

    /**
     * {@code Via: 1.1 runway-router}, appended to any the request already carries. Jetty's own version
     * streams and joins the existing values on every request; the common case here has none.
     */
    @Override
    protected void addViaHeader(Request request, org.eclipse.jetty.client.Request upstream) {
        String protocol = request.getConnectionMetaData().getProtocol();
        String version = protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
        upstream.headers(headers -> {
            String existing = headers.get(HttpHeader.VIA);
            if (existing == null && version.equals("1.1")) {
                headers.put(VIA_HTTP_1_1);
            } else {
                String own = version + " " + VIA_HOST;
                headers.put(HttpHeader.VIA, existing == null || existing.isBlank() ? own : existing + ", " + own);
            }
        });
    }

    /**
     * RFC 7239 {@code Forwarded: by=..;for=..;host=..;proto=..}, appended to any earlier hops, with the
     * same fields Jetty sends; built directly because Jetty's version formats a string per request.
     */
    @Override
    protected void addForwardedHeader(Request request, org.eclipse.jetty.client.Request upstream) {
        String scheme = request.getHttpURI().getScheme();
        String proto = scheme == null ? (request.isSecure() ? "https" : "http") : scheme;
        String value = ForwardedValue.of(Request.getLocalAddr(request), Request.getRemoteAddr(request),
                request.getHeaders().get(HttpHeader.HOST), proto);
        upstream.headers(headers -> {
            String existing = headers.get(HttpHeader.FORWARDED);
            headers.put(HttpHeader.FORWARDED, existing == null || existing.isBlank() ? value : existing + ", " + value);
        });
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        return uriAt(exchangeOf(request).backend, request);
    }

    private static HttpURI uriAt(Backend backend, Request request) {
        HttpURI incoming = request.getHttpURI();
        return HttpURI.build()
                .scheme(backend.uri().getScheme())
                .host(backend.uri().getHost())
                .port(backend.port())
                .path(backend.basePath() + incoming.getPath())
                .query(incoming.getQuery());
    }

    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI target) {
        return super.newProxyToServerRequest(request, target)
                .timeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void copyRequestHeaders(Request request, org.eclipse.jetty.client.Request upstream) {
        super.copyRequestHeaders(request, upstream);
        String requestId = exchangeOf(request).requestId;
        upstream.headers(headers -> headers.put(RequestIds.HEADER, requestId));
    }

    // The router's own values win over whatever the backend says.
    @Override
    protected HttpField filterServerToProxyResponseField(HttpField field) {
        String name = field.getName();
        if (name.equalsIgnoreCase(VERSION_HEADER) || name.equalsIgnoreCase(RequestIds.HEADER)) {
            return null;
        }
        return field;
    }

    @Override
    protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(
            Request request, org.eclipse.jetty.client.Request upstream, Response response, Callback callback) {
        return new MeteringResponseListener(request, upstream, response, callback);
    }

    @Override
    protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request upstream,
                                                  org.eclipse.jetty.client.Response upstreamResponse,
                                                  Response response, Callback callback, Throwable failure) {
        exchangeOf(request).count(true);
        if (!response.isCommitted()) {
            // A backend that fails after its headers (a version being torn down, or crashing mid-answer) has
            // had them copied already, its Content-Length among them: the 502/504 page would then not fit
            // and Jetty would log a stack trace instead of answering. Start over, keeping the router's own.
            String requestId = response.getHeaders().get(RequestIds.HEADER);
            String version = response.getHeaders().get(VERSION_HEADER);
            response.reset();
            if (requestId != null) {
                response.getHeaders().put(RequestIds.HEADER, requestId);
            }
            if (version != null) {
                response.getHeaders().put(VERSION_HEADER, version);
            }
        }
        super.onServerToProxyResponseFailure(request, upstream, upstreamResponse, response, callback, failure);
    }

    @Override
    public Invocable.InvocationType getInvocationType() {
        return Invocable.InvocationType.NON_BLOCKING;
    }

    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(executor);
        connector.setScheduler(scheduler);
        connector.setSelectors(1);
        HttpClient client = new HttpClient(new NonBlockingClientTransport(connector));
        client.setExecutor(executor);
        client.setScheduler(scheduler);
        return client;
    }

    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setConnectTimeout(options.connectTimeout().toMillis());
        client.setIdleTimeout(options.idleTimeout().toMillis());
        client.setMaxConnectionsPerDestination(options.maxConnectionsPerBackend());
        client.setUserAgentField(null); // forward the client's User-Agent, add none of our own
    }

    private static Exchange exchangeOf(Request request) {
        return ((RoutedRequest) request).exchange;
    }

    /** The client's request, carrying this proxy's bookkeeping for it. */
    private static final class RoutedRequest extends Request.Wrapper {
        final Exchange exchange;

        RoutedRequest(Request request, Exchange exchange) {
            super(request);
            this.exchange = exchange;
        }
    }

    private final class MeteringResponseListener extends ProxyResponseListener {
        private final Request request;

        MeteringResponseListener(Request request, org.eclipse.jetty.client.Request upstream, Response response,
                                 Callback callback) {
            super(request, upstream, response, callback);
            this.request = request;
        }

        @Override
        public void onHeaders(org.eclipse.jetty.client.Response upstreamResponse) {
            exchangeOf(request).count(upstreamResponse.getStatus() >= 500);
            super.onHeaders(upstreamResponse);
        }
    }

    /** One proxied request; Jetty runs its events one after another, so the flag needs no atomics. */
    private static final class Exchange {
        final String requestId;
        final Backend backend;
        final VersionMeter meter;
        final long startNanos;
        private boolean counted;
        private boolean countedAsError;

        Exchange(String requestId, Backend backend, VersionMeter meter, long startNanos) {
            this.requestId = requestId;
            this.backend = backend;
            this.meter = meter;
            this.startNanos = startNanos;
        }

        // Once per request, when its head arrives (its latency is the time to the head). A failure after
        // that (the backend dying mid-body) turns a success into an error, since the client gets a 502 or a
        // cut answer, without counting the request twice.
        void count(boolean error) {
            if (!counted) {
                counted = true;
                countedAsError = error;
                meter.record(System.nanoTime() - startNanos, error);
            } else if (error && !countedAsError) {
                countedAsError = true;
                meter.failedAfterRecording();
            }
        }
    }
}
