package io.runway.aws.moto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The emulator's lifetime is bound to its parent's: when the pipe to its standard input closes, it exits. */
class MotoServerTest {
    @Test
    void aServerWhoseParentIsGoneExitsByItself() throws Exception {
        Path venv = MotoServer.installedVenv();
        Path module = Path.of("").toAbsolutePath();
        Process p = new ProcessBuilder(venv.resolve("bin/python").toString(),
                module.resolve("src/test/moto/moto_server.py").toString(), "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(ready).startsWith("ready ");
            assertThat(p.isAlive()).isTrue();
            // What the kernel does for a parent killed with SIGKILL: its end of the pipe closes.
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("moto exited after its stdin closed").isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theVenvIsReusedWhileTheRequirementsStayTheSame() throws Exception {
        Path first = MotoServer.installedVenv();
        assertThat(MotoServer.installedVenv()).isEqualTo(first);
        assertThat(first.resolve(".runway-installed")).exists();
        assertThat(first.getFileName().toString()).startsWith("moto-venv-");
    }
}
