package io.runway.aws.elb;

import io.runway.aws.client.AwsErrors;
import io.runway.aws.cloudwatch.AlbDimensions;
import io.runway.aws.cloudwatch.AlbMetrics;
import io.runway.aws.ec2.Ec2Tags;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.TrafficSnapshot;
import io.runway.core.traffic.VersionTraffic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The TrafficRouter of an application load balancer: each routed service is one listener (a port) of an
 * existing ALB whose default action forwards to one target group per version, weighted by
 * {@link AlbWeights}; experiment cohorts are listener rules ({@link ListenerRules}); stickiness is the
 * ALB's target group stickiness (an ALB cookie for {@code stickinessDuration}, not the user key header:
 * the ALB cannot hash a header into buckets). Blue-green switches by replacing the forward action.
 *
 * <p>{@link #snapshot} reads CloudWatch ({@link AlbMetrics}) for every version routed since this router
 * first routed it, so the rollout judges what the load balancer saw, with CloudWatch's delay.
 */
public final class ElbTrafficRouter implements TrafficRouter {
    /** Where a service's traffic enters: a listener port, and the service whose versions' groups it uses. */
    public record ListenerBinding(int port, String targetService) {}

    private final ElasticLoadBalancingV2Client elb;
    private final String loadBalancerArn;
    private final TargetGroups groups;
    private final AlbMetrics metrics;
    private final Map<String, ListenerBinding> listeners;
    private final Duration stickinessDuration;
    private final String controllerId;
    private final Clock clock;
    private final ListenerRules rules;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> routedSince = new ConcurrentHashMap<>();

    public ElbTrafficRouter(ElasticLoadBalancingV2Client elb, String loadBalancerArn, TargetGroups groups,
                            AlbMetrics metrics, Map<String, ListenerBinding> listeners, Duration stickinessDuration,
                            String controllerId, Clock clock) {
        this.elb = elb;
        this.loadBalancerArn = loadBalancerArn;
        this.groups = groups;
        this.metrics = metrics;
        this.listeners = Map.copyOf(listeners);
        this.stickinessDuration = stickinessDuration;
        this.controllerId = controllerId;
        this.clock = clock;
        this.rules = new ListenerRules(elb);
    }

    @Override
    public synchronized void setRoute(String service, Route route) {
        if (route.mirror() != null) {
            // Checked before any call to AWS, so a refused route changes nothing.
            throw new InvalidInputException("mirror", "an Application Load Balancer cannot mirror traffic;"
                    + " remove analysis.mirror from the rollout of " + service);
        }
        ListenerBinding binding = binding(service);
        Map<String, String> groupOf = new HashMap<>();
        route.backends().keySet().forEach(v -> groupOf.put(v, groups.require(binding.targetService(), v)));
        List<ListenerRules.Wanted> wantedRules = ListenerRules.wanted(route.experiments(), groupOf::get);
        List<TargetGroupTuple> tuples = new ArrayList<>();
        AlbWeights.of(route).forEach((version, weight) ->
                tuples.add(TargetGroupTuple.builder().targetGroupArn(groupOf.get(version)).weight(weight).build()));
        TargetGroupStickinessConfig sticky = route.stickiness().isSticky()
                ? TargetGroupStickinessConfig.builder().enabled(true)
                        .durationSeconds((int) stickinessDuration.toSeconds()).build()
                : TargetGroupStickinessConfig.builder().enabled(false).build();
        Action forward = Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(ForwardActionConfig.builder()
                .targetGroups(tuples).targetGroupStickinessConfig(sticky).build()).build();
        Optional<Listener> existing = listener(binding.port());
        String listenerArn;
        if (existing.isPresent()) {
            listenerArn = existing.get().listenerArn();
            AwsErrors.run("ModifyListener", "listener " + listenerArn, () -> elb.modifyListener(
                    r -> r.listenerArn(listenerArn).defaultActions(forward)));
        } else {
            listenerArn = AwsErrors.call("CreateListener", "port " + binding.port() + " of " + loadBalancerArn,
                    () -> elb.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol(ProtocolEnum.HTTP)
                            .port(binding.port()).defaultActions(forward)
                            .tags(TargetGroups.tag(Ec2Tags.SERVICE, service),
                                    TargetGroups.tag(Ec2Tags.OWNER_CONTROLLER, controllerId)))
                            .listeners().get(0).listenerArn());
        }
        rules.sync(listenerArn, wantedRules);
        routes.put(service, route);
        Instant now = clock.instant();
        Map<String, Instant> since = routedSince.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
        route.backends().keySet().forEach(v -> since.putIfAbsent(v, now));
    }

    /** The route last set for {@code service} by this router. */
    public Optional<Route> route(String service) {
        return Optional.ofNullable(routes.get(service));
    }

    /** The ALB weights the listener of {@code service} forwards with now, by target group ARN (read back). */
    public Map<String, Integer> listenerWeights(String service) {
        Listener l = listener(binding(service).port()).orElseThrow(() ->
                new NotFoundException("service", "no listener for " + service));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Action a : l.defaultActions()) {
            if (a.forwardConfig() != null) {
                a.forwardConfig().targetGroups().forEach(t -> out.put(t.targetGroupArn(), t.weight()));
            } else if (a.targetGroupArn() != null) {
                out.put(a.targetGroupArn(), AlbWeights.MAX);
            }
        }
        return out;
    }

    @Override
    public TrafficSnapshot snapshot(String service) {
        ListenerBinding binding = binding(service);
        Map<String, Instant> since = routedSince.get(service);
        if (since == null || !routes.containsKey(service)) {
            throw new NotFoundException("service", "service " + service + " has not been routed by this router");
        }
        Instant now = clock.instant();
        Map<String, VersionTraffic> versions = new HashMap<>();
        since.forEach((version, from) -> groups.find(binding.targetService(), version).ifPresent(arn ->
                versions.put(version, metrics.read(AlbDimensions.of(loadBalancerArn, arn), from, now))));
        return new TrafficSnapshot(service, now, versions);
    }

    /** Deletes the listeners (and with them their rules) this router's services use; idempotent. */
    public synchronized void deleteListeners() {
        for (ListenerBinding b : listeners.values()) {
            listener(b.port()).ifPresent(l -> AwsErrors.run("DeleteListener", "listener " + l.listenerArn(),
                    () -> elb.deleteListener(r -> r.listenerArn(l.listenerArn()))));
        }
        routes.clear();
        routedSince.clear();
    }

    private Optional<Listener> listener(int port) {
        return AwsErrors.call("DescribeListeners", "load balancer " + loadBalancerArn, () -> elb
                .describeListenersPaginator(r -> r.loadBalancerArn(loadBalancerArn)).listeners().stream()
                .filter(l -> l.port() != null && l.port() == port).findFirst());
    }

    private ListenerBinding binding(String service) {
        ListenerBinding b = listeners.get(service);
        if (b == null) {
            throw new InvalidInputException("service", "the load balancer router has no listener for service '"
                    + service + "' (configured: " + listeners.keySet() + ")");
        }
        return b;
    }

    @Override
    public void close() {
        // The clients belong to the host; listeners stay so traffic keeps flowing after runway stops.
    }
}
