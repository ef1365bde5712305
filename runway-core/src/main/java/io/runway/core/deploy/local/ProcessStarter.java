package io.runway.core.deploy.local;

import io.runway.core.deploy.CommandTemplate;
import io.runway.core.deploy.DeploymentRequest;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.Map;

/**
 * Starts a recorded command directly (an argument list, never a shell). Output goes to the deployment's
 * log file rather than a pipe, so a chatty process can never block on a full pipe, and it outlives us.
 */
final class ProcessStarter {
    private ProcessStarter() {}

    static Process start(DeploymentEntry entry, DeploymentRequest request) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(entry.command());
        Map<String, String> values = Map.of("port", Integer.toString(entry.port()), "version", entry.version(),
                "service", entry.service());
        request.environment().forEach((key, value) ->
                builder.environment().put(key, CommandTemplate.expand(value, values, "environment." + key)));
        if (request.workingDirectory() != null) {
            builder.directory(request.workingDirectory().toFile());
        }
        File log = new File(entry.logFile());
        builder.redirectErrorStream(true);
        builder.redirectOutput(Redirect.appendTo(log));
        Process process = builder.start();
        process.getOutputStream().close(); // no input: a read sees end of file instead of waiting forever
        return process;
    }
}
