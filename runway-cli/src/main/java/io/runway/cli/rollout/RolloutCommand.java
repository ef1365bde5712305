package io.runway.cli.rollout;

import io.runway.aws.rollout.AwsRolloutHost;
import io.runway.cli.ExitCodes;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runway rollout -f SPEC}: runs one rollout in this process and prints its progress as it happens:
 * {@code provider: local} on the embedded default (local processes, in-process router, embedded store),
 * {@code provider: aws-ec2} on EC2 instances behind the spec's load balancer ({@link AwsRolloutHost}, embedded
 * store in the state directory). On both, an unfinished rollout of the spec's service in the state directory
 * (this command was killed mid-way) is resumed and followed to its end instead of starting the spec.
 * Exit 0 promoted, 3 rolled back, 2 invalid spec, 1 failed (the README's "Exit codes").
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Run a progressive rollout (provider local or aws-ec2) in this process and print its progress.")
public final class RolloutCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, description = "The rollout spec (YAML or JSON).")
    Path file;

    @Option(names = "--state-dir", defaultValue = ".runway", description = "State directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--port", defaultValue = "0", description = "Router port for the service (0: any free port).")
    int port;

    @Option(names = "--preview-port", defaultValue = "0", description = "Router port for the blue-green preview route.")
    int previewPort;

    @Option(names = "--server", description = "Start the rollout on this runway serve instead of in this process.")
    String server;

    @Option(names = "--admin-token-file", description = "With --server: file holding the server's admin token.")
    Path adminTokenFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SpecResult<RolloutSpec> read = SpecKind.ROLLOUT.reader().readFile(file);
        if (!read.isValid()) {
            read.problems().stream().map(Problem::toString).forEach(out::println);
            out.flush();
            return ExitCodes.INVALID_INPUT;
        }
        RolloutSpec rollout = read.value();
        if (server != null && "aws-ec2".equals(rollout.provider())) {
            out.println(file + ": provider: runway serve runs local rollouts only; run aws-ec2 specs without --server");
            out.flush();
            return ExitCodes.INVALID_INPUT;
        }
        if (server != null) {
            return new RemoteRun(server, adminTokenFile, out, spec.commandLine().getErr()).run(rollout, port, previewPort);
        }
        RolloutController.Listener listener = (state, line) -> {
            synchronized (out) {
                out.println(LocalTime.now(ZoneOffset.UTC).format(TIME) + " " + state.id() + " " + line);
                out.flush();
            }
        };
        if ("aws-ec2".equals(rollout.provider())) {
            return runOnAws(rollout, listener, out);
        }
        return runLocally(rollout, listener, out);
    }

    /**
     * A local rollout. The state directory may hold an unfinished rollout of this service (the previous
     * {@code runway rollout} was killed): {@code recover()} resumes it, and it is followed to its end rather
     * than refused as a conflict with the spec's; otherwise the spec starts a new rollout.
     */
    private int runLocally(RolloutSpec rollout, RolloutController.Listener listener, PrintWriter out) {
        try (LocalRolloutHost host = new LocalRolloutHost(stateDir, listener, Duration.ofMillis(200))) {
            // Listen before recovering: a resumed rollout of this service then routes on the asked ports too.
            host.listen(rollout.service(), port);
            if (rollout.strategy().blueGreen() != null) {
                host.listen(rollout.service() + "-preview", previewPort);
            }
            RolloutController controller = resumedOf(host.recover(), rollout.service());
            if (controller == null) {
                // Routes are printed once every check of start passed: a refused spec prints only its error.
                controller = host.rollouts().start(rollout, () -> printRoutes(host, rollout, out));
            } else {
                out.println(resuming(controller));
                printRoutes(host, controller.state().spec(), out);
            }
            return followed(controller, rollout, out);
        }
    }

    /** The rollout of {@code service} that {@code recover()} resumed (unfinished when stored), or null. */
    private static RolloutController resumedOf(List<RolloutController> resumed, String service) {
        return resumed.stream().filter(c -> c.state().spec().service().equals(service)).findFirst().orElse(null);
    }

    private void printRoutes(LocalRolloutHost host, RolloutSpec running, PrintWriter out) {
        synchronized (out) {
            out.println("routing " + running.service() + " on " + host.listen(running.service(), port));
            if (running.strategy().blueGreen() != null) {
                out.println("preview of " + running.version() + " on "
                        + host.listen(running.service() + "-preview", previewPort));
            }
            out.flush();
        }
    }

    private String resuming(RolloutController controller) {
        return "resuming unfinished rollout " + controller.state().id() + " of " + controller.state().spec().service()
                + " " + controller.state().spec().version() + " (not starting " + file + ")";
    }

    /**
     * An aws-ec2 rollout. Instances outlive this process, so an unfinished rollout of the state directory
     * (this command killed mid-way) is resumed rather than a second one started beside it; a finished one
     * leaves nothing to resume and the spec starts a new rollout.
     */
    private int runOnAws(RolloutSpec rollout, RolloutController.Listener listener, PrintWriter out) {
        try (AwsRolloutHost host = new AwsRolloutHost(stateDir, rollout.service(), rollout.aws(), null, null, listener,
                Duration.ofMillis(200))) {
            List<RolloutController> resumed = host.recover();
            RolloutController controller;
            if (resumed.isEmpty()) {
                controller = host.rollouts().start(rollout);
            } else {
                controller = resumed.get(0);
                out.println(resuming(controller));
            }
            RolloutSpec running = controller.state().spec();
            out.println("routing " + running.service() + " on load balancer " + running.aws().loadBalancer()
                    + " port " + running.aws().listenerPort());
            out.flush();
            return followed(controller, rollout, out);
        }
    }

    /**
     * Follows {@code controller} to its end. Its result answers for {@code asked} only if it deploys what
     * {@code asked} does: a resumed rollout of another version exits 5, so a pipeline deploying v3 never reads
     * the promotion of a v2 left over from a killed run as its own.
     */
    private int followed(RolloutController controller, RolloutSpec asked, PrintWriter out) {
        RolloutState end = controller.finished().join();
        out.println("result: " + end.phase() + ": " + end.reason());
        RolloutSpec ran = end.spec();
        boolean same = ran.version().equals(asked.version()) && ran.baseline().equals(asked.baseline());
        if (!same) {
            out.println(file + " was not started: the resumed rollout " + end.id() + " deployed " + ran.version()
                    + " over " + ran.baseline() + ", not " + asked.version() + " over " + asked.baseline()
                    + "; run the command again");
        }
        out.flush();
        return same ? exitCode(end.phase()) : ExitCodes.CONFLICT;
    }

    static int exitCode(RolloutPhase phase) {
        return switch (phase) {
            case PROMOTED -> ExitCodes.OK;
            case ROLLED_BACK -> ExitCodes.ROLLED_BACK;
            default -> ExitCodes.UNEXPECTED;
        };
    }
}
