package io.runway.aws.rollout;

import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs one {@code provider: aws-ec2} rollout in this process until it ends: {@code SPEC STATE_DIR}. An
 * unfinished rollout of the state directory is resumed instead of starting a new one. Exit codes as every
 * runway command: 0 promoted, 3 rolled back, 2 invalid spec, 1 anything else.
 */
public final class AwsRolloutMain {
    private AwsRolloutMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AwsRolloutMain SPEC STATE_DIR");
            System.exit(2);
        }
        Path specFile = Path.of(args[0]);
        RolloutSpec spec;
        try {
            spec = SpecKind.ROLLOUT.reader().read(specFile.toString(),
                    Files.readString(specFile, StandardCharsets.UTF_8)).orThrow();
            if (!"aws-ec2".equals(spec.provider())) {
                throw new InvalidInputException("provider", "this runner runs provider aws-ec2 rollouts only");
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        RolloutController.Listener print = (s, line) -> System.out.println(
                LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + s.id() + " " + line);
        try (AwsRolloutHost host = new AwsRolloutHost(Path.of(args[1]), spec.service(), spec.aws(), null, null, print,
                Duration.ofMillis(200))) {
            List<RolloutController> resumed = host.recover();
            RolloutController rollout = resumed.isEmpty() ? host.rollouts().start(spec) : resumed.get(0);
            System.out.println("rollout " + rollout.state().id() + " started");
            RolloutState end = rollout.finished().join();
            System.out.println("rollout " + end.id() + " ended " + end.phase() + ": " + end.reason());
            System.exit(end.phase() == RolloutPhase.PROMOTED ? 0 : end.phase() == RolloutPhase.ROLLED_BACK ? 3 : 1);
        }
    }
}
