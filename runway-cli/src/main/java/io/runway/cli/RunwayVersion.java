package io.runway.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar manifest (or "dev" when run from classes). */
public final class RunwayVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = RunwayCommand.class.getPackage().getImplementationVersion();
        return new String[] {"runway " + (v == null ? "dev" : v)};
    }
}
