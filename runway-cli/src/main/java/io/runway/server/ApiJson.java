package io.runway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runway.core.api.ApiViews;

/** The one JSON mapping of the REST API, shared with the Jenkins plugin through {@link ApiViews}. */
public final class ApiJson {
    private ApiJson() {}

    public static ObjectMapper mapper() {
        return ApiViews.mapper();
    }
}
