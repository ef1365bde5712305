package io.runway.core.traffic.embedded;

import io.runway.core.traffic.RequestView;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

/** Adapts a Jetty request to the framework-free view routing decisions read. */
final class JettyRequestView implements RequestView {
    private final Request request;

    JettyRequestView(Request request) {
        this.request = request;
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public String cookie(String name) {
        // Parsed lazily and cached by Jetty, so requests routed without cookies pay nothing.
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
