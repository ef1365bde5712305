package io.runway.aws.moto;

import io.runway.aws.ec2.Ec2Tags;
import java.util.ArrayList;
import java.util.List;

/** What runway-tagged resources are left in the emulated account: instances, target groups, listeners. */
public final class AwsLeftovers {
    private AwsLeftovers() {}

    public static List<String> of(MotoFixture aws) {
        List<String> out = new ArrayList<>();
        aws.clients.ec2().describeInstancesPaginator(r -> r.filters(f -> f.name("tag-key").values(Ec2Tags.POOL),
                f -> f.name("instance-state-name").values("pending", "running", "stopping", "stopped")))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .forEach(i -> out.add("instance " + i.instanceId()));
        aws.clients.elb().describeTargetGroups().targetGroups().stream()
                .filter(g -> g.targetGroupName().startsWith("rw-")).forEach(g -> out.add("target group " + g.targetGroupName()));
        aws.clients.elb().describeListeners(r -> r.loadBalancerArn(aws.loadBalancerArn)).listeners()
                .forEach(l -> out.add("listener on port " + l.port()));
        return out;
    }
}
