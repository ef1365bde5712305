package io.runway.core.deploy.local;

import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentState;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The durable record of one local deployment (document kind {@code deployment}). It is written before the
 * process starts, so after a crash the recorded command, port and intent time still lead to the process.
 *
 * @param command the command as expanded and executed
 * @param pid 0 until the process has started
 * @param processStart null until the process has started
 * @param intentAt when the intent was recorded; the process cannot have started earlier
 */
record DeploymentEntry(String id, String service, String version, String ownerId, int port, DeploymentState state,
                       long pid, Instant processStart, List<String> command, String logFile, Instant intentAt) {
    DeploymentEntry {
        command = List.copyOf(command);
    }

    DeploymentEntry started(ProcessHandle process, Instant start) {
        return new DeploymentEntry(id, service, version, ownerId, port, state, process.pid(), start, command, logFile,
                intentAt);
    }

    DeploymentEntry inState(DeploymentState next) {
        return new DeploymentEntry(id, service, version, ownerId, port, next, pid, processStart, command, logFile,
                intentAt);
    }

    boolean hasProcess() {
        return pid > 0 && processStart != null;
    }

    Deployment toDeployment() {
        return new Deployment(id, service, version, ownerId, URI.create("http://127.0.0.1:" + port), pid,
                processStart, state);
    }
}
