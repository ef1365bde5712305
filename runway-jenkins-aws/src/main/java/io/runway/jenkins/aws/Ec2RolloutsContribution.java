package io.runway.jenkins.aws;

import hudson.Extension;
import io.runway.aws.rollout.AwsRolloutBackends;
import io.runway.core.deploy.Deployer;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.jenkins.host.CapacityContribution;
import io.runway.jenkins.host.RolloutProviderContribution;
import java.util.List;
import java.util.Set;

/**
 * Runs {@code provider: aws-ec2} rollouts inside Jenkins ({@code rollout} step, freestyle builder): EC2 instances
 * per version behind the spec's ALB, judged on CloudWatch and target-health metrics, as {@code runway rollout -f}
 * does, but on the controller's store, rollout service and threads (runway-aws's {@link AwsRolloutBackends}), so
 * promote, abort, the Runway page and restarts treat them as any rollout. The AWS clients start from the
 * credentials {@link AwsPoolsConfiguration} names (blank: each spec's profile or the default chain), asked when a
 * service's first rollout opens them; instances are tagged with the controller id the aws-ec2 pools use.
 */
@Extension
public class Ec2RolloutsContribution extends RolloutProviderContribution {
    private final Ec2PoolsContribution credentials;

    public Ec2RolloutsContribution() {
        this(new Ec2PoolsContribution());
    }

    /** Credentials as {@code credentials} finds them for the pools (tests: a map instead of Jenkins' store). */
    public Ec2RolloutsContribution(Ec2PoolsContribution credentials) {
        this.credentials = credentials;
    }

    @Override
    public Set<String> providers() {
        return Set.of(AwsRolloutBackends.PROVIDER);
    }

    @Override
    public Backends open(CapacityContribution.Context context) {
        AwsRolloutBackends aws = new AwsRolloutBackends(context.stateDir(), credentials::credentials, null,
                context.executor(), context.clock());
        return new Backends() {
            @Override
            public Backend backend(RolloutSpec spec) {
                return aws.backend(spec);
            }

            @Override
            public List<Deployer> deployers() {
                return aws.deployers();
            }

            @Override
            public void close() {
                aws.close(); // instances stay: the next host resumes their rollouts from the store
            }
        };
    }
}
