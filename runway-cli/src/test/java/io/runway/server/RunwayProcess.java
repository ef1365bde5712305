package io.runway.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real {@code java -jar runway.jar serve} process on 127.0.0.1 and a free port, for integration tests. */
final class RunwayProcess implements AutoCloseable {
    private final Process process;
    final URI baseUri;

    private RunwayProcess(Process process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    static Path jar() {
        String jar = System.getProperty("runway.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property runway.jar must name the shaded jar; was " + jar);
        }
        return Path.of(jar);
    }

    /** Starts the server and waits (bounded) for its {@code listening on} line. */
    static RunwayProcess start(Path config, Path stateDir, Path log, String... extraArgs) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(javaBin(), "-Xmx256m", "-jar", jar().toString(), "serve",
                "--config", config.toString(), "--state-dir", stateDir.toString(), "--port", "0"));
        command.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("listening on ")) {
                        // Keep draining stdout so the server never blocks on a full pipe.
                        Thread drain = new Thread(() -> r.lines().forEach(l -> { }), "runway-stdout");
                        drain.setDaemon(true);
                        drain.start();
                        return line.substring("listening on ".length()).strip();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String url;
        try {
            url = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("runway serve did not start: " + Files.readString(log), e);
        }
        if (url == null) {
            p.destroyForcibly();
            throw new IllegalStateException("runway serve exited: " + Files.readString(log));
        }
        return new RunwayProcess(p, URI.create(url));
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, bounded; kill -9 if it does not stop. Returns the exit code. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean stoppedWithin(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }
}
