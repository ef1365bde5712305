package io.runway.core.deploy;

import io.runway.core.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: one version of a service, owned by e.g. a rollout. The command is an argument list that
 * is executed directly, never through a shell, so shell metacharacters in it are literal text.
 *
 * @param command program and arguments; each may hold the placeholders of {@link CommandTemplate}
 * @param environment added to the inherited environment; values may hold placeholders too
 * @param workingDirectory where the process runs, or null for the deployer's own working directory
 * @param readyTimeout how long the version may take to answer its readiness probe
 */
public record DeploymentRequest(String service, String version, String ownerId, List<String> command,
                                Map<String, String> environment, Path workingDirectory, ReadinessProbe readiness,
                                Duration readyTimeout) {
    public static final int MAX_ARGUMENTS = 256;
    /** Long enough for a Java class path of a few hundred jars; Linux itself allows 128 KiB per argument. */
    public static final int MAX_ARGUMENT_LENGTH = 65_536;
    public static final int MAX_COMMAND_LENGTH = 262_144;
    public static final int MAX_ENVIRONMENT_ENTRIES = 128;

    public DeploymentRequest {
        require(service, "[a-z0-9][a-z0-9-]{0,62}", "service", "lower-case letters, digits and '-', at most 63");
        require(version, "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}", "version", "letters, digits and . _ + -, at most 64");
        require(ownerId, "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}", "ownerId", "letters, digits and . _ : -, at most 128");
        command = checkedCommand(command);
        environment = checkedEnvironment(environment);
        if (workingDirectory != null && !workingDirectory.isAbsolute()) {
            throw new InvalidInputException("workingDirectory", "must be an absolute path");
        }
        if (readiness == null) {
            throw new InvalidInputException("readiness", "a readiness probe is required");
        }
        if (readyTimeout == null || readyTimeout.compareTo(Duration.ofMillis(100)) < 0
                || readyTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidInputException("readyTimeout", "must be between 100ms and 1h");
        }
    }

    private static void require(String value, String pattern, String field, String rule) {
        if (value == null || !value.matches(pattern)) {
            throw new InvalidInputException(field, "must be " + rule + " characters, starting with a letter or digit");
        }
    }

    private static List<String> checkedCommand(List<String> command) {
        if (command == null || command.isEmpty()) {
            throw new InvalidInputException("command", "at least the program to run is required");
        }
        if (command.size() > MAX_ARGUMENTS) {
            throw new InvalidInputException("command", "at most " + MAX_ARGUMENTS + " arguments, got " + command.size());
        }
        long total = 0;
        for (int i = 0; i < command.size(); i++) {
            String field = "command[" + i + "]";
            String arg = command.get(i);
            checkText(arg, field);
            total += arg.length();
            CommandTemplate.check(arg, field);
        }
        if (command.get(0).isBlank()) {
            throw new InvalidInputException("command[0]", "the program must not be blank");
        }
        if (total > MAX_COMMAND_LENGTH) {
            throw new InvalidInputException("command", "at most " + MAX_COMMAND_LENGTH + " characters in all");
        }
        return List.copyOf(command);
    }

    private static Map<String, String> checkedEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        if (environment.size() > MAX_ENVIRONMENT_ENTRIES) {
            throw new InvalidInputException("environment", "at most " + MAX_ENVIRONMENT_ENTRIES + " entries");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        environment.forEach((key, value) -> {
            if (key == null || !key.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw new InvalidInputException("environment",
                        "names must be letters, digits and '_', not starting with a digit, at most 128: '"
                                + (key == null ? null : key.substring(0, Math.min(key.length(), 40))) + "'");
            }
            String field = "environment." + key;
            checkText(value, field);
            CommandTemplate.check(value, field);
            copy.put(key, value);
        });
        return Map.copyOf(copy);
    }

    private static void checkText(String text, String field) {
        if (text == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        if (text.length() > MAX_ARGUMENT_LENGTH) {
            throw new InvalidInputException(field, "at most " + MAX_ARGUMENT_LENGTH + " characters, got " + text.length());
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidInputException(field, "must not contain NUL characters");
        }
    }
}
