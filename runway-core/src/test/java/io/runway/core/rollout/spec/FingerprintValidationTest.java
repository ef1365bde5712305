package io.runway.core.rollout.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fingerprint is written to the audit log and shown in terminals: only printable, bounded text. */
class FingerprintValidationTest {
    /** Problems of the spec with {@code fingerprint} (a JSON/YAML flow mapping) on line 6. */
    private static List<Problem> problems(String fingerprint) {
        return SpecKind.ROLLOUT.reader().read("rollout.yaml", RolloutSpecValidatorTest.BLUE_GREEN + "fingerprint: " + fingerprint + "\n").problems();
    }

    @Test
    void aPlainFingerprintPasses() {
        assertThat(problems("{deployedBy: alice, role: release-manager, permissions: [Rollout, Abort],"
                + " commit: 0a1b2c3, artifact: build/libs/shop 1.2.jar}")).isEmpty();
        assertThat(problems("{deployedBy: \"Zoë Ødegård\", role: \"运维\"}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\e[31mroot", "alice\\r\\nINFO forged line", "alice\\u202Eevil", "al\\u200Bice",
            "al\\u2066ice", "bob\\0", "\\x7f"})
    void controlBidiAndZeroWidthCharactersAreRefusedAtTheirField(String hostile) {
        for (String field : List.of("deployedBy", "role", "commit")) {
            assertThat(problems("{" + field + ": \"" + hostile + "\"}")).as(field + " " + hostile)
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("fingerprint." + field);
                        assertThat(p.toString()).startsWith("rollout.yaml:6:");
                        assertThat(p.message()).contains("no control or bidi characters, zero-width space or byte-order mark")
                                .contains("U+");
                    });
        }
    }

    @Test
    void lengthsAreBounded() {
        assertThat(problems("{commit: " + "c".repeat(256) + "}")).isEmpty();
        assertThat(problems("{commit: " + "c".repeat(257) + ", role: " + "r".repeat(100_000) + "}"))
                .extracting(Problem::path, Problem::message).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("fingerprint.role", "at most 256 characters, not 100000"),
                        org.assertj.core.groups.Tuple.tuple("fingerprint.commit", "at most 256 characters, not 257"));
    }

    @Test
    void permissionsAreCountedAndEachIsCheckedAtItsIndex() {
        String sixtyFour = String.join(", ", Collections.nCopies(64, "Rollout"));
        assertThat(problems("{permissions: [" + sixtyFour + "]}")).isEmpty();
        assertThat(problems("{permissions: [" + sixtyFour + ", One-too-many]}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("fingerprint.permissions");
                    assertThat(p.message()).contains("at most 64");
                });
        assertThat(problems("{permissions: [Read, Rollout, Abort, \"Admin\\u202E\", " + "p".repeat(300) + "]}"))
                .extracting(Problem::path).containsExactly("fingerprint.permissions[3]", "fingerprint.permissions[4]");
        assertThat(problems("{permissions: [Read, null]}")).extracting(Problem::path)
                .containsExactly("fingerprint.permissions[1]");
    }

    @Test
    void theArtifactIsAPathWithoutNulOrControlCharacters() {
        assertThat(problems("{artifact: \"build/app\\0.jar\"}")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("fingerprint.artifact");
            assertThat(p.message()).contains("U+0000");
        });
        assertThat(problems("{artifact: \"build/app\\n.jar\"}")).extracting(Problem::path)
                .containsExactly("fingerprint.artifact");
        assertThat(problems("{artifact: /" + "a".repeat(4_096) + "}")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("at most 4096 characters, not 4097"));
    }
}
