package dev.arbiter.core.policyqa;

import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.decision.RequestValidator;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.agent.AgentId;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.policy.PolicyProblem;
import dev.arbiter.core.policy.Position;
import dev.arbiter.core.policy.RiskTier;
import dev.arbiter.core.policy.YamlNode;
import dev.arbiter.core.policy.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a policy test file ({@code NAME.tests.yaml} beside {@code NAME.yaml}):
 *
 * <pre>
 * policy_tests:
 *   policy: customer-support-agent.yaml    # optional; relative to this file
 *   agent: support-agent-v2                # optional; the default agent of every request
 *   start: 2026-01-05T09:00:00Z            # optional; the test clock at the start of each case
 *   cases:
 *     - name: the 31st action in a minute is rate limited
 *       given:                             # optional fixture steps, run first
 *         - request: {action: read:order_history}
 *           repeat: 30                     # 1 to 100000
 *           every: 1s                      # ms, s, m or h; default 0s
 *         - wait: 10s
 *       request: {action: read:order_history, target: crm-api.internal:443}
 *       expect: {decision: deny, reason_code: RATE_LIMITED}    # decision, tier, reason_code
 * </pre>
 *
 * A request holds the gateway's fields ({@code action}, {@code target}, {@code confidence},
 * {@code amount_usd}, {@code data_classes}, {@code reversible}, {@code tokens_consumed},
 * {@code cost_usd}, {@code agent}) and is checked by the gateway's own {@link RequestValidator}.
 * The file is read by the policy reader ({@link YamlReader}: size, encoding, aliases, tabs), and
 * every problem is reported at its line and column, all in one pass.
 */
public final class PolicyTestFile {

    /** The suffix that marks a test file beside its policy. */
    public static final String SUFFIX = ".tests.yaml";
    /** The agent of a request when neither the request nor the file names one. */
    public static final String DEFAULT_AGENT = "test-agent";
    /** The test clock's start when the file names none: a fixed Monday, so results never depend on today. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T09:00:00Z");
    /** Most repetitions of one fixture step. */
    public static final int MAX_REPEAT = 100_000;

    private static final String ROOT = "policy_tests";
    private static final List<String> ROOT_KEYS = List.of("policy", "agent", "start", "cases");
    private static final List<String> CASE_KEYS = List.of("name", "given", "request", "expect", "kill_switch");
    private static final List<String> STEP_KEYS = List.of("request", "repeat", "every", "wait");
    private static final List<String> REQUEST_KEYS = List.of("action", "target", "confidence", "amount_usd",
            "data_classes", "reversible", "tokens_consumed", "cost_usd", "agent");
    private static final List<String> EXPECT_KEYS = List.of("decision", "tier", "reason_code");
    private static final Pattern DURATION = Pattern.compile("(0|[1-9][0-9]{0,8})(ms|s|m|h)");

    private final List<PolicyProblem> problems = new ArrayList<>();
    private final Path folder;
    private String defaultAgent = DEFAULT_AGENT;

    private PolicyTestFile(Path folder) {
        this.folder = folder;
    }

    /** Reads and checks a test file; a missing or unreadable file is a problem like any other. */
    public static TestFileCheck check(Path file) {
        if (!Files.isRegularFile(file)) {
            return new TestFileCheck(null, List.of(new PolicyProblem(Position.START, "no such file")));
        }
        return check(YamlReader.read(file), file.toAbsolutePath().getParent());
    }

    /** Checks test text in memory; {@code folder} resolves {@code policy:} (null: relative to the working folder). */
    public static TestFileCheck check(String text, Path folder) {
        return check(YamlReader.read(text), folder);
    }

    private static TestFileCheck check(YamlReader.Result read, Path folder) {
        if (!read.ok()) {
            PolicyProblem p = read.problem();
            String message = p.message().replace("a policy starts with agent_policy:", "a test file starts with "
                    + ROOT + ":").replace("a policy file", "a test file").replace("a policy", "a test file");
            return new TestFileCheck(null, List.of(new PolicyProblem(p.position(), message)));
        }
        PolicyTestFile reader = new PolicyTestFile(folder);
        PolicyTestSuite suite = reader.suite(read.root());
        return new TestFileCheck(reader.problems.isEmpty() ? suite : null, reader.problems);
    }

