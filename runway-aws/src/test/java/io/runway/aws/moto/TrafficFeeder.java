package io.runway.aws.moto;

import io.runway.aws.cloudwatch.AlbDimensions;
import io.runway.aws.cloudwatch.AlbMetrics;
import io.runway.aws.elb.ElbTrafficRouter;
import io.runway.aws.elb.TargetGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;

/**
 * Stands in for real users, which moto cannot carry through its load balancer: every round it reads the
 * listener's forward weights back from the (emulated) ALB, splits 1,000 requests between the target
 * groups by those weights, and writes what each group "served" to CloudWatch with PutMetricData
 * (RequestCount, HTTPCode_Target_5XX_Count for versions marked bad, TargetResponseTime). Bounded: at most
 * 600 rounds, 200 ms apart; it stops when closed.
 */
public final class TrafficFeeder implements AutoCloseable {
    private final ElasticLoadBalancingV2Client elb;
    private final CloudWatchClient cloudWatch;
    private final String loadBalancerArn;
    private final int listenerPort;
    private final String service;
    private final List<String> versions;
    private final Set<String> bad = ConcurrentHashMap.newKeySet();
    private final List<Map<String, Integer>> weightsSeen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stop;

    public TrafficFeeder(ElasticLoadBalancingV2Client elb, CloudWatchClient cloudWatch, String loadBalancerArn,
                         int listenerPort, String service, List<String> versions) {
        this.elb = elb;
        this.cloudWatch = cloudWatch;
        this.loadBalancerArn = loadBalancerArn;
        this.listenerPort = listenerPort;
        this.service = service;
        this.versions = List.copyOf(versions);
        this.thread = new Thread(this::run, "traffic-feeder");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on, half of this version's requests answer 5xx. */
    public void makeBad(String version) {
        bad.add(version);
    }

    /** Every distinct version-to-ALB-weight map read back from the listener, in order. */
    public List<Map<String, Integer>> weightsSeen() {
        return List.copyOf(weightsSeen);
    }

    private void run() {
        for (int round = 0; round < 600 && !stop; round++) {
            try {
                feedOnce();
            } catch (RuntimeException e) {
                // the listener may not exist yet, or is being changed: try again next round
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void feedOnce() {
        Map<String, String> versionOfGroup = new HashMap<>();
        for (String v : versions) {
            versionOfGroup.put(TargetGroups.name(service, v), v);
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        Map<String, String> arnOf = new HashMap<>();
        elb.describeListeners(r -> r.loadBalancerArn(loadBalancerArn)).listeners().stream()
                .filter(l -> l.port() == listenerPort).findFirst().ifPresent(l -> {
                    for (Action a : l.defaultActions()) {
                        if (a.forwardConfig() == null) {
                            continue;
                        }
                        a.forwardConfig().targetGroups().forEach(t -> {
                            String name = t.targetGroupArn().split("/")[1];
                            String v = versionOfGroup.get(name);
                            if (v != null) {
                                weights.put(v, t.weight());
                                arnOf.put(v, t.targetGroupArn());
                            }
                        });
                    }
                });
        if (weights.isEmpty()) {
            return;
        }
        if (weightsSeen.isEmpty() || !weightsSeen.get(weightsSeen.size() - 1).equals(weights)) {
            weightsSeen.add(Map.copyOf(weights));
        }
        int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
        List<MetricDatum> data = new ArrayList<>();
        Instant now = Instant.now();
        weights.forEach((v, w) -> {
            long requests = Math.round(1000.0 * w / Math.max(1, sum));
            if (requests == 0) {
                return;
            }
            AlbDimensions d = AlbDimensions.of(loadBalancerArn, arnOf.get(v));
            List<Dimension> dims = List.of(Dimension.builder().name("TargetGroup").value(d.targetGroup()).build(),
                    Dimension.builder().name("LoadBalancer").value(d.loadBalancer()).build());
            data.add(datum("RequestCount", requests, dims, now));
            data.add(datum("HTTPCode_Target_5XX_Count", bad.contains(v) ? requests / 2 : 0, dims, now));
            data.add(datum("TargetResponseTime", 0.020, dims, now));
        });
        cloudWatch.putMetricData(r -> r.namespace(AlbMetrics.NAMESPACE).metricData(data));
    }

    private static MetricDatum datum(String name, double value, List<Dimension> dims, Instant at) {
        return MetricDatum.builder().metricName(name).value(value).dimensions(dims).timestamp(at).build();
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
