package io.runway.core.rollout.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RolloutSpecValidatorTest {
    static final String CANARY = """
            service: checkout
            version: v2
            baseline: v1
            deploy:
              command: [java, -cp, app.jar, demo.App, --port, "${port}", --version, "${version}"]
              env: {APP_MODE: demo}
              versions:
                v2: {args: [--error-rate, "0.03"]}
              readiness: {path: /health, timeout: 20s}
            strategy:
              canary:
                steps:
                  - setWeight: 1
                  - analysis: {duration: 30s}
                  - setWeight: 5
                  - pause: {duration: 10s}
                  - setWeight: 0.5
                  - pause: {}
                cohorts:
                  - header: X-Canary
                    equals: "yes"
            stickiness: {header: X-User}
            analysis: {interval: 2s, judge: sequential, falseRollbackRate: 1, allowedIncrease: 1.5}
            onInconclusive: rollback
            scaleDownDelay: 10s
            fingerprint: {deployedBy: alice, commit: 0a1b2c3, permissions: [Rollout]}
            """;

    static final String BLUE_GREEN = """
            service: checkout
            version: v2
            baseline: v1
            deploy: {command: [app, "${port}"]}
            strategy: {blueGreen: {}}
            """;

    private static SpecResult<RolloutSpec> read(String yaml) {
        return SpecKind.ROLLOUT.reader().read("rollout.yaml", yaml);
    }

    @Test
    void readsAFullCanarySpec() {
        SpecResult<RolloutSpec> r = read(CANARY);
        assertThat(r.problems()).isEmpty();
        RolloutSpec spec = r.value();
        assertThat(spec.provider()).isEqualTo("local");
        assertThat(spec.strategy().canary().steps()).hasSize(6);
        assertThat(spec.strategy().canary().steps().get(4).setWeight()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(spec.strategy().canary().steps().get(5).pause().duration()).isNull();
        assertThat(spec.deploy().versions().get("v2").args()).containsExactly("--error-rate", "0.03");
        assertThat(spec.analysis().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.analysis().minimumRequests()).isEqualTo(50);
        assertThat(SpecKind.detect("rollout.yaml", CANARY)).isSameAs(SpecKind.ROLLOUT);
    }

    @Test
    void readsABlueGreenSpecWithDefaults() {
        SpecResult<RolloutSpec> r = read(BLUE_GREEN);
        assertThat(r.problems()).isEmpty();
        assertThat(r.value().strategy().blueGreen().previewAnalysis()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.value().strategy().blueGreen().autoPromote()).isTrue();
        assertThat(r.value().deploy().readiness().path()).isEqualTo("/health");
    }

    @Test
    void reportsEveryBadValueWithItsLocation() {
        SpecResult<RolloutSpec> r = read("""
                service: Check Out
                version: v1
                baseline: v1
                provider: kubernetes
                deploy:
                  command: [app, "${port}", "${home}"]
                  env: {"1BAD": x}
                  versions: {v3: {args: [x]}}
                  readiness: {path: health}
                strategy:
                  canary:
                    steps:
                      - setWeight: 101
                      - setWeight: 1.005
                      - {setWeight: 5, pause: {}}
                      - analysis: {duration: 0s}
                    cohorts:
                      - {header: "X Bad", cookie: c, matches: "(["}
                stickiness: {}
                analysis: {judge: bayes, falseRollbackRate: 60, allowedIncrease: 0.9}
                onInconclusive: shrug
                """);
        assertThat(r.problems()).extracting(Problem::path).containsExactly(
                "service", "baseline", "provider", "deploy.command[2]", "deploy.env.1BAD", "deploy.versions.v3",
                "deploy.readiness.path", "strategy.canary.steps[0].setWeight", "strategy.canary.steps[1].setWeight",
                "strategy.canary.steps[2]", "strategy.canary.steps[3].analysis.duration",
                "strategy.canary.cohorts[0]", "strategy.canary.cohorts[0].header",
                "strategy.canary.cohorts[0].matches", "stickiness", "analysis.judge", "analysis.falseRollbackRate",
                "analysis.allowedIncrease", "onInconclusive");
        assertThat(r.problems().get(0).toString()).startsWith("rollout.yaml:1:10: service: 'Check Out' must be");
        assertThat(r.problems()).filteredOn(p -> p.path().equals("deploy.command[2]")).first()
                .extracting(Problem::message).asString().contains("unknown placeholder ${home}");
    }

    @Test
    void whatTheDeployerWouldRefuseIsRefusedAtValidationNamedByItsSpecField() {
        assertThat(read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}",
                "{command: [app, \"${port}\"], readiness: {interval: 5m, timeout: 10m}}")).problems())
                .extracting(Problem::path).containsExactly("deploy.readiness.interval");
        assertThat(read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}",
                "{command: [app, \"${port}\"], readiness: {timeout: 2h}}")).problems())
                .extracting(Problem::path).containsExactly("deploy.readiness.timeout");
        assertThat(read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}", "{command: [\" \", \"${port}\"]}"))
                .problems()).extracting(Problem::path).containsExactly("deploy.command[0]");
        assertThat(read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}",
                "{command: [app], env: {HOME_DIR: \"${home}\"}}")).problems())
                .extracting(Problem::path).containsExactly("deploy.env.HOME_DIR");
        assertThat(read(BLUE_GREEN.replace("version: v2", "version: -v2")).problems())
                .extracting(Problem::path).containsExactly("version");
        assertThat(read(BLUE_GREEN.replace("service: checkout", "service: -checkout")).problems())
                .extracting(Problem::path).containsExactly("service");
    }

    @Test
    void theDeployersLimitsAreReportedBesideProblemsElsewhereInTheSpec() {
        assertThat(read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}",
                "{command: [app, \"${port}\"], readiness: {timeout: 2h}}") + "provider: kubernetes\n").problems())
                .extracting(Problem::path).containsExactly("deploy.readiness.timeout", "provider");
    }

    @Test
    void aVersionsOwnArgumentsAreNamedUnderItsOverride() {
        String large = "\"" + "x".repeat(60_000) + "\"";
        String fiveLarge = String.join(", ", large, large, large, large, large); // each allowed, not all together
        assertThat(read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}",
                "{command: [app, \"${port}\"], versions: {v2: {args: [" + fiveLarge + "]}}}")).problems())
                .extracting(Problem::path, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deploy.versions.v2.args",
                        "at most 262144 characters in all"));
        assertThat(read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}", "{command: [app, " + fiveLarge + "]}"))
                .problems()).extracting(Problem::path).containsExactly("deploy.command");
    }

    @Test
    void shellMetacharactersAreJustText() {
        SpecResult<RolloutSpec> r = read(CANARY.replace("demo.App", "\"demo.App; rm -rf / && $(reboot)\""));
        assertThat(r.problems()).isEmpty();
        assertThat(r.value().deploy().command()).contains("demo.App; rm -rf / && $(reboot)");
    }

    @Test
    void requiresAStrategyAndADeployCommand() {
        SpecResult<RolloutSpec> r = read("service: s\nversion: v2\nbaseline: v1\n");
        assertThat(r.problems()).extracting(Problem::path).containsExactly("deploy", "strategy");
        assertThat(r.problems()).extracting(Problem::message).containsOnly("is required");
    }

    @Test
    void cohortPatternsAreRe2AndWhatRe2RefusesIsNamedAtItsField() {
        String cohort = "      - header: X-Canary\n        equals: \"yes\"\n";
        for (String bad : new String[] {"(a)\\\\1", "(?=a)b", "(?<!a)b", "((a{1000}){1000}){1000}"}) {
            SpecResult<RolloutSpec> r = read(CANARY.replace(cohort,
                    "      - header: X-Canary\n        matches: \"" + bad + "\"\n"));
            assertThat(r.problems()).as(bad).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("strategy.canary.cohorts[0].matches");
                assertThat(p.toString()).startsWith("rollout.yaml:21:");
                assertThat(p.message()).contains("RE2");
            });
        }
        assertThat(read(CANARY.replace(cohort,
                "      - header: X-Canary\n        matches: \"(.*a){12}\"\n")).problems()).isEmpty();
        assertThat(read(CANARY.replace(cohort, "      - header: X-Canary\n        equals: \""
                + "y".repeat(io.runway.core.traffic.CohortPattern.MAX_VALUE_LENGTH + 1) + "\"\n")).problems()).extracting(Problem::path)
                .containsExactly("strategy.canary.cohorts[0].equals");
    }

    @Test
    void cohortPatternsTogetherStaySmallBecauseEveryRequestIsMatchedAgainstAll() {
        String cohort = "      - header: X-Canary\n        equals: \"yes\"\n";
        String two = "      - {header: X-A, matches: \"[a-z]{500}\"}\n      - {header: X-B, matches: \"[a-z]{%d}\"}\n";
        assertThat(read(CANARY.replace(cohort, two.formatted(490))).problems()).isEmpty();
        assertThat(read(CANARY.replace(cohort, two.formatted(501))).problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("strategy.canary.cohorts");
            assertThat(p.message()).contains("together compile to 1005 RE2 instructions, at most 1000");
        });
    }

    @Test
    void aReadinessPathCannotNameAnotherHost() {
        for (String path : new String[] {"//127.0.0.1:18080/api/v1/health", "//evil/health", "http://evil/health",
                "/health%zz"}) {
            SpecResult<RolloutSpec> r = read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}",
                    "{command: [app, \"${port}\"], readiness: {path: \"" + path + "\"}}"));
            assertThat(r.problems()).as(path).extracting(Problem::path).containsExactly("deploy.readiness.path");
        }
        // Also beside another violation, so it is not hidden behind the deployer's own checks.
        SpecResult<RolloutSpec> both = read(BLUE_GREEN.replace("{command: [app, \"${port}\"]}",
                "{command: [app, \"${port}\"], readiness: {path: \"//evil/health\"}}").replace("v1", "v2"));
        assertThat(both.problems()).extracting(Problem::path).containsExactly("baseline", "deploy.readiness.path");
    }

    @Test
    void echoedValuesAreShortened() {
        String huge = "v".repeat(70_000);
        SpecResult<RolloutSpec> r = read(BLUE_GREEN.replace("version: v2", "version: \"" + huge + "!\"")
                .replace("service: checkout", "service: \"" + "S".repeat(70_000) + "\""));
        assertThat(r.problems()).extracting(Problem::path).containsExactly("service", "version");
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.message()).hasSizeLessThan(200).contains("..."));
    }

    @Test
    void mirrorIsAPercentageForCanariesOnTheLocalRouter() {
        assertThat(read(CANARY).value().analysis().mirror()).isEqualByComparingTo("0");
        assertThat(read(CANARY).value().analysis().mirrors()).isFalse();
        SpecResult<RolloutSpec> ok = read(CANARY.replace("allowedIncrease: 1.5}", "allowedIncrease: 1.5, mirror: 12.5}"));
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.value().analysis().mirror()).isEqualByComparingTo("12.5");

        for (String bad : new String[] {"-1", "100.01", "0.001"}) {
            SpecResult<RolloutSpec> r = read(CANARY.replace("allowedIncrease: 1.5}", "allowedIncrease: 1.5, mirror: " + bad + "}"));
            assertThat(r.problems()).as(bad).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("analysis.mirror");
                assertThat(p.message()).contains("a percentage from 0 to 100 with at most two decimals");
                assertThat(p.toString()).startsWith("rollout.yaml:23:");
            });
        }
    }

    @Test
    void mirrorIsRefusedForBlueGreenAndForTheLoadBalancer() {
        SpecResult<RolloutSpec> blueGreen = read(BLUE_GREEN + "analysis: {mirror: 10}\n");
        assertThat(blueGreen.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("analysis.mirror");
            assertThat(p.message()).contains("only canary rollouts mirror traffic");
        });
        assertThat(read(BLUE_GREEN + "analysis: {mirror: 0}\n").problems()).isEmpty();
    }
}
