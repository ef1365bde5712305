package io.runway.aws.elb;

import io.runway.aws.client.AwsClients;
import io.runway.aws.client.AwsErrors;
import io.runway.aws.ec2.Ec2Tags;
import io.runway.core.error.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * One target group per version of a service. Its name is derived from service and version
 * ({@code rw-} and 24 hex digits of a hash, within the 32-character limit), so a restarted runway finds
 * the same group again without a lookup table; tags say what it is for people and sweeps.
 */
public final class TargetGroups {
    private final AwsClients clients;
    private final String vpcId;
    private final String controllerId;

    public TargetGroups(AwsClients clients, String vpcId, String controllerId) {
        this.clients = clients;
        this.vpcId = vpcId;
        this.controllerId = controllerId;
    }

    public static String name(String service, String version) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((service + "/" + version).getBytes(StandardCharsets.UTF_8));
            return "rw-" + HexFormat.of().formatHex(h).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The group of a version, created (HTTP, instance targets, health check on {@code healthPath}) if absent. */
    public String ensure(String service, String version, int port, String healthPath) {
        Optional<String> existing = find(service, version);
        if (existing.isPresent()) {
            return existing.get();
        }
        String name = name(service, version);
        return AwsErrors.call("CreateTargetGroup", "target group " + name + " (" + service + " " + version + ")",
                () -> elb().createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(port).vpcId(vpcId)
                        .targetType(TargetTypeEnum.INSTANCE).healthCheckPath(healthPath)
                        .tags(tag(Ec2Tags.SERVICE, service), tag(Ec2Tags.VERSION, version),
                                tag(Ec2Tags.OWNER_CONTROLLER, controllerId)))
                        .targetGroups().get(0).targetGroupArn());
    }

    public Optional<String> find(String service, String version) {
        String name = name(service, version);
        try {
            List<TargetGroup> groups = elb().describeTargetGroups(r -> r.names(name)).targetGroups();
            return groups.isEmpty() ? Optional.empty() : Optional.of(groups.get(0).targetGroupArn());
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsErrors.translate("DescribeTargetGroups", "target group " + name, e);
        }
    }

    public String require(String service, String version) {
        return find(service, version).orElseThrow(() -> new NotFoundException("version", "no target group for "
                + service + " " + version + " (" + name(service, version) + "); is the version deployed?"));
    }

    public void register(String targetGroupArn, Collection<String> instanceIds, int port) {
        if (instanceIds.isEmpty()) {
            return;
        }
        AwsErrors.run("RegisterTargets", "target group " + targetGroupArn, () -> elb().registerTargets(
                r -> r.targetGroupArn(targetGroupArn).targets(targets(instanceIds, port))));
    }

    public void deregister(String targetGroupArn, Collection<String> instanceIds, int port) {
        if (instanceIds.isEmpty()) {
            return;
        }
        AwsErrors.run("DeregisterTargets", "target group " + targetGroupArn, () -> elb().deregisterTargets(
                r -> r.targetGroupArn(targetGroupArn).targets(targets(instanceIds, port))));
    }

    /** Deletes the group; false (nothing done) while a listener still forwards to it. */
    public boolean delete(String targetGroupArn) {
        try {
            elb().deleteTargetGroup(r -> r.targetGroupArn(targetGroupArn));
            return true;
        } catch (ResourceInUseException e) {
            return false;
        } catch (TargetGroupNotFoundException e) {
            return true;
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsErrors.translate("DeleteTargetGroup", "target group " + targetGroupArn, e);
        }
    }

    /** Every target group of the VPC tagged as runway's for {@code service} (paginated; tags read 20 at a time). */
    public List<String> ofService(String service) {
        List<String> arns = AwsErrors.call("DescribeTargetGroups", "vpc " + vpcId, () -> elb()
                .describeTargetGroupsPaginator(r -> r.pageSize(400)).targetGroups().stream()
                .filter(g -> vpcId.equals(g.vpcId()) && g.targetGroupName().startsWith("rw-"))
                .map(TargetGroup::targetGroupArn).toList());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 20) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
            AwsErrors.call("DescribeTags", "target groups", () -> elb().describeTags(r -> r.resourceArns(batch)))
                    .tagDescriptions().stream()
                    .filter(d -> d.tags().stream().anyMatch(t -> t.key().equals(Ec2Tags.SERVICE) && t.value().equals(service)))
                    .forEach(d -> out.add(d.resourceArn()));
        }
        return out;
    }

    private static List<TargetDescription> targets(Collection<String> ids, int port) {
        return ids.stream().map(id -> TargetDescription.builder().id(id).port(port).build()).toList();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private ElasticLoadBalancingV2Client elb() {
        return clients.elb();
    }
}
