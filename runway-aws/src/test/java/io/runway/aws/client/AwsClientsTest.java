package io.runway.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.moto.MotoFixture;
import io.runway.aws.moto.MotoServer;
import io.runway.core.error.InvalidInputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.profiles.ProfileFile;

/** Credentials (named profile, STS assume-role), endpoint override and retries, against moto. */
class AwsClientsTest {
    @TempDir
    Path dir;

    @Test
    void aNamedProfileIsReadFromTheSharedCredentialsFile() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = x\n"
                + "[deployer]\naws_access_key_id = AKIADEPLOYER\naws_secret_access_key = y\n");
        ProfileFile profiles = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
        try (AwsClients clients = new AwsClients(MotoFixture.options(MotoServer.get()).withProfile("deployer"), null, profiles)) {
            assertThat(clients.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIADEPLOYER");
            assertThat(clients.sts().getCallerIdentity().account()).isEqualTo("123456789012");
        }
    }

    @Test
    void aRoleIsAssumedThroughStsAndItsCredentialsSignTheCalls() {
        String role = "arn:aws:iam::123456789012:role/runway-deployer";
        try (AwsClients clients = new AwsClients(MotoFixture.options(MotoServer.get()).withRole(role, "runway-test"),
                MotoFixture.TEST_CREDENTIALS)) {
            AwsCredentials assumed = clients.credentials().resolveCredentials();
            assertThat(assumed.accessKeyId()).isNotEqualTo("testing").startsWith("ASIA");
            assertThat(clients.sts().getCallerIdentity().arn()).contains("runway-deployer").contains("runway-test");
            assertThat(clients.ec2().describeRegions().regions()).isNotEmpty();
        }
    }

    @Test
    void anUnreachableEndpointIsARetryableErrorNamingTheCall() {
        AwsClientOptions options = AwsClientOptions.of("eu-west-1").withEndpoint(URI.create("http://127.0.0.1:9"))
                .withMaxAttempts(2);
        try (AwsClients clients = new AwsClients(options, MotoFixture.TEST_CREDENTIALS)) {
            assertThatThrownBy(() -> AwsErrors.call("DescribeInstances", "pool web", () -> clients.ec2().describeInstances()))
                    .isInstanceOf(AwsException.class).hasMessageContaining("DescribeInstances on pool web")
                    .satisfies(e -> assertThat(((AwsException) e).retryable()).isTrue());
        }
    }

    @Test
    void badOptionsNameTheirField() {
        assertThatThrownBy(() -> AwsClientOptions.of("Ireland")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("eu-west-1");
        assertThatThrownBy(() -> AwsClientOptions.of("eu-west-1").withRole("runway", null))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("aws.roleArn"));
        assertThatThrownBy(() -> AwsClientOptions.of("eu-west-1").withEndpoint(URI.create("ftp://x")))
                .isInstanceOf(InvalidInputException.class);
    }
}
