package io.runway.core.traffic;

/**
 * Splits the traffic of a service between its versions and counts what each version answered.
 *
 * <p>Implementations: the embedded router (an in-process reverse proxy), load balancer weighted target
 * groups, and a command/webhook router. A rollout only talks to this interface; it never sees how the
 * split is done.
 */
public interface TrafficRouter extends AutoCloseable {

    /**
     * Atomically replaces the routing of {@code service}; the next request is routed by {@code route}.
     * Requests already in flight finish on the version they were sent to.
     */
    void setRoute(String service, Route route);

    /**
     * Cumulative counters per version since the version was first routed, taken now. Subtract an
     * earlier snapshot ({@link TrafficSnapshot#minus}) to judge an interval.
     *
     * @throws io.runway.core.error.NotFoundException if the service has never been given a route
     */
    TrafficSnapshot snapshot(String service);

    /**
     * Whether this router can send a route's {@link Route#mirror() mirror} copies. A router that cannot
     * refuses a route with a mirror; a rollout asking for one is refused before it starts.
     */
    default boolean mirrors() {
        return false;
    }

    /** Stops routing and releases every listener and thread the router owns. */
    @Override
    void close();
}
