package io.runway.jenkins.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import io.runway.aws.ec2.Ec2Tags;
import io.runway.aws.moto.MotoFixture;
import io.runway.core.lease.Grant;
import io.runway.core.placement.PlacementRequest;
import io.runway.jenkins.RunwayConfiguration;
import io.runway.jenkins.RunwayService;
import io.runway.jenkins.host.CapacityContribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * aws-ec2 pools in a real Jenkins, against moto (started from runway-aws's test-jar, as its own tests do): the
 * contribution is registered as an extension, the EC2 example of docs/jenkins.md imports with JCasC (moto's endpoint,
 * subnet and launch template put in), a placed lease launches a tagged instance, and the section exports and
 * round-trips through the form. Runs only in the canonical build (mvn -f runway-jenkins-aws/pom.xml verify); it has
 * not been run where this repository is developed.
 */
@WithJenkins
class Ec2PoolsJenkinsTest {
    static final String SECTION = "### EC2 pools";
    MotoFixture aws;
    @TempDir
    Path dir;

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void theContributionIsAnExtension(JenkinsRule r) {
        assertThat(CapacityContribution.all()).hasAtLeastOneElementOfType(Ec2PoolsContribution.class);
    }

    @Test
    void theDocumentedExampleImportsAndAPlacedLeaseLaunchesAnInstance(JenkinsRule r) throws Exception {
        String yaml = DocsJcascExample.read(SECTION)
                .replace("${RUNWAY_EC2_ACCESS_KEY}", "testing")
                .replace("${RUNWAY_EC2_SECRET_KEY}", "testing")
                .replace("region: eu-west-1", "region: us-east-1\n            endpoint: \"" + aws.server.endpoint() + "\"")
                .replace("            roleArn: arn:aws:iam::123456789012:role/runway-pools\n", "")
                .replace("launchTemplate: ci-runner", "launchTemplate: web")
                .replace("subnet-0a1b2c3d4e5f60718", aws.subnetA);
        Path file = dir.resolve("runway-ec2.yaml");
        Files.writeString(file, yaml);

        ConfigurationAsCode.get().configure(file.toUri().toString());

        assertThat(AwsPoolsConfiguration.get().getCredentialsId()).isEqualTo("runway-ec2");
        assertThat(RunwayConfiguration.get().poolsConfig().pools()).extracting(p -> p.provider()).containsExactly("aws-ec2");
        Grant g = RunwayService.get().host().placements()
                .place(PlacementRequest.of("user:admin", "ec2", List.of(), Duration.ofMinutes(10)))
                .grant().get(120, TimeUnit.SECONDS);
        String resource = g.lease().resourceIds().get(0);
        assertThat(aws.clients.ec2().describeInstances(b -> b.filters(f -> f.name("tag:" + Ec2Tags.RESOURCE).values(resource)))
                .reservations()).hasSize(1);

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(context).get("runwayAwsPools"));
        assertThat(exported).contains("credentialsId: \"runway-ec2\"");
    }

    @Test
    void theSectionRoundTripsThroughTheForm(JenkinsRule r) throws Exception {
        AwsPoolsConfiguration.get().setCredentialsId("some-id");
        r.configRoundtrip();
        assertThat(AwsPoolsConfiguration.get().getCredentialsId()).isEqualTo("some-id");
    }
}
