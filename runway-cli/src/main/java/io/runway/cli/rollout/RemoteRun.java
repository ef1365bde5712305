package io.runway.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runway.cli.ApiClient;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecMappers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code runway rollout -f SPEC --server URL}: starts the rollout on a server, then follows it (phase
 * changes and verdicts, polled twice a second) until it ends; exit codes as for a local rollout.
 */
final class RemoteRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String server;
    private final Path adminTokenFile;
    private final PrintWriter out;
    private final PrintWriter err;

    RemoteRun(String server, Path adminTokenFile, PrintWriter out, PrintWriter err) {
        this.server = server;
        this.adminTokenFile = adminTokenFile;
        this.out = out;
        this.err = err;
    }

    /** @throws IOException the admin token file could not be read (reported as such, not as an unreachable server) */
    int run(RolloutSpec spec, int port, int previewPort) throws IOException {
        RemoteRollouts remote = new RemoteRollouts(server, adminTokenFile);
        try {
            ApiClient.Answer started = remote.call("POST", "api/v1/rollouts?port=" + port + "&previewPort=" + previewPort,
                    SpecMappers.toJson(spec));
            if (started.status() != 201) {
                return RemoteRollouts.print(started, out, err);
            }
            JsonNode state = JSON.readTree(started.body());
            String id = state.path("id").asText();
            out.println("rollout " + id + " started; routing " + spec.service() + " on " + state.path("routerUrl").asText());
            if (state.hasNonNull("previewUrl")) {
                out.println("preview of " + spec.version() + " on " + state.path("previewUrl").asText());
            }
            out.flush();
            String lastPhase = "";
            int verdictsSeen = 0;
            while (true) {
                ApiClient.Answer a = remote.call("GET", "api/v1/rollouts/" + id, null);
                if (a.status() != 200) {
                    return RemoteRollouts.print(a, out, err);
                }
                state = JSON.readTree(a.body());
                JsonNode verdicts = state.path("verdicts");
                for (int i = verdictsSeen; i < verdicts.size(); i++) {
                    JsonNode v = verdicts.get(i);
                    out.println(v.path("at").asText() + " step " + (v.path("step").asInt() + 1) + " weight "
                            + v.path("canaryWeightBp").asInt() / 100.0 + "% " + v.path("verdict").asText() + ": "
                            + v.path("reason").asText());
                }
                verdictsSeen = verdicts.size();
                String phase = state.path("phase").asText();
                if (!phase.equals(lastPhase)) {
                    out.println("phase " + phase + ": " + state.path("reason").asText());
                    lastPhase = phase;
                }
                out.flush();
                if (state.path("tornDown").asBoolean()) {
                    return RolloutCommand.exitCode(RolloutPhase.valueOf(phase));
                }
                Thread.sleep(500); // polling a remote server: the one place this command waits on time
            }
        } catch (Exception e) {
            return RemoteRollouts.unreachable(server, e, err);
        }
    }
}
