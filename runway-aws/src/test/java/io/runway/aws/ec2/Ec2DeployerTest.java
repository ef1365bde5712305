package io.runway.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.cloudwatch.TargetHealthSource;
import io.runway.aws.elb.TargetGroups;
import io.runway.aws.moto.MotoFixture;
import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.ReadinessProbe;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.NotFoundException;
import io.runway.core.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versions as tagged instances behind their target group, against moto, on a clock the test moves. */
class Ec2DeployerTest {
    MotoFixture aws;
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    Ec2Capacity capacity;
    TargetGroups groups;
    Ec2Deployer deployer;

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
        capacity = new Ec2Capacity(aws.clients, Ec2PoolOptions.fromTemplate("shop", "web", List.of(aws.subnetA), "ctl-a"));
        groups = new TargetGroups(aws.clients, aws.vpcId, "ctl-a");
        deployer = new Ec2Deployer(capacity, groups, new TargetHealthSource(aws.clients.elb()), executor, clock,
                new Ec2Deployer.Options(2, 8080, Duration.ofMinutes(9), Duration.ofMillis(100), Duration.ofSeconds(5)));
    }

    @AfterEach
    void close() {
        executor.shutdownNow();
        aws.close();
    }

    static DeploymentRequest request(String owner, String version) {
        return new DeploymentRequest("shop", version, owner, List.of("/opt/shop/bin/shop", "--port", "${port}",
                "--name", "it's ${version}"), Map.of("MODE", "prod"), null, ReadinessProbe.http("/health"), Duration.ofMinutes(1));
    }

    @Test
    void aDeploymentIsTaggedInstancesRegisteredToTheVersionsTargetGroup() {
        Deployment d = deployer.deploy(request("r-1", "v1")).join();
        assertThat(d.id()).isEqualTo("r-1.v1");
        assertThat(d.endpoint().getPort()).isEqualTo(8080);
        List<Ec2Instance> instances = capacity.liveInstancesTagged(Ec2Tags.DEPLOYMENT, "r-1.v1");
        assertThat(instances).hasSize(2).allSatisfy(i -> assertThat(i.tags())
                .containsEntry(Ec2Tags.LEASE, "r-1").containsEntry(Ec2Tags.VERSION, "v1")
                .containsEntry(Ec2Tags.SERVICE, "shop").containsEntry(Ec2Tags.EXPIRES_AT, "2026-11-22T10:09:00Z"));
        String group = groups.require("shop", "v1");
        assertThat(new TargetHealthSource(aws.clients.elb()).read(group).states())
                .containsOnlyKeys(instances.stream().map(Ec2Instance::id).toArray(String[]::new));
        String userData = new String(java.util.Base64.getDecoder().decode(aws.clients.ec2().describeInstanceAttribute(
                r -> r.instanceId(instances.get(0).id()).attribute("userData")).userData().value()));
        assertThat(userData).contains("export MODE='prod'")
                .contains("exec '/opt/shop/bin/shop' '--port' '8080' '--name' 'it'\\''s v1'");
        assertThat(deployer.isRunning("r-1.v1")).isTrue();
        assertThat(deployer.deployments()).extracting(Deployment::id).containsExactly("r-1.v1");
    }

    @Test
    void undeployingTheWholePoolAtOnceIsRefusedByTheSafetyRail() {
        deployer.deploy(request("r-1", "v1")).join();
        assertThatThrownBy(() -> deployer.undeploy("r-1.v1").join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(io.runway.core.error.ConflictException.class)
                .hasMessageContaining("refused by a safety rail");
        assertThat(capacity.liveInstances()).hasSize(2);
        assertThat(new TargetHealthSource(aws.clients.elb()).read(groups.require("shop", "v1")).states())
                .as("still registered: nothing was half-done").hasSize(2);
    }

    @Test
    void deployingAgainAfterACrashAdoptsTheTaggedInstances() {
        Deployment first = deployer.deploy(request("r-1", "v1")).join();
        Deployment again = deployer.deploy(request("r-1", "v1")).join();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(capacity.liveInstances()).hasSize(2);
    }

    @Test
    void undeployTerminatesDeregistersAndDeletesTheUnusedGroup() {
        deployer.deploy(request("r-1", "v1")).join();
        deployer.deploy(request("r-1", "v2")).join();
        deployer.undeploy("r-1.v1").join();
        assertThat(capacity.liveInstances()).extracting(i -> i.tag(Ec2Tags.VERSION)).containsOnly("v2");
        assertThat(groups.find("shop", "v1")).isEmpty();
        clock.advance(Duration.ofSeconds(6)); // past the liveness cache
        assertThat(deployer.isRunning("r-1.v1")).isFalse();
        assertThatThrownBy(() -> deployer.undeploy("r-1.v1").join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void theHeartbeatMovesTheExpiryOfThisHostsInstancesOnly() {
        deployer.deploy(request("r-1", "v1")).join();
        Ec2Capacity otherHost = new Ec2Capacity(aws.clients, Ec2PoolOptions.fromTemplate("shop", "web", List.of(), "ctl-b"));
        otherHost.launch(new Ec2Capacity.LaunchRequest("r-2", 1, clock.instant(), Map.of(Ec2Tags.DEPLOYMENT, "r-2.v1"), null, null));
        clock.advance(Duration.ofMinutes(3));
        assertThat(deployer.heartbeatOnce()).isEqualTo(2);
        assertThat(capacity.liveInstancesTagged(Ec2Tags.LEASE, "r-1")).allSatisfy(i ->
                assertThat(i.expiresAt()).contains(Instant.parse("2026-11-22T10:12:00Z")));
        assertThat(capacity.liveInstancesTagged(Ec2Tags.LEASE, "r-2")).allSatisfy(i ->
                assertThat(i.expiresAt()).contains(Instant.parse("2026-11-22T10:00:00Z")));
    }

    @Test
    void theSweepStopsDeploymentsOfDeadOwnersAndSparesAnotherHostsUntilTheyExpire() {
        deployer.deploy(request("r-live", "v1")).join();
        deployer.deploy(request("r-dead", "v2")).join();
        Ec2Capacity otherHost = new Ec2Capacity(aws.clients, Ec2PoolOptions.fromTemplate("shop", "web", List.of(), "ctl-b"));
        otherHost.launch(new Ec2Capacity.LaunchRequest("r-other", 1, clock.instant().plus(Duration.ofMinutes(5)),
                Map.of(Ec2Tags.DEPLOYMENT, "r-other.v3", Ec2Tags.SERVICE, "shop", Ec2Tags.VERSION, "v3"), null, null));

        SweepReport report = deployer.sweep("r-live"::equals).join();
        assertThat(report.removed()).containsExactly("r-dead.v2");
        assertThat(report.kept()).containsExactlyInAnyOrder("r-live.v1", "r-other.v3");

        clock.advance(Duration.ofMinutes(6)); // the other host stopped heartbeating: its expiry passed
        assertThat(deployer.sweep("r-live"::equals).join().removed()).containsExactly("r-other.v3");
        assertThat(deployer.deployments()).extracting(Deployment::id).containsExactly("r-live.v1");
    }
}
