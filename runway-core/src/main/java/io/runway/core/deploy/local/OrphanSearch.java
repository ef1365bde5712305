package io.runway.core.deploy.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finds a process that was started for an intent whose pid never reached the store (a crash between
 * starting the process and recording it): same program, same arguments, started after the intent. The
 * expanded command holds the deployment's own port in practice, which makes it unique.
 */
final class OrphanSearch {
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    private OrphanSearch() {}

    static List<ProcessHandle> find(List<String> command, Instant intentAt) {
        String program = Path.of(command.get(0)).getFileName().toString();
        List<String> arguments = command.subList(1, command.size());
        Instant earliest = intentAt.minus(CLOCK_SLACK);
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(ProcessLiveness::isRunning)
                .filter(p -> p.info().startInstant().map(s -> !s.isBefore(earliest)).orElse(false))
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals(program)).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).equals(arguments)).orElse(false))
                .toList();
    }
}
