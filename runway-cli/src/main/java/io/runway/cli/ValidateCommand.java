package io.runway.cli;

import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecReader;
import io.runway.core.spec.SpecResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code runway validate FILE...}: checks spec files. Stdout holds either one "ok" line per file, or,
 * when anything is wrong, exactly one {@code FILE:LINE:COL: field.path: message} line per problem, so
 * scripts and editors can parse it; the ok lines of the valid files then go to stderr.
 */
@Command(name = "validate", description = "Check spec files (YAML or JSON); print one line per problem.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files to check: pools configs, rollouts and lease requests (the kind is told by the top-level fields).")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> okLines = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            // Read once: a pipe such as <(cat spec.yaml) cannot be read a second time. Unreadable: the reader says why.
            SpecReader.FileText text = SpecReader.text(file);
            SpecKind<?> kind = text.problem() == null ? SpecKind.detect(text.name(), text.text()) : SpecKind.POOLS;
            SpecResult<?> result = kind.reader().read(text);
            if (result.isValid()) {
                okLines.add(file + ": ok");
            }
            problems.addAll(result.problems());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (problems.isEmpty()) {
            okLines.forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        }
        problems.forEach(out::println);
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        okLines.forEach(err::println);
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }
}
