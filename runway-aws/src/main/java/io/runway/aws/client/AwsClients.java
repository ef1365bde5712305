package io.runway.aws.client;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients runway uses, built once from {@link AwsClientOptions} and closed together. Every client
 * gets the same credentials, region, endpoint override and the SDK's standard retry strategy, so
 * throttling and 5xx answers are retried with backoff before runway ever sees them.
 */
public final class AwsClients implements AutoCloseable {
    private final AwsClientOptions options;
    private final AwsCredentialsProvider credentials;
    private final List<SdkAutoCloseable> toClose = new ArrayList<>();
    private Ec2Client ec2;
    private ElasticLoadBalancingV2Client elb;
    private CloudWatchClient cloudWatch;
    private AutoScalingClient autoScaling;
    private StsClient sts;

    public AwsClients(AwsClientOptions options) {
        this(options, null);
    }

    /**
     * @param base credentials to start from instead of the default chain or the named profile (tests,
     *     or a host such as Jenkins that resolves its own credentials); a role is still assumed on top
     */
    public AwsClients(AwsClientOptions options, AwsCredentialsProvider base) {
        this(options, base, null);
    }

    /** As above, with the shared config file to read {@code profile} from (tests). */
    public AwsClients(AwsClientOptions options, AwsCredentialsProvider base, ProfileFile profileFile) {
        this.options = options;
        AwsCredentialsProvider start = base != null ? base : baseCredentials(options, profileFile);
        if (options.roleArn() != null) {
            StsClient baseSts = configure(StsClient.builder(), start).build();
            toClose.add(baseSts);
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(baseSts)
                    .refreshRequest(r -> r.roleArn(options.roleArn()).roleSessionName(options.roleSessionName()))
                    .build();
            toClose.add(assumed);
            this.credentials = assumed;
        } else {
            this.credentials = start;
        }
    }

    private static AwsCredentialsProvider baseCredentials(AwsClientOptions options, ProfileFile profileFile) {
        if (options.profile() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        ProfileCredentialsProvider.Builder b = ProfileCredentialsProvider.builder().profileName(options.profile());
        if (profileFile != null) {
            b.profileFile(profileFile);
        }
        return b.build();
    }

    public AwsClientOptions options() {
        return options;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public synchronized Ec2Client ec2() {
        if (ec2 == null) {
            ec2 = keep(configure(Ec2Client.builder(), credentials).build());
        }
        return ec2;
    }

    public synchronized ElasticLoadBalancingV2Client elb() {
        if (elb == null) {
            elb = keep(configure(ElasticLoadBalancingV2Client.builder(), credentials).build());
        }
        return elb;
    }

    public synchronized CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            cloudWatch = keep(configure(CloudWatchClient.builder(), credentials).build());
        }
        return cloudWatch;
    }

    public synchronized AutoScalingClient autoScaling() {
        if (autoScaling == null) {
            autoScaling = keep(configure(AutoScalingClient.builder(), credentials).build());
        }
        return autoScaling;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = keep(configure(StsClient.builder(), credentials).build());
        }
        return sts;
    }

    private <T extends SdkAutoCloseable> T keep(T client) {
        toClose.add(client);
        return client;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsCredentialsProvider creds) {
        builder.region(Region.of(options.region()))
                .credentialsProvider(creds)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(options.maxAttempts()).build())
                        .apiCallTimeout(options.apiCallTimeout())
                        .build());
        if (options.endpoint() != null) {
            builder.endpointOverride(options.endpoint());
        }
        return builder;
    }

    @Override
    public synchronized void close() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
    }
}
