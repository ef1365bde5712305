package io.runway.jenkins.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.jenkins.freestyle.LeaseBuildWrapper;
import io.runway.jenkins.freestyle.RolloutBuilder;
import io.runway.jenkins.steps.HealthGateStep;
import io.runway.jenkins.steps.LeaseStep;
import io.runway.jenkins.steps.RolloutAbortStep;
import io.runway.jenkins.steps.RolloutPromoteStep;
import io.runway.jenkins.steps.RolloutStep;
import io.runway.jenkins.steps.RunwayTaskStep;
import io.runway.jenkins.steps.TeardownStep;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Parses every example Jenkinsfile (docs/examples/*.Jenkinsfile) and every {@code groovy} block of
 * docs/jenkins.md with the Groovy parser, and checks each Runway step call against the step classes:
 * only parameters the class declares ({@code @DataBoundConstructor} parameters and {@code @DataBoundSetter}
 * properties, found by reflection), every required parameter given, a block only for block steps.
 */
class JenkinsfileExamplesTest {
    private static final List<Class<?>> STEPS = List.of(LeaseStep.class, RolloutStep.class, RolloutPromoteStep.class,
            RolloutAbortStep.class, HealthGateStep.class, TeardownStep.class, RunwayTaskStep.class, LeaseBuildWrapper.class,
            RolloutBuilder.class);
    private static final Set<String> BLOCK_STEPS = Set.of("lease", "runwayTask");

    /** Declared parameters of one step: the required ones (constructor) and all of them. */
    record Declared(Class<?> type, List<String> required, Set<String> all) {}

    static Map<String, Declared> declaredSteps() {
        Map<String, Declared> steps = new TreeMap<>();
        for (Class<?> type : STEPS) {
            Class<?> descriptor = Stream.of(type.getDeclaredClasses()).filter(c -> c.getSimpleName().equals("DescriptorImpl"))
                    .findFirst().orElseThrow();
            String name = descriptor.getAnnotation(Symbol.class).value()[0];
            List<String> required = new ArrayList<>();
            Set<String> all = new LinkedHashSet<>();
            for (Constructor<?> c : type.getConstructors()) {
                if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                    for (Parameter p : c.getParameters()) {
                        assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
                        required.add(p.getName());
                    }
                }
            }
            for (Method m : type.getMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                    all.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
                }
            }
            all.addAll(required);
            steps.put(name, new Declared(type, required, all));
        }
        return steps;
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("docs", "examples"))) {
            return files.filter(p -> p.toString().endsWith(".Jenkinsfile")).sorted().toList();
        }
    }

    /** The groovy code blocks of a Markdown document. */
    static List<String> groovyBlocks(Path markdown) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(markdown));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theStepsDeclareWhatTheDocsSayTheyDo() {
        Map<String, Declared> steps = declaredSteps();
        assertThat(steps).containsKeys("lease", "rollout", "rolloutPromote", "rolloutAbort", "healthGate", "teardown");
        assertThat(steps.get("lease").all()).containsExactlyInAnyOrder("pool", "capability", "count", "ttl", "wait", "priority", "variable");
        assertThat(steps.get("healthGate").required()).containsExactly("url");
        assertThat(steps.get("runwayTask").all()).containsExactlyInAnyOrder("pool", "capability", "constraints", "count",
                "priority", "deadline", "costLimit", "estimatedDuration", "ttl", "wait", "scoring", "variable");
    }

    @Test
    void theCronGraphJcascExampleHoldsValidPoolsAndTaskGraphs() throws Exception {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Path.of("docs", "examples", "cron-graph.jcasc.yaml").toFile()).at("/unclassified/runway");
        assertThat(io.runway.core.spec.SpecKind.POOLS.reader().read("pools", tree.get("pools").asText()).problems()).isEmpty();
        var graphs = io.runway.jenkins.tasks.TaskGraphsText.read(tree.get("taskGraphs").asText());
        assertThat(graphs).extracting(g -> g.name()).containsExactly("nightly-etl", "weekly-report");
        assertThat(graphs.get(0).tasks()).allSatisfy(t -> assertThat(t.job()).isNotNull());
    }

    @Test
    void everyExampleJenkinsfileUsesOnlyDeclaredParameters() throws Exception {
        List<Path> files = examples();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("lease.Jenkinsfile", "canary.Jenkinsfile", "blue-green.Jenkinsfile", "commit-deploy.Jenkinsfile",
                        "task.Jenkinsfile", "etl-extract.Jenkinsfile");
        for (Path f : files) {
            List<String> problems = new ArrayList<>();
            int calls = check(f.toString(), Files.readString(f), problems);
            assertThat(problems).as(f.toString()).isEmpty();
            assertThat(calls).as(f + " calls at least one Runway step").isPositive();
        }
    }

    @Test
    void everyGroovyBlockOfTheJenkinsGuideUsesOnlyDeclaredParameters() throws Exception {
        List<String> blocks = groovyBlocks(Path.of("docs", "jenkins.md"));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
        int calls = 0;
        for (int i = 0; i < blocks.size(); i++) {
            List<String> problems = new ArrayList<>();
            calls += check("docs/jenkins.md block " + (i + 1), blocks.get(i), problems);
            assertThat(problems).as("docs/jenkins.md groovy block " + (i + 1)).isEmpty();
        }
        assertThat(calls).isPositive();
    }

    @Test
    void theExampleSpecFilesAreValidRolloutSpecs() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("docs", "examples", "deploy"))) {
            List<Path> specs = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(specs).isNotEmpty();
            for (Path spec : specs) {
                var read = io.runway.core.spec.SpecKind.ROLLOUT.reader().readFile(spec);
                assertThat(read.problems()).as(spec.toString()).isEmpty();
            }
        }
    }

    @Test
    void theCheckerCatchesAnUndeclaredParameterAMissingOneAndAStrayBlock() {
        List<String> problems = new ArrayList<>();
        check("bad", """
                lease(pool: 'web', tll: '10m') { echo 'typo' }
                healthGate(timeout: '1m')
                rollout(spec: 'x.yaml') { echo 'no block here' }
                """, problems);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("lease").contains("tll");
        assertThat(problems.get(1)).contains("healthGate").contains("url");
        assertThat(problems.get(2)).contains("rollout").contains("block");
    }

    /** Parses {@code source}, adds a line per problem, returns how many Runway step calls it saw. */
    static int check(String name, String source, List<String> problems) {
        Map<String, Declared> steps = declaredSteps();
        CompilationUnit unit = new CompilationUnit();
        unit.addSource(name, source);
        unit.compile(Phases.CONVERSION); // throws on a syntax error, naming line and column
        int[] calls = {0};
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                Declared step = steps.get(call.getMethodAsString());
                if (step != null && call.isImplicitThis()) {
                    calls[0]++;
                    checkCall(call, call.getMethodAsString(), step, problems);
                }
                super.visitMethodCallExpression(call);
            }
        };
        for (ModuleNode module : unit.getAST().getModules()) {
            // A script's statements are the body of its class's run() method: visit methods only, once.
            for (ClassNode c : module.getClasses()) {
                for (MethodNode m : c.getMethods()) {
                    if (m.getCode() != null) {
                        m.getCode().visit(visitor);
                    }
                }
            }
        }
        return calls[0];
    }

    private static void checkCall(MethodCallExpression call, String name, Declared step, List<String> problems) {
        String where = name + " at line " + call.getLineNumber();
        Set<String> given = new LinkedHashSet<>();
        boolean block = false;
        int positional = 0;
        Expression args = call.getArguments();
        List<Expression> list = args instanceof TupleExpression t ? t.getExpressions() : List.of(args);
        for (Expression e : list) {
            if (e instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression k) {
                        given.add(k.getText());
                    } else {
                        problems.add(where + ": a parameter name that is not a plain word");
                    }
                }
            } else if (e instanceof ClosureExpression) {
                block = true;
            } else {
                positional++;
            }
        }
        for (String g : given) {
            if (!step.all().contains(g)) {
                problems.add(where + ": " + step.type().getSimpleName() + " declares no parameter '" + g + "' (it has " + step.all() + ")");
            }
        }
        if (positional > 1 || (positional == 1 && (step.required().size() != 1 || !given.isEmpty()))) {
            problems.add(where + ": a positional argument is only allowed alone, for a step with one required parameter");
        }
        if (positional == 0) {
            for (String r : step.required()) {
                if (!given.contains(r)) {
                    problems.add(where + ": required parameter '" + r + "' is missing");
                }
            }
        }
        if (block != BLOCK_STEPS.contains(name)) {
            problems.add(where + (block ? ": takes no block" : ": needs a block { ... }"));
        }
    }
}
