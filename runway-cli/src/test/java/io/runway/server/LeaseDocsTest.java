package io.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The request examples of docs/leases.md are accepted by the API as written. */
class LeaseDocsTest {
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\w+) -->\\s*```json\\s*(.*?)```", Pattern.DOTALL);

    @Test
    void documentedRequestsWork() throws Exception {
        Path doc = Path.of("..", "docs", "leases.md");
        Map<String, String> examples = new HashMap<>();
        Matcher m = EXAMPLE.matcher(Files.readString(doc));
        while (m.find()) {
            examples.put(m.group(1), m.group(2).strip());
        }
        assertThat(examples).containsKeys("acquire", "renew");
        try (ServerFixture f = new ServerFixture()) {
            JsonNode lease = f.acquire(examples.get("acquire"));
            assertThat(lease.get("owner").asText()).isEqualTo("ci-build-42");
            HttpResponse<String> renewed = f.send(HttpRequest.newBuilder(f.uri("/api/v1/leases/" + lease.get("id").asText() + "/renew"))
                    .header("Content-Type", "application/json").header(LeaseApi.TOKEN_HEADER, lease.get("token").asText())
                    .POST(HttpRequest.BodyPublishers.ofString(examples.get("renew"))));
            assertThat(renewed.statusCode()).isEqualTo(200);
        }
    }
}
