package io.runway.aws.moto;

import io.runway.aws.client.AwsClientOptions;
import io.runway.aws.client.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * An empty emulated account with what runway expects to exist already (a VPC with two subnets, a load
 * balancer, a launch template), and real SDK clients talking to it over HTTP.
 */
public final class MotoFixture implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    public final MotoServer server;
    public final AwsClients clients;
    public final String vpcId;
    public final String subnetA;
    public final String subnetB;
    public final String imageId;
    public final String loadBalancerArn;

    private MotoFixture(MotoServer server, AwsClients clients) {
        this.server = server;
        this.clients = clients;
        Ec2Client ec2 = clients.ec2();
        vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        subnetA = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        subnetB = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b"))
                .subnet().subnetId();
        Image image = ec2.describeImages(r -> r.owners("amazon")).images().get(0);
        imageId = image.imageId();
        ec2.createLaunchTemplate(r -> r.launchTemplateName("web")
                .launchTemplateData(d -> d.imageId(imageId).instanceType("t3.micro")));
        loadBalancerArn = clients.elb().createLoadBalancer(r -> r.name("shop-lb").subnets(subnetA, subnetB))
                .loadBalancers().get(0).loadBalancerArn();
    }

    /** A freshly reset moto with the standard furniture. */
    public static MotoFixture fresh() {
        MotoServer server = MotoServer.get();
        server.reset();
        return new MotoFixture(server, new AwsClients(options(server), TEST_CREDENTIALS));
    }

    public static AwsClientOptions options(MotoServer server) {
        return AwsClientOptions.of(REGION).withEndpoint(server.endpoint()).withMaxAttempts(3);
    }

    @Override
    public void close() {
        clients.close();
    }
}
