package io.runway.aws.cloudwatch;

import io.runway.aws.client.AwsErrors;
import io.runway.core.traffic.LatencyHistogram;
import io.runway.core.traffic.VersionTraffic;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * What one target group served, from CloudWatch ({@code AWS/ApplicationELB}, dimensions TargetGroup and
 * LoadBalancer): {@code RequestCount} and {@code HTTPCode_Target_5XX_Count} summed per minute, and
 * {@code TargetResponseTime} in the configured statistic (p99 by default) per minute. The result feeds the
 * same judges as the embedded router's counters: requests, errors, and a latency distribution made of
 * one value per minute (coarser than the embedded router's per-request histogram).
 *
 * <p>ALB metrics arrive in CloudWatch about a minute late and only for minutes with traffic: a judge sees
 * "no data" rather than "healthy" until they do, and the analysis interval should be a minute or more.
 */
public final class AlbMetrics {
    public static final String NAMESPACE = "AWS/ApplicationELB";
    private static final int PERIOD_SECONDS = 60;

    private final CloudWatchClient cloudWatch;
    private final String latencyStatistic;

    /** @param latencyStatistic e.g. {@code p99}, {@code Average}, {@code Maximum} */
    public AlbMetrics(CloudWatchClient cloudWatch, String latencyStatistic) {
        this.cloudWatch = cloudWatch;
        this.latencyStatistic = latencyStatistic;
    }

    /** Cumulative traffic of the group in whole minutes from the one holding {@code from} up to {@code to}. */
    public VersionTraffic read(AlbDimensions target, Instant from, Instant to) {
        Instant start = from.truncatedTo(ChronoUnit.MINUTES);
        Instant end = to.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<Dimension> dims = List.of(Dimension.builder().name("TargetGroup").value(target.targetGroup()).build(),
                Dimension.builder().name("LoadBalancer").value(target.loadBalancer()).build());
        GetMetricDataRequest request = GetMetricDataRequest.builder().startTime(start).endTime(end)
                .metricDataQueries(query("requests", "RequestCount", "Sum", dims),
                        query("errors", "HTTPCode_Target_5XX_Count", "Sum", dims),
                        query("latency", "TargetResponseTime", latencyStatistic, dims))
                .build();
        List<MetricDataResult> results = AwsErrors.call("GetMetricData", "target group " + target.targetGroup(),
                () -> {
                    List<MetricDataResult> all = new ArrayList<>();
                    cloudWatch.getMetricDataPaginator(request).forEach(page -> all.addAll(page.metricDataResults()));
                    return all;
                });
        double requests = 0;
        double errors = 0;
        List<Duration> latencies = new ArrayList<>();
        for (MetricDataResult r : results) {
            switch (r.id()) {
                case "requests" -> requests += sum(r.values());
                case "errors" -> errors += sum(r.values());
                case "latency" -> r.values().forEach(seconds -> latencies.add(Duration.ofNanos((long) (seconds * 1e9))));
                default -> { }
            }
        }
        long req = Math.round(requests);
        long err = Math.min(req, Math.round(errors)); // 5xx without a counted request would make a rate above 1
        return new VersionTraffic(req, err, LatencyHistogram.of(latencies.toArray(Duration[]::new)));
    }

    private static MetricDataQuery query(String id, String metric, String stat, List<Dimension> dims) {
        return MetricDataQuery.builder().id(id).returnData(true).metricStat(s -> s.period(PERIOD_SECONDS).stat(stat)
                .metric(m -> m.namespace(NAMESPACE).metricName(metric).dimensions(dims))).build();
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
