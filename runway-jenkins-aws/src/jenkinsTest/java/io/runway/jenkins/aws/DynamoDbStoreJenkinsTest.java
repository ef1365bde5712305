package io.runway.jenkins.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import io.runway.aws.dynamodb.DynamoDbLocal;
import io.runway.jenkins.RunwayConfiguration;
import io.runway.jenkins.RunwayService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The DynamoDB store choice in a real Jenkins, against DynamoDB Local in the test JVM: the configuration form round
 * trip, and JCasC import (the example of docs/jenkins.md with the local endpoint) and export. Runs only in the
 * canonical build (mvn -f runway-jenkins-aws/pom.xml verify); it has not been run where this repository is developed.
 */
@WithJenkins
class DynamoDbStoreJenkinsTest {
    static final String POOLS = """
            pools:
              - name: web
                resources:
                  - {name: web-1, labels: [linux]}
            """;
    private static DynamoDbLocal local;
    @TempDir
    Path dir;

    @BeforeAll
    static void startDynamoDbLocal() {
        local = DynamoDbLocal.start();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        local.close();
    }

    @Test
    void theDynamoDbChoiceRoundTripsThroughTheFormAndTheEnginesRunOnIt(JenkinsRule r) throws Exception {
        DynamoDbStoreChoice store = new DynamoDbStoreChoice("runway-form");
        store.setRegion("us-east-1");
        store.setEndpoint(local.endpoint().toString());
        store.setCreateTable(true);
        RunwayConfiguration c = RunwayConfiguration.get();
        c.setPools(POOLS);
        c.setStore(store);

        r.configRoundtrip();

        assertThat(RunwayConfiguration.get().getStore()).isInstanceOf(DynamoDbStoreChoice.class);
        r.assertEqualDataBoundBeans(store, RunwayConfiguration.get().getStore());
        assertThat(RunwayService.get().host().leases().resources()).extracting(v -> v.id()).containsExactly("web-1");
    }

    @Test
    void theDocumentedJcascImportsWithItsCredentialsAndExportsAgain(JenkinsRule r) throws Exception {
        String yaml = DocsJcascExample.read()
                .replace("region: eu-west-1", "region: us-east-1")
                .replace("${RUNWAY_AWS_ACCESS_KEY}", "runwayKey") // DynamoDB Local: letters and digits only
                .replace("${RUNWAY_AWS_SECRET_KEY}", "runwaySecret")
                .replace("credentialsId: runway-aws", "credentialsId: runway-aws\n        endpoint: \"" + local.endpoint() + "\"");
        Path file = dir.resolve("runway-aws.yaml");
        Files.writeString(file, yaml);

        ConfigurationAsCode.get().configure(file.toUri().toString());

        DynamoDbStoreChoice store = (DynamoDbStoreChoice) RunwayConfiguration.get().getStore();
        assertThat(store.getTable()).isEqualTo("runway-state");
        assertThat(store.getCredentialsId()).isEqualTo("runway-aws");
        assertThat(JenkinsAwsCredentials.find("runway-aws")).isNotNull();
        assertThat(RunwayService.get().host().leases().pools()).contains("web");

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = Util.toYamlString(Util.getUnclassifiedRoot(context).get("runway"));
        assertThat(exported).contains("dynamodb:").contains("table: \"runway-state\"").contains("credentialsId: \"runway-aws\"");
    }
}
