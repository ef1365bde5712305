package io.runway.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.spec.Durations;
import io.runway.core.store.StateStore;
import io.runway.core.store.memory.InMemoryStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The two seams of {@code runway serve} that other branches will fill: reading the pools config (the
 * spec reader, with FILE:LINE:COL problems) and opening the durable store. One method each.
 */
final class ServeSupport {
    private ServeSupport() {}

    /** Reads the pools config (YAML or JSON). Interim: plain Jackson until the SpecReader lands. */
    static PoolsConfig readConfig(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
                    @Override
                    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        return Durations.parse(p.getValueAsString(), p.currentName());
                    }
                }));
        return yaml.readValue(file.toFile(), PoolsConfig.class);
    }

    /** Opens the state store in {@code stateDir}. Interim: in memory until the embedded store lands. */
    static StateStore openStore(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        return new InMemoryStateStore();
    }
}
