package io.runway.cli;

import io.runway.core.spec.SpecSchemas;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code runway schema}: prints the JSON Schema (draft 2020-12) of every spec kind, keyed by kind. */
@Command(name = "schema", description = "Print the JSON Schema of every spec kind, as {\"pools\": {...}}.")
final class SchemaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(SpecSchemas.allAsText());
        out.flush();
    }
}
