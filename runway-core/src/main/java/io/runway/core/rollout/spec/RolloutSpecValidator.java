package io.runway.core.rollout.spec;

import static io.runway.core.spec.FieldPath.field;
import static io.runway.core.spec.FieldPath.index;

import io.runway.core.deploy.ReadinessProbe;
import io.runway.core.spec.SpecValidator;
import io.runway.core.spec.ValueDescriptions;
import io.runway.core.spec.Violation;
import io.runway.core.traffic.CohortPattern;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Semantic checks of a rollout spec; reports every violation. */
public final class RolloutSpecValidator implements SpecValidator<RolloutSpec> {
    public static final Pattern SERVICE = Pattern.compile("[a-z0-9-]{1,63}");
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,63}");
    static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}"); // RFC 9110 header/cookie names
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("port", "version", "service");
    private static final int MAX_ARGS = 256;
    private static final int MAX_ARG_CHARS = io.runway.core.deploy.DeploymentRequest.MAX_ARGUMENT_LENGTH;
    private static final int MAX_STEPS = 100;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Override
    public List<Violation> validate(RolloutSpec spec) {
        List<Violation> out = new ArrayList<>();
        required(out, "service", spec.service());
        required(out, "version", spec.version());
        required(out, "baseline", spec.baseline());
        required(out, "deploy", spec.deploy());
        required(out, "strategy", spec.strategy());
        match(out, "service", spec.service(), SERVICE, "1 to 63 characters of a-z, 0-9 and '-'");
        match(out, "version", spec.version(), VERSION, "1 to 63 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        match(out, "baseline", spec.baseline(), VERSION, "1 to 63 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        if (spec.version() != null && spec.version().equals(spec.baseline())) {
            out.add(new Violation("baseline", "baseline must differ from version '" + shown(spec.version())
                    + "'"));
        }
        if ("aws-ec2".equals(spec.provider())) {
            if (spec.aws() == null) {
                out.add(new Violation("aws", "provider aws-ec2 needs an aws section (region, vpc, loadBalancer, launchTemplate)"));
            } else {
                AwsEc2SpecChecks.check(out, spec.aws());
            }
        } else if (!"local".equals(spec.provider())) {
            out.add(new Violation("provider", "unknown provider '" + shown(spec.provider())
                    + "'; expected: local or aws-ec2"));
        } else if (spec.aws() != null) {
            out.add(new Violation("aws", "only for provider aws-ec2"));
        }
        if (spec.deploy() != null) {
            new DeployChecks(out, spec).check();
        }
        checkStrategy(out, spec.strategy());
        if (spec.stickiness() != null) {
            exactlyOne(out, "stickiness", spec.stickiness().header(), "header", spec.stickiness().cookie(), "cookie");
            token(out, "stickiness.header", spec.stickiness().header());
            token(out, "stickiness.cookie", spec.stickiness().cookie());
        }
        checkAnalysis(out, spec.analysis());
        checkMirror(out, spec);
        if (!Set.of("pause", "rollback").contains(spec.onInconclusive())) {
            out.add(new Violation("onInconclusive", "expected pause or rollback, not '"
                    + shown(spec.onInconclusive()) + "'"));
        }
        if (!Set.of("resume", "rollback").contains(spec.onRestart())) {
            out.add(new Violation("onRestart", "expected resume or rollback, not '" + shown(spec.onRestart())
                    + "'"));
        }
        if (spec.scaleDownDelay().isNegative()) {
            out.add(new Violation("scaleDownDelay", "must not be negative"));
        }
        FingerprintChecks.check(out, spec.fingerprint());
        return out;
    }

    private static void checkStrategy(List<Violation> out, StrategySpec strategy) {
        if (strategy == null) {
            return;
        }
        exactlyOne(out, "strategy", strategy.canary(), "canary", strategy.blueGreen(), "blueGreen");
        if (strategy.canary() != null) {
            checkCanary(out, strategy.canary());
        }
        if (strategy.blueGreen() != null && !positive(strategy.blueGreen().previewAnalysis())) {
            out.add(new Violation("strategy.blueGreen.previewAnalysis", "must be positive"));
        }
    }

    private static void checkCanary(List<Violation> out, CanarySpec canary) {
        String steps = "strategy.canary.steps";
        if (canary.steps().isEmpty() || canary.steps().size() > MAX_STEPS) {
            out.add(new Violation(steps, "a canary needs 1 to " + MAX_STEPS + " steps"));
        }
        for (int i = 0; i < canary.steps().size(); i++) {
            StepSpec step = canary.steps().get(i);
            String path = index(steps, i);
            int set = (step.setWeight() == null ? 0 : 1) + (step.pause() == null ? 0 : 1) + (step.analysis() == null ? 0 : 1);
            if (set != 1) {
                out.add(new Violation(path, "a step has exactly one of setWeight, pause and analysis"));
            }
            BigDecimal w = step.setWeight();
            if (w != null && (w.signum() < 0 || w.compareTo(HUNDRED) > 0 || w.stripTrailingZeros().scale() > 2)) {
                out.add(new Violation(field(path, "setWeight"), "a percentage from 0 to 100 with at most two decimals, not " + w.toPlainString()));
            }
            if (step.pause() != null && step.pause().duration() != null && step.pause().duration().isNegative()) {
                out.add(new Violation(field(path, "pause.duration"), "must not be negative"));
            }
            if (step.analysis() != null && !positive(step.analysis().duration())) {
                out.add(new Violation(field(path, "analysis.duration"), "must be positive"));
            }
        }
        checkCohorts(out, canary.cohorts());
    }

    /**
     * The router matches every request against every cohort, so each pattern must be RE2 (linear time) and the
     * patterns together small: a request's cost is its value's length times their compiled size.
     */
    private static void checkCohorts(List<Violation> out, List<CohortSpec> cohorts) {
        int programSize = 0;
        for (int i = 0; i < cohorts.size(); i++) {
            CohortSpec c = cohorts.get(i);
            String path = index("strategy.canary.cohorts", i);
            exactlyOne(out, path, c.header(), "header", c.cookie(), "cookie");
            exactlyOne(out, path, c.equals(), "equals", c.matches(), "matches");
            token(out, field(path, "header"), c.header());
            token(out, field(path, "cookie"), c.cookie());
            if (c.equals() != null && c.equals().length() > CohortPattern.MAX_VALUE_LENGTH) {
                out.add(new Violation(field(path, "equals"), "would never match: header and cookie values longer"
                        + " than " + CohortPattern.MAX_VALUE_LENGTH + " characters match no cohort"));
            }
            if (c.matches() != null) {
                try {
                    programSize += CohortPattern.compile(c.matches()).programSize();
                } catch (IllegalArgumentException refused) { // the words of CohortPattern.problemWith
                    out.add(new Violation(field(path, "matches"), refused.getMessage()));
                }
            }
        }
        if (programSize > CohortPattern.MAX_PROGRAM_SIZE) {
            out.add(new Violation("strategy.canary.cohorts", "the matches patterns together compile to "
                    + programSize + " RE2 instructions, at most " + CohortPattern.MAX_PROGRAM_SIZE
                    + " (every request is matched against all of them)"));
        }
    }

    private static void checkAnalysis(List<Violation> out, AnalysisSpec a) {
        if (a.interval().compareTo(Duration.ofMillis(100)) < 0) {
            out.add(new Violation("analysis.interval", "must be at least 100ms"));
        }
        if (!Set.of("sequential", "threshold").contains(a.judge())) {
            out.add(new Violation("analysis.judge", "expected sequential or threshold, not '" + shown(a.judge())
                    + "'"));
        }
        if (a.falseRollbackRate().signum() <= 0 || a.falseRollbackRate().compareTo(BigDecimal.valueOf(50)) >= 0) {
            out.add(new Violation("analysis.falseRollbackRate", "a percentage above 0 and below 50"));
        }
        if (a.allowedIncrease().compareTo(BigDecimal.ONE) < 0) {
            out.add(new Violation("analysis.allowedIncrease", "a ratio of at least 1 (1.25 = 25% more errors than the baseline)"));
        }
        if (a.maxErrorRate().signum() < 0 || a.maxErrorRate().compareTo(HUNDRED) > 0) {
            out.add(new Violation("analysis.maxErrorRate", "a percentage from 0 to 100"));
        }
        if (a.maxLatencyP99() != null && !positive(a.maxLatencyP99())) {
            out.add(new Violation("analysis.maxLatencyP99", "must be positive"));
        }
        if (a.minimumRequests() < 1) {
            out.add(new Violation("analysis.minimumRequests", "must be at least 1"));
        }
        if (a.noDataTimeout().compareTo(a.interval()) < 0) {
            out.add(new Violation("analysis.noDataTimeout", "must be at least one interval (" + a.interval() + ")"));
        }
    }

    private static void checkMirror(List<Violation> out, RolloutSpec spec) {
        BigDecimal m = spec.analysis().mirror();
        if (m.signum() < 0 || m.compareTo(HUNDRED) > 0 || m.stripTrailingZeros().scale() > 2) {
            out.add(new Violation("analysis.mirror", "a percentage from 0 to 100 with at most two decimals, not "
                    + m.toPlainString()));
            return;
        }
        if (!spec.analysis().mirrors()) {
            return;
        }
        if (spec.strategy() != null && spec.strategy().blueGreen() != null) {
            out.add(new Violation("analysis.mirror", "only canary rollouts mirror traffic; blue-green judges the"
                    + " new version on its preview listener"));
        }
        if ("aws-ec2".equals(spec.provider())) {
            out.add(new Violation("analysis.mirror", "provider aws-ec2 routes with an Application Load Balancer,"
                    + " which cannot mirror traffic"));
        }
    }

    /** Checks of the deploy section: the command is run without a shell, so only its shape matters. */
    private record DeployChecks(List<Violation> out, RolloutSpec spec) {
        void check() {
            DeploySpec d = spec.deploy();
            if (d.command().isEmpty() || d.command().size() > MAX_ARGS) {
                out.add(new Violation("deploy.command", "a command of 1 to " + MAX_ARGS + " arguments is required"));
            }
            arguments("deploy.command", d.command());
            environment("deploy.env", d.env());
            for (Map.Entry<String, DeploySpec.VersionOverride> e : d.versions().entrySet()) {
                String path = field("deploy.versions", e.getKey());
                if (!e.getKey().equals(spec.version()) && !e.getKey().equals(spec.baseline())) {
                    out.add(new Violation(path, "'" + shown(e.getKey()) + "' is neither version nor baseline"));
                }
                arguments(field(path, "args"), e.getValue().args());
                environment(field(path, "env"), e.getValue().env());
            }
            ReadinessSpec r = d.readiness();
            // The deployer's own rule, checked here too so it is reported beside any other violation.
            String pathProblem = ReadinessProbe.pathProblem(r.path());
            if (pathProblem != null) {
                out.add(new Violation("deploy.readiness.path", pathProblem));
            }
            if (!positive(r.timeout()) || !positive(r.interval()) || r.interval().compareTo(r.timeout()) > 0) {
                out.add(new Violation("deploy.readiness", "need 0 < interval <= timeout"));
            }
            if (out.stream().map(Violation::path).noneMatch(DeployChecks::feedsTheRequest)) {
                // The deployer's own limits (lengths, ranges, placeholders) on the requests that will start each
                // version: what passes here cannot fail when the rollout deploys. Asked once the fields it reads
                // are well formed (else it would report them twice), whatever else is wrong with the spec.
                out.addAll(VersionDeployment.check(spec, "version", spec.version()));
                VersionDeployment.check(spec, "baseline", spec.baseline()).stream()
                        .filter(v -> !out.contains(v)).forEach(out::add); // a shared field fails for both alike
            }
        }

        /** Whether a violation at {@code path} is in a field the deployment requests are built from. */
        private static boolean feedsTheRequest(String path) {
            return path.equals("service") || path.equals("version") || path.equals("baseline") || path.equals("deploy")
                    || path.startsWith("deploy.") || path.startsWith("deploy[");
        }

        private void arguments(String path, List<String> args) {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg == null || arg.length() > MAX_ARG_CHARS || arg.indexOf('\0') >= 0) {
                    out.add(new Violation(index(path, i), "an argument is a string of at most " + MAX_ARG_CHARS
                            + " characters without NUL"));
                    continue;
                }
                Matcher m = PLACEHOLDER.matcher(arg);
                while (m.find()) {
                    if (!PLACEHOLDERS.contains(m.group(1))) {
                        out.add(new Violation(index(path, i), "unknown placeholder ${" + shown(m.group(1))
                                + "}; known: ${port}, ${service}, ${version}"));
                    }
                }
            }
        }

        private void environment(String path, Map<String, String> env) {
            env.forEach((k, v) -> {
                if (!ENV_KEY.matcher(k).matches()) {
                    out.add(new Violation(field(path, k), "environment names are letters, digits and '_', not starting with a digit"));
                } else if (v == null || v.length() > MAX_ARG_CHARS || v.indexOf('\0') >= 0) {
                    out.add(new Violation(field(path, k), "a value is a string of at most " + MAX_ARG_CHARS + " characters without NUL"));
                }
            });
        }
    }

    private static void required(List<Violation> out, String path, Object value) {
        if (value == null) {
            out.add(new Violation(path, "is required"));
        }
    }

    private static void match(List<Violation> out, String path, String value, Pattern pattern, String rule) {
        if (value != null && !pattern.matcher(value).matches()) {
            out.add(new Violation(path, "'" + shown(value) + "' must be " + rule));
        }
    }

    private static void token(List<Violation> out, String path, String value) {
        if (value != null && !TOKEN.matcher(value).matches()) {
            out.add(new Violation(path, "'" + shown(value) + "' is not a valid header or cookie name"));
        }
    }

    private static void exactlyOne(List<Violation> out, String path, Object a, String aName, Object b, String bName) {
        if ((a == null) == (b == null)) {
            out.add(new Violation(path, "exactly one of " + aName + " and " + bName + " is required"));
        }
    }

    /** A user's value as a message echoes it: shortened, so a huge value cannot make a huge message. */
    private static String shown(String value) {
        return ValueDescriptions.shortened(value);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
