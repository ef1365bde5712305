package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path dir;

    @Test
    void acceptsOnlyTheBearerOfTheTrimmedFileContent() throws Exception {
        AdminToken token = AdminToken.fromFile(Files.writeString(dir.resolve("t"), "  s3cret\n"));
        assertThat(token.acceptsAuthorization("Bearer s3cret")).isTrue();
        assertThat(token.acceptsAuthorization("bearer s3cret")).isTrue();
        assertThat(token.acceptsAuthorization("Bearer s3cre")).isFalse();
        assertThat(token.acceptsAuthorization("Basic s3cret")).isFalse();
        assertThat(token.acceptsAuthorization(null)).isFalse();
    }

    @Test
    void noTokenRefusesEveryAdminCallAndAnEmptyFileIsAnError() throws Exception {
        assertThat(AdminToken.fromFile(null).acceptsAuthorization("Bearer ")).isFalse();
        assertThat(AdminToken.none().isConfigured()).isFalse();
        Path empty = Files.writeString(dir.resolve("e"), " \n");
        assertThatThrownBy(() -> AdminToken.fromFile(empty)).isInstanceOf(IllegalArgumentException.class);
    }
}
