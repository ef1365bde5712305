package io.runway.jenkins.api;

/** An HTTP status and a JSON body. */
public record ApiResponse(int status, String json) {}
