package dev.arbiter.core.playbook;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a playbook's YAML ({@code playbook: {id, name, trigger, roles, steps: [{do, role, action, within}],
 * injects: [{at, event}]}}) and names every problem by line and column: syntax, a missing or unknown key,
 * an empty list, a step whose role is not among the roles, an unknown action, a time that is not
 * {@code 90s}, {@code 15m}, {@code 1h30m} or is above {@link #MAX_OFFSET}. {@code within} and {@code injects}
 * are optional (playbooks written before tabletop exercises have neither). Aliases are refused (a hand-written file
 * has no use for them, and they are the "billion laughs" bomb); files are limited to 256 KiB.
 */
public final class PlaybookCodec {

    static final int MAX_CHARS = 256 * 1024;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> TOP = Set.of("id", "name", "trigger", "roles", "steps");
    private static final Set<String> STEP = Set.of("do", "role", "action", "within");
    private static final Set<String> INJECT = Set.of("at", "event");
    private static final Pattern OFFSET = Pattern.compile("(?:(\\d{1,3})h)?(?:(\\d{1,4})m)?(?:(\\d{1,5})s)?");
    /** The longest offset or target time a playbook may give: a tabletop exercise is a working day at most. */
    public static final Duration MAX_OFFSET = Duration.ofHours(24);

    /** The playbook, or the problems that stop it being one (never both). */
    public record Result(Optional<Playbook> playbook, List<PlaybookProblem> problems) {
    }

    private PlaybookCodec() {
    }

    /** Parses {@code text}, read from {@code file} (a name for messages). */
    public static Result parse(String file, String text) {
        List<PlaybookProblem> problems = new ArrayList<>();
        if (text.length() > MAX_CHARS) {
            problems.add(new PlaybookProblem(file, 1, 1, "file is larger than " + MAX_CHARS / 1024
                    + " KiB; a playbook is a page of steps"));
            return new Result(Optional.empty(), problems);
        }
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(0);
            options.setAllowDuplicateKeys(false);
            options.setNestingDepthLimit(16);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new PlaybookProblem(file, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1,
                    (e.getProblem() == null ? "not valid YAML" : e.getProblem())
                            + (e.getContext() == null ? "" : " (" + e.getContext() + ")")));
            return new Result(Optional.empty(), problems);
        } catch (RuntimeException e) {
            problems.add(new PlaybookProblem(file, 1, 1, "not valid YAML: " + e.getMessage()));
            return new Result(Optional.empty(), problems);
        }
        Reader r = new Reader(file, problems);
        if (!(root instanceof MappingNode top) || top.getValue().size() != 1
                || !"playbook".equals(r.key(top.getValue().get(0)))) {
            problems.add(r.at(root, "the file must hold one mapping, 'playbook:', with id, name, trigger, roles"
                    + " and steps"));
            return new Result(Optional.empty(), problems);
        }
        Node body = top.getValue().get(0).getValueNode();
        Playbook p = r.playbook(body);
        return problems.isEmpty() ? new Result(Optional.of(p), List.of()) : new Result(Optional.empty(), problems);
    }

    /** Walks the tree, collecting problems. */
    private static final class Reader {
        private final String file;
        private final List<PlaybookProblem> problems;

        Reader(String file, List<PlaybookProblem> problems) {
            this.file = file;
            this.problems = problems;
        }

        Playbook playbook(Node body) {
            if (!(body instanceof MappingNode map)) {
                problems.add(at(body, "playbook: expected a mapping with id, name, trigger, roles and steps"));
                return null;
            }
            String id = null;
            String name = null;
            String trigger = null;
            List<String> roles = List.of();
            List<Playbook.Step> steps = List.of();
            Node stepsNode = null;
            List<Playbook.Inject> injects = List.of();
            for (NodeTuple t : map.getValue()) {
                String k = key(t);
                Node v = t.getValueNode();
                switch (k == null ? "" : k) {
                    case "id" -> {
                        id = text(v, "id");
                        if (id != null && !ID.matcher(id).matches()) {
                            problems.add(at(v, "id: use lower-case letters, digits and '-', e.g. runaway-cost-loop"));
                        }
                    }
                    case "name" -> name = text(v, "name");
                    case "trigger" -> trigger = text(v, "trigger");
                    case "roles" -> roles = strings(v, "roles");
                    case "steps" -> stepsNode = v;
                    case "injects" -> injects = injects(v);
                    default -> problems.add(at(t.getKeyNode(), "unknown key '" + k + "' in playbook; the keys are "
                            + String.join(", ", List.of("id", "name", "trigger", "roles", "steps", "injects"))));
                }
            }
            for (String required : TOP) {
                if (map.getValue().stream().noneMatch(t -> required.equals(key(t)))) {
                    problems.add(at(map, "playbook has no '" + required + "'"));
                }
            }
            if (stepsNode != null) {
                steps = steps(stepsNode, new LinkedHashSet<>(roles));
            }
            return new Playbook(id, name, trigger, roles, steps, injects, file);
        }

        private List<Playbook.Step> steps(Node node, Set<String> roles) {
            List<Playbook.Step> out = new ArrayList<>();
            if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problems.add(at(node, "steps: expected a list of at least one step (- do: …, role: …)"));
                return out;
            }
            for (Node s : seq.getValue()) {
                if (!(s instanceof MappingNode m)) {
                    problems.add(at(s, "a step is a mapping: do, role and optionally action"));
                    continue;
                }
                String text = null;
                String role = null;
                Optional<PlaybookAction> action = Optional.empty();
                Optional<Duration> within = Optional.empty();
                for (NodeTuple t : m.getValue()) {
                    String k = key(t);
                    Node v = t.getValueNode();
                    if (!STEP.contains(k == null ? "" : k)) {
                        problems.add(at(t.getKeyNode(), "unknown key '" + k + "' in a step; the keys are do, role,"
                                + " action, within"));
                    } else if ("do".equals(k)) {
                        text = text(v, "do");
                    } else if ("role".equals(k)) {
                        role = text(v, "role");
                        if (role != null && !roles.contains(role)) {
                            problems.add(at(v, "role '" + role + "' is not among the playbook's roles ("
                                    + String.join(", ", roles) + ")"));
                        }
                    } else if ("within".equals(k)) {
                        within = Optional.ofNullable(offset(v, "within"));
                    } else {
                        String a = text(v, "action");
                        action = PlaybookAction.parse(a);
                        if (a != null && action.isEmpty()) {
                            problems.add(at(v, "unknown action '" + a + "'; use one of " + String.join(", ",
                                    java.util.Arrays.stream(PlaybookAction.values()).map(PlaybookAction::key)
                                            .toList()) + ", or leave it out"));
                        }
                    }
                }
                if (text == null || role == null) {
                    problems.add(at(m, "a step needs 'do' (what to do) and 'role' (who does it)"));
                }
                out.add(new Playbook.Step(text, role, action, within));
            }
            return out;
        }

        private List<Playbook.Inject> injects(Node node) {
            List<Playbook.Inject> out = new ArrayList<>();
            if (!(node instanceof SequenceNode seq)) {
                problems.add(at(node, "injects: expected a list (- at: 5m, event: …)"));
                return out;
            }
            for (Node n : seq.getValue()) {
                if (!(n instanceof MappingNode m)) {
                    problems.add(at(n, "an inject is a mapping: at (e.g. 5m) and event (what happens)"));
                    continue;
                }
                Duration when = null;
                String event = null;
                for (NodeTuple t : m.getValue()) {
                    String k = key(t);
                    if (!INJECT.contains(k == null ? "" : k)) {
                        problems.add(at(t.getKeyNode(), "unknown key '" + k + "' in an inject; the keys are at, event"));
                    } else if ("at".equals(k)) {
                        when = offset(t.getValueNode(), "at");
                    } else {
                        event = text(t.getValueNode(), "event");
                    }
                }
                boolean named = m.getValue().stream().anyMatch(t -> "at".equals(key(t)))
                        && m.getValue().stream().anyMatch(t -> "event".equals(key(t)));
                if (!named) {
                    problems.add(at(m, "an inject needs 'at' (e.g. 5m after the start) and 'event'"));
                }
                if (when == null || event == null) {
                    continue;
                }
                out.add(new Playbook.Inject(when, event));
            }
            return out;
        }

        /** {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 0m}: at most {@link #MAX_OFFSET}. */
        private Duration offset(Node v, String field) {
            String s = v instanceof ScalarNode sc ? sc.getValue().strip().toLowerCase(java.util.Locale.ROOT) : "";
            java.util.regex.Matcher m = OFFSET.matcher(s);
            if (s.isEmpty() || !m.matches()) {
                problems.add(at(v, field + ": expected a time such as 90s, 15m or 1h30m"));
                return null;
            }
            Duration d = Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                    .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                    .plusSeconds(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
            if (d.compareTo(MAX_OFFSET) > 0) {
                problems.add(at(v, field + ": " + s + " is more than 24h; an exercise runs a working day at most"));
                return null;
            }
            return d;
        }

        private String text(Node v, String field) {
            if (v instanceof ScalarNode s && !s.getValue().isBlank()) {
                return s.getValue().strip();
            }
            problems.add(at(v, field + ": expected text"));
            return null;
        }

        private List<String> strings(Node v, String field) {
            List<String> out = new ArrayList<>();
            if (!(v instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problems.add(at(v, field + ": expected a list of at least one name"));
                return out;
            }
            for (Node n : seq.getValue()) {
                String s = text(n, field);
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }

        String key(NodeTuple t) {
            return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
        }

        PlaybookProblem at(Node n, String message) {
            Mark m = n == null ? null : n.getStartMark();
            return new PlaybookProblem(file, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1,
                    message);
        }
    }
}
