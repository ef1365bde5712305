package io.runway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import io.runway.core.resource.ResourceView;
import io.runway.jenkins.host.CapacityContribution;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Pools whose provider another plugin contributes, in a real Jenkins: refused by name without the contribution (the
 * old pools kept), served with one registered as an extension (opened by the engines, closed when they restart).
 * Runs only in the canonical build (mvn -f runway-jenkins/pom.xml verify); not run where this repository is developed.
 */
@WithJenkins
class CapacityContributionJenkinsTest {
    static final String STATIC = """
            pools:
              - name: web
                resources: [{name: web-1, labels: [linux]}]
            """;
    static final String EC2 = """
            pools:
              - name: cloud
                provider: aws-ec2
                max: 2
                template: {labels: [linux]}
                aws: {region: eu-west-1, launchTemplate: web}
            """;
    static final AtomicInteger opened = new AtomicInteger();
    static final AtomicInteger closed = new AtomicInteger();

    @Test
    void anAwsEc2PoolIsRefusedWithoutTheRunwayAwsPlugin(JenkinsRule r) {
        RunwayConfiguration c = RunwayConfiguration.get();
        c.setPools(STATIC);
        assertThatThrownBy(() -> c.setPools(EC2)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pool 'cloud' uses provider 'aws-ec2'")
                .hasMessageContaining("install the runway-aws plugin");
        assertThat(c.getPools()).isEqualTo(STATIC);
        assertThat(RunwayService.get().host().leases().pools()).containsExactly("web");
    }

    @Test
    void aContributedProviderServesItsPool(JenkinsRule r) {
        RunwayConfiguration.get().setPools(EC2);
        assertThat(RunwayService.get().host().leases().pools()).containsExactly("cloud");
        assertThat(opened.get()).isPositive();
        int before = closed.get();
        RunwayConfiguration.get().setPools(EC2); // saving restarts the engines: the old capacity is closed
        assertThat(closed.get()).isEqualTo(before + 1);
    }

    @TestExtension("aContributedProviderServesItsPool")
    public static class FakeEc2 extends CapacityContribution {
        @Override
        public Set<String> providers() {
            return Set.of("aws-ec2");
        }

        @Override
        public Capacity open(PoolsConfig pools, Context context) {
            opened.incrementAndGet();
            // Static-like: the pool has no resources until placement provisions, which this test does not ask.
            Provider p = new Provider() {
                @Override
                public String name() {
                    return "aws-ec2";
                }

                @Override
                public boolean cleansResources() {
                    return false;
                }

                @Override
                public CompletableFuture<Void> cleanup(ResourceView resource, String lastLeaseId) {
                    return CompletableFuture.completedFuture(null);
                }
            };
            return new Capacity() {
                @Override
                public Map<String, Provider> providers() {
                    return Map.of("aws-ec2", p);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }
}
