package io.runway.cli;

/** Exit codes of every command (the "Exit codes" table of README.md). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int UNEXPECTED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int ROLLED_BACK = 3;
    public static final int NOT_GRANTED = 4;
    public static final int CONFLICT = 5;

    private ExitCodes() {}
}