    private PolicyTestSuite suite(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping top) || !top.entries().containsKey(ROOT)) {
            problem(root.position(), "a policy test file starts with " + ROOT + ": and holds cases: under it");
            return null;
        }
        for (YamlNode.Entry e : top.entries().values()) {
            if (!e.key().equals(ROOT)) {
                problem(e.keyPosition(), "unknown top-level key \"" + e.key() + "\"; a test file holds one "
                        + ROOT + ": block");
            }
        }
        YamlNode.Mapping body = mapping(top.entries().get(ROOT).value(), ROOT);
        if (body == null) {
            return null;
        }
        unknownKeys(body, ROOT_KEYS, ROOT);
        Path policyFile = null;
        YamlNode.Entry policy = body.entries().get("policy");
        if (policy != null) {
            String name = text(policy.value(), "policy");
            if (name != null) {
                Path base = folder == null ? Path.of("") : folder;
                policyFile = base.resolve(name).normalize();
                if (!Files.isRegularFile(policyFile)) {
                    problem(policy.value().position(), "policy file " + policyFile + " does not exist; name the "
                            + "policy file relative to this test file's folder");
                }
            }
        }
        YamlNode.Entry agent = body.entries().get("agent");
        if (agent != null) {
            String id = agentId(agent.value(), "agent");
            if (id != null) {
                defaultAgent = id;
            }
        }
        Instant start = DEFAULT_START;
        YamlNode.Entry startEntry = body.entries().get("start");
        if (startEntry != null) {
            String text = text(startEntry.value(), "start");
            if (text != null) {
                try {
                    start = Instant.parse(text);
                } catch (DateTimeParseException e) {
                    problem(startEntry.value().position(), "start must be a UTC time such as 2026-01-05T09:00:00Z, "
                            + "not \"" + text + "\"");
                }
            }
        }
        List<PolicyTestCase> cases = new ArrayList<>();
        YamlNode.Entry casesEntry = body.entries().get("cases");
        if (casesEntry == null) {
            problem(body.position(), "the file has no cases: list; add at least one case with a name, a request "
                    + "and an expect");
        } else if (casesEntry.value() instanceof YamlNode.Sequence seq) {
            if (seq.items().isEmpty()) {
                problem(casesEntry.keyPosition(), "cases is empty; add at least one case");
            }
            Set<String> names = new HashSet<>();
            for (YamlNode item : seq.items()) {
                PolicyTestCase c = testCase(item);
                if (c != null && !names.add(c.name())) {
                    problem(c.position(), "a second case named \"" + c.name() + "\"; give each case its own name");
                }
                if (c != null) {
                    cases.add(c);
                }
            }
        } else {
            problem(casesEntry.value().position(), "cases must be a list of cases (- name: ...), not "
                    + casesEntry.value().describe());
        }
        return new PolicyTestSuite(policyFile, start, cases);
    }

    private PolicyTestCase testCase(YamlNode node) {
        YamlNode.Mapping m = mapping(node, "a case");
        if (m == null) {
            return null;
        }
        unknownKeys(m, CASE_KEYS, "a case");
        String name = null;
        YamlNode.Entry nameEntry = m.entries().get("name");
        if (nameEntry == null) {
            problem(m.position(), "this case has no name:; give it one that says what it checks");
        } else {
            name = text(nameEntry.value(), "name");
            if (name != null && name.isBlank()) {
                problem(nameEntry.value().position(), "name must not be empty");
                name = null;
            }
        }
        List<TestStep> given = new ArrayList<>();
        YamlNode.Entry givenEntry = m.entries().get("given");
        if (givenEntry != null) {
            if (givenEntry.value() instanceof YamlNode.Sequence seq) {
                for (YamlNode item : seq.items()) {
                    TestStep step = step(item);
                    if (step != null) {
                        given.add(step);
                    }
                }
            } else {
                problem(givenEntry.value().position(), "given must be a list of steps (- request: ... or - wait: "
                        + "10s), not " + givenEntry.value().describe());
            }
        }
        ModelRequest request = null;
        YamlNode.Entry requestEntry = m.entries().get("request");
        if (requestEntry == null) {
            problem(m.position(), "case " + (name == null ? "" : "\"" + name + "\" ") + "has no request:; add "
                    + "request: {action: verb:resource}");
        } else {
            request = request(requestEntry.value());
        }
        Expectation expect = null;
        YamlNode.Entry expectEntry = m.entries().get("expect");
        if (expectEntry == null) {
            problem(m.position(), "case " + (name == null ? "" : "\"" + name + "\" ") + "has no expect:; add "
                    + "expect: with decision, tier and/or reason_code");
        } else {
            expect = expectation(expectEntry.value());
        }
        boolean kill = false;
        YamlNode.Entry killEntry = m.entries().get("kill_switch");
        if (killEntry != null) {
            Boolean b = bool(killEntry.value(), "kill_switch");
            kill = b != null && b;
        }
        if (name == null || request == null || expect == null) {
            return null;
        }
        return new PolicyTestCase(name, m.position(), given, request, expect, kill);
    }

    private TestStep step(YamlNode node) {
        YamlNode.Mapping m = mapping(node, "a given step");
        if (m == null) {
            return null;
        }
        unknownKeys(m, STEP_KEYS, "a given step");
        YamlNode.Entry wait = m.entries().get("wait");
        YamlNode.Entry request = m.entries().get("request");
        if (wait != null && request != null) {
            problem(wait.keyPosition(), "a step either sends a request or waits; put wait: in its own step");
            return null;
        }
        if (wait != null) {
            Duration d = duration(wait.value(), "wait");
            return d == null ? null : new TestStep.Wait(d);
        }
        if (request == null) {
            problem(m.position(), "a given step needs request: (optionally with repeat: and every:) or wait:");
            return null;
        }
        ModelRequest r = request(request.value());
        int repeat = 1;
        YamlNode.Entry repeatEntry = m.entries().get("repeat");
        if (repeatEntry != null) {
            Long n = whole(repeatEntry.value(), "repeat");
            if (n != null && (n < 1 || n > MAX_REPEAT)) {
                problem(repeatEntry.value().position(), "repeat must be from 1 to " + MAX_REPEAT + ", not " + n);
            } else if (n != null) {
                repeat = n.intValue();
            }
        }
        Duration every = Duration.ZERO;
        YamlNode.Entry everyEntry = m.entries().get("every");
        if (everyEntry != null) {
            Duration d = duration(everyEntry.value(), "every");
            every = d == null ? Duration.ZERO : d;
        }
        return r == null ? null : new TestStep.Send(r, repeat, every);
    }

    private ModelRequest request(YamlNode node) {
        YamlNode.Mapping m = mapping(node, "request");
        if (m == null) {
            return null;
        }
        int before = problems.size();
        unknownKeys(m, REQUEST_KEYS, "request");
        YamlNode.Entry actionEntry = m.entries().get("action");
        String action = null;
        if (actionEntry == null) {
            problem(m.position(), "request has no action:; add action: verb:resource");
        } else {
            action = text(actionEntry.value(), "action");
        }
        String target = optionalText(m, "target");
        Double confidence = optionalNumber(m, "confidence");
        Double amount = optionalNumber(m, "amount_usd");
        Double cost = optionalNumber(m, "cost_usd");
        Long tokens = null;
        YamlNode.Entry tokensEntry = m.entries().get("tokens_consumed");
        if (tokensEntry != null) {
            tokens = whole(tokensEntry.value(), "tokens_consumed");
        }
        Boolean reversible = null;
        YamlNode.Entry revEntry = m.entries().get("reversible");
        if (revEntry != null) {
            reversible = bool(revEntry.value(), "reversible");
        }
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        YamlNode.Entry classesEntry = m.entries().get("data_classes");
        if (classesEntry != null) {
            if (classesEntry.value() instanceof YamlNode.Sequence seq) {
                for (YamlNode item : seq.items()) {
                    String text = text(item, "data_classes");
                    if (text != null) {
                        DataClass.parse(text).ifPresentOrElse(classes::add, () -> problem(item.position(),
                                "data_classes has \"" + text + "\"; use PII, PHI, Financial or Public"));
                    }
                }
            } else {
                problem(classesEntry.value().position(), "data_classes must be a list such as [PII], not "
                        + classesEntry.value().describe());
            }
        }
        String agent = defaultAgent;
        YamlNode.Entry agentEntry = m.entries().get("agent");
        if (agentEntry != null) {
            agent = agentId(agentEntry.value(), "agent");
        }
        if (problems.size() > before || action == null || agent == null) {
            return null;
        }
        ActionRequest ar = new ActionRequest(action, amount, classes, confidence, target, reversible);
        var problem = RequestValidator.problemWith(ar);
        if (problem.isEmpty() && tokens != null && (tokens < 0 || tokens > RequestValidator.MAX_TOKENS)) {
            problem(tokensEntry.value().position(), "tokens_consumed must be from 0 to "
                    + RequestValidator.MAX_TOKENS + ", not " + tokens);
            return null;
        }
        if (problem.isPresent()) {
            String field = problem.get().field().replace("context.", "");
            YamlNode.Entry at = m.entries().get(field);
            problem(at == null ? m.position() : at.value().position(), problem.get().message());
            return null;
        }
        if (cost != null && (!Double.isFinite(cost) || cost < 0 || cost > RequestValidator.MAX_USD)) {
            problem(m.entries().get("cost_usd").value().position(), "cost_usd must be a finite number from 0 to "
                    + String.format(Locale.ROOT, "%,.0f", RequestValidator.MAX_USD) + " US dollars");
            return null;
        }
        return new ModelRequest(agent, ar, tokens, cost);
    }

    private Expectation expectation(YamlNode node) {
        YamlNode.Mapping m = mapping(node, "expect");
        if (m == null) {
            return null;
        }
        unknownKeys(m, EXPECT_KEYS, "expect");
        if (m.entries().isEmpty()) {
            problem(m.position(), "expect is empty; give decision, tier and/or reason_code");
            return null;
        }
        int before = problems.size();
        Verdict decision = null;
        YamlNode.Entry d = m.entries().get("decision");
        if (d != null) {
            String text = text(d.value(), "decision");
            if (text != null) {
                try {
                    decision = Verdict.fromWire(text.trim());
                } catch (IllegalArgumentException e) {
                    problem(d.value().position(), "decision must be allow, deny or pending, not \"" + text + "\"");
                }
            }
        }
        RiskTier tier = null;
        YamlNode.Entry t = m.entries().get("tier");
        if (t != null) {
            String text = text(t.value(), "tier");
            if (text != null) {
                tier = RiskTier.parse(text.trim()).orElse(null);
                if (tier == null) {
                    problem(t.value().position(), "tier must be autonomous, supervised or gated, not \"" + text + "\"");
                }
            }
        }
        ReasonCode code = null;
        YamlNode.Entry r = m.entries().get("reason_code");
        if (r != null) {
            String text = text(r.value(), "reason_code");
            if (text != null) {
                try {
                    code = ReasonCode.valueOf(text.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problem(r.value().position(), "reason_code \"" + text + "\" is not a reason code; use one of "
                            + Arrays.toString(ReasonCode.values()));
                }
            }
        }
        return problems.size() > before ? null : new Expectation(decision, tier, code);
    }

    private String optionalText(YamlNode.Mapping m, String key) {
        YamlNode.Entry e = m.entries().get(key);
        return e == null ? null : text(e.value(), key);
    }

    private Double optionalNumber(YamlNode.Mapping m, String key) {
        YamlNode.Entry e = m.entries().get(key);
        if (e == null) {
            return null;
        }
        if (e.value() instanceof YamlNode.Scalar s
                && (s.kind() == YamlNode.Scalar.Kind.WHOLE_NUMBER || s.kind() == YamlNode.Scalar.Kind.DECIMAL)) {
            return Double.parseDouble(s.text());
        }
        problem(e.value().position(), key + " must be a plain decimal number such as 0.85, not "
                + e.value().describe());
        return null;
    }

    private Long whole(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.WHOLE_NUMBER) {
            try {
                return Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                problem(node.position(), key + " is too large");
                return null;
            }
        }
        problem(node.position(), key + " must be a whole number, not " + node.describe());
        return null;
    }

    private Boolean bool(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
            return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
        }
        problem(node.position(), key + " must be true or false, not " + node.describe());
        return null;
    }

    private Duration duration(YamlNode node, String key) {
        String text = text(node, key);
        if (text == null) {
            return null;
        }
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            problem(node.position(), key + " must be a duration such as 500ms, 10s, 2m or 1h, not \"" + text + "\"");
            return null;
        }
        long n = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private String agentId(YamlNode node, String key) {
        String text = text(node, key);
        if (text == null) {
            return null;
        }
        var problem = AgentId.problemWith(text);
        if (problem.isPresent()) {
            problem(node.position(), key + ": " + problem.get());
            return null;
        }
        return AgentId.canonical(text);
    }

    private String text(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.kind() != YamlNode.Scalar.Kind.EMPTY) {
            return s.text();
        }
        problem(node.position(), key + " must be a single value, not " + node.describe());
        return null;
    }

    private YamlNode.Mapping mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        problem(node.position(), what + " must be a block of keys, not " + node.describe());
        return null;
    }

    private void unknownKeys(YamlNode.Mapping m, List<String> known, String where) {
        for (YamlNode.Entry e : m.entries().values()) {
            if (!known.contains(e.key())) {
                problem(e.keyPosition(), "unknown key \"" + e.key() + "\" in " + where + "; the keys are "
                        + String.join(", ", known));
            }
        }
    }

    private void problem(Position at, String message) {
        problems.add(new PolicyProblem(at, message));
    }
}
