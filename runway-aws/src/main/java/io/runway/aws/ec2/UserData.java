package io.runway.aws.ec2;

import io.runway.core.deploy.CommandTemplate;
import io.runway.core.deploy.DeploymentRequest;
import java.util.Map;

/**
 * The deploy command as instance user data: a POSIX shell script that exports the environment and
 * {@code exec}s the command, every word single-quoted so nothing in it is interpreted by the shell.
 * It runs at first boot on AMIs with cloud-init (Amazon Linux, Ubuntu, ...), once per instance.
 */
public final class UserData {
    private UserData() {}

    public static String script(DeploymentRequest request, int port) {
        Map<String, String> values = Map.of("port", Integer.toString(port), "version", request.version(),
                "service", request.service());
        StringBuilder s = new StringBuilder("#!/bin/sh\n# runway: ").append(request.service()).append(' ')
                .append(request.version()).append(" for ").append(request.ownerId()).append('\n');
        request.environment().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                s.append("export ").append(e.getKey()).append('=')
                        .append(quote(CommandTemplate.expand(e.getValue(), values, "environment." + e.getKey()))).append('\n'));
        s.append("exec");
        for (int i = 0; i < request.command().size(); i++) {
            s.append(' ').append(quote(CommandTemplate.expand(request.command().get(i), values, "command[" + i + "]")));
        }
        return s.append('\n').toString();
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
