package io.runway.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec files are read with a bound, whatever their size says: devices and pipes report size 0. */
class SpecReaderBoundTest {
    @TempDir
    Path dir;

    private static String problem(Path file) {
        return SpecKind.POOLS.reader().readFile(file).problems().stream().map(Problem::toString).reduce("", String::concat);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedByName() throws Exception {
        Path big = Files.write(dir.resolve("big.yaml"), new byte[SpecFactories.MAX_CHARS + 1]);
        assertThat(problem(big)).isEqualTo(big + ":1:1: (file): file is larger than the limit of 4194304 bytes");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws Exception {
        byte[] text = ("pools: [{name: web}]\n#" + "x".repeat(SpecFactories.MAX_CHARS - 23) + "\n").getBytes();
        assertThat(text).hasSize(SpecFactories.MAX_CHARS);
        Path file = Files.write(dir.resolve("limit.yaml"), text);
        assertThat(SpecKind.POOLS.reader().readFile(file).problems()).isEmpty();
    }

    @Test
    void anEndlessDeviceIsRefusedAfterTheLimitInsteadOfExhaustingMemory() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        assertThat(problem(zero)).isEqualTo("/dev/zero:1:1: (file): file is larger than the limit of 4194304 bytes");
    }

    @Test
    void aDirectoryIsAProblemOfTheFile() {
        assertThat(problem(dir)).startsWith(dir + ":1:1: (file): cannot read");
    }
}
