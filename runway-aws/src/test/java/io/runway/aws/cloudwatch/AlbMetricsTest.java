package io.runway.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.aws.moto.MotoFixture;
import io.runway.core.traffic.VersionTraffic;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** GetMetricData of ALB metrics per target group, against values put into moto's CloudWatch. */
class AlbMetricsTest {
    static final String LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-lb/50dc6c495c0c9188";
    static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/rw-abc/73e2d6bc24d8a067";
    MotoFixture aws;

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void dimensionsAreTheArnsAfterTheirResourcePrefix() {
        AlbDimensions d = AlbDimensions.of(LB, TG);
        assertThat(d.loadBalancer()).isEqualTo("app/shop-lb/50dc6c495c0c9188");
        assertThat(d.targetGroup()).isEqualTo("targetgroup/rw-abc/73e2d6bc24d8a067");
    }

    @Test
    void sumsRequestsAndErrorsOfTheGroupOnlyAndKeepsOneLatencyPerMinute() {
        Instant now = Instant.now();
        put(TG, now, 100, 3, 0.040);
        put(TG, now, 50, 1, 0.040);
        put(TG.replace("rw-abc", "rw-other"), now, 1000, 500, 2.0);
        VersionTraffic t = new AlbMetrics(aws.clients.cloudWatch(), "Average").read(AlbDimensions.of(LB, TG),
                now.minus(1, ChronoUnit.MINUTES), now);
        assertThat(t.requests()).isEqualTo(150);
        assertThat(t.errors()).isEqualTo(4);
        assertThat(t.latency().count()).isEqualTo(1);
        assertThat(t.latency().p99Millis()).isBetween(39.0, 41.0);
    }

    @Test
    void noDatapointsIsNoTrafficNotHealth() {
        VersionTraffic t = new AlbMetrics(aws.clients.cloudWatch(), "Average").read(AlbDimensions.of(LB, TG),
                Instant.now().minus(5, ChronoUnit.MINUTES), Instant.now());
        assertThat(t.requests()).isZero();
        assertThat(t.errorRate()).isNaN();
    }

    private void put(String tg, Instant at, double requests, double errors, double seconds) {
        AlbDimensions d = AlbDimensions.of(LB, tg);
        List<Dimension> dims = List.of(Dimension.builder().name("TargetGroup").value(d.targetGroup()).build(),
                Dimension.builder().name("LoadBalancer").value(d.loadBalancer()).build());
        aws.clients.cloudWatch().putMetricData(r -> r.namespace(AlbMetrics.NAMESPACE).metricData(
                MetricDatum.builder().metricName("RequestCount").value(requests).dimensions(dims).timestamp(at).build(),
                MetricDatum.builder().metricName("HTTPCode_Target_5XX_Count").value(errors).dimensions(dims).timestamp(at).build(),
                MetricDatum.builder().metricName("TargetResponseTime").value(seconds).dimensions(dims).timestamp(at).build()));
    }
}
