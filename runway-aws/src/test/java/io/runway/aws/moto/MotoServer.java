package io.runway.aws.moto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One moto server (an AWS emulator) for the whole test JVM, from the pinned requirements in
 * {@code src/test/moto/requirements.txt}. The first build installs them into a virtual environment
 * under {@code target/moto-venv-<hash>} (about half a minute); later builds reuse it. The server listens on
 * a free loopback port and stops with the JVM: a shutdown hook ends it, and if the JVM dies without one
 * (kill -9) the server sees its standard input close and exits by itself. A pid file lets the next run
 * end a server that somehow outlived its JVM.
 */
public final class MotoServer {
    private static final Path MODULE = moduleDir();
    private static final Path REQUIREMENTS = MODULE.resolve("src/test/moto/requirements.txt");
    private static final Path SCRIPT = MODULE.resolve("src/test/moto/moto_server.py");
    private static final Path PID_FILE = MODULE.resolve("target/moto-server.pid");
    private static MotoServer instance;

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The running server, started (and installed) on first use. */
    public static synchronized MotoServer get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "moto-stop"));
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** Forgets every emulated resource (moto's reset API), so each test starts from an empty account. */
    public void reset() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(PID_FILE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the pid file is only a hint for the next run
        }
    }

    private static MotoServer start() {
        try {
            Path python = installedVenv().resolve("bin/python");
            killLeftover();
            ProcessBuilder pb = new ProcessBuilder(python.toString(), SCRIPT.toString(), "0");
            pb.redirectError(MODULE.resolve("target/moto-server.log").toFile());
            Process p = pb.start();
            Files.writeString(PID_FILE, Long.toString(p.pid()));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine(); // blocks until moto listens or exits
            if (line == null || !line.startsWith("ready ")) {
                p.destroyForcibly();
                throw new IllegalStateException("moto did not start (" + line + "); see target/moto-server.log");
            }
            return new MotoServer(p, URI.create("http://127.0.0.1:" + Integer.parseInt(line.substring(6).trim())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto", e);
        }
    }

    private static void killLeftover() throws IOException {
        if (!Files.exists(PID_FILE)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(PID_FILE).trim());
            ProcessHandle.of(pid).filter(h -> h.info().commandLine().orElse("").contains("moto_server.py"))
                    .ifPresent(ProcessHandle::destroyForcibly);
        } catch (NumberFormatException ignored) {
            // a torn pid file: nothing to end
        }
        Files.deleteIfExists(PID_FILE);
    }

    /** The venv for the pinned requirements, installed once per requirements hash (under a file lock). */
    static Path installedVenv() throws IOException {
        String key = sha256(Files.readAllBytes(REQUIREMENTS)).substring(0, 12);
        Path venv = MODULE.resolve("target/moto-venv-" + key);
        Path done = venv.resolve(".runway-installed");
        Files.createDirectories(MODULE.resolve("target"));
        try (FileChannel lockFile = FileChannel.open(MODULE.resolve("target/moto-venv.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.exists(done)) {
                return venv;
            }
            deleteTree(venv); // a half-made venv from an interrupted install
            String pythonCmd = System.getenv().getOrDefault("RUNWAY_PYTHON", "python3");
            run(List.of(pythonCmd, "-m", "venv", venv.toString()));
            run(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--disable-pip-version-check",
                    "--no-input", "-q", "-r", REQUIREMENTS.toString()));
            Files.writeString(done, key);
            return venv;
        }
    }

    private static void run(List<String> command) throws IOException {
        Path log = MODULE.resolve("target/moto-install.log");
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted installing moto", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** runway-aws itself; found from its own tests, the reactor root, or a sibling module using the test-jar. */
    private static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.exists(here.resolve("src/test/moto"))) {
            return here;
        }
        Path sibling = here.resolveSibling("runway-aws");
        return Files.exists(sibling.resolve("src/test/moto")) ? sibling : here.resolve("runway-aws");
    }
}
