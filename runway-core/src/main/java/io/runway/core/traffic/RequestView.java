package io.runway.core.traffic;

/**
 * The parts of an incoming request that routing reads, so routing decisions are pure and need no HTTP
 * framework.
 */
public interface RequestView {

    /** The first value of the header, or null. Header names are case-insensitive. */
    String header(String name);

    /** The value of the first cookie with this exact name, or null. */
    String cookie(String name);
}
