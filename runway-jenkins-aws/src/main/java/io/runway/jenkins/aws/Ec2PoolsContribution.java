package io.runway.jenkins.aws;

import hudson.Extension;
import io.runway.aws.ec2.Ec2CapacityProvider;
import io.runway.aws.ec2.Ec2Pools;
import io.runway.core.error.InvalidInputException;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import io.runway.jenkins.host.CapacityContribution;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Serves {@code provider: aws-ec2} pools inside Jenkins: one EC2 instance per provisioned resource (runway-aws's
 * {@link Ec2CapacityProvider}), with the heartbeat and orphan sweep ({@code Ec2PoolJanitor}) on the host's threads
 * while the engines run, wired by runway-aws's {@link Ec2Pools} as {@code runway serve} does. The EC2 clients start
 * from the credentials {@link AwsPoolsConfiguration} names (blank: each pool's profile or the default chain);
 * instances are tagged with the controller id kept in {@code $JENKINS_HOME/runway/controller-id}.
 */
@Extension
public class Ec2PoolsContribution extends CapacityContribution {
    private final Supplier<String> credentialsId;
    private final AwsCredentialsLookup lookup;

    public Ec2PoolsContribution() {
        this(() -> AwsPoolsConfiguration.get().getCredentialsId(), JenkinsAwsCredentials::find);
    }

    /** With the credentials id and lookup given (tests: a map instead of Jenkins' credentials store). */
    public Ec2PoolsContribution(Supplier<String> credentialsId, AwsCredentialsLookup lookup) {
        this.credentialsId = credentialsId;
        this.lookup = lookup;
    }

    @Override
    public Set<String> providers() {
        return Set.of(Ec2CapacityProvider.NAME);
    }

    /** Refuses an id that finds no AWS credentials before any AWS client exists. */
    @Override
    public Capacity open(PoolsConfig pools, Context context) {
        Ec2Pools ec2 = Ec2Pools.open(pools, context.stateDir(), credentials(), context.clock(), context.log());
        return new Capacity() {
            @Override
            public Map<String, Provider> providers() {
                return Map.of(Ec2CapacityProvider.NAME, ec2.provider());
            }

            @Override
            public void engineStarted(LeaseEngine engine, ScheduledExecutorService executor) {
                ec2.start(engine, executor);
            }

            @Override
            public void engineStopping() {
                ec2.stop();
            }

            @Override
            public void close() {
                ec2.close(); // instances stay: the next host's engine knows their resources
            }
        };
    }

    /** The credentials the id names; null (each pool's profile or the default chain) when the id is blank. */
    AwsCredentialsProvider credentials() {
        String id = credentialsId.get();
        if (id == null || id.isBlank()) {
            return null;
        }
        AwsCredentialsProvider found = lookup.find(id.strip());
        if (found == null) {
            String field = AwsPoolsConfiguration.FIELD + "credentialsId";
            throw new InvalidInputException(field, field + ": no AWS credentials with id '" + id.strip()
                    + "' in Jenkins' global credentials for aws-ec2 pools and rollouts (add one of kind \"AWS Credentials\","
                    + " or leave the field blank for each pool's profile or the controller's default credentials chain)");
        }
        return found;
    }
}
