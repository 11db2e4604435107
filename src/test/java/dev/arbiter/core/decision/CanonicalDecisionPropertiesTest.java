package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.policy.ActionName;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.PolicyYaml;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 12 §1: no spelling of a denied action is ever allowed. Policies and
 * action strings are generated; the expectations come from an independent
 * oracle (regular expressions over the lower-cased name), not from the code
 * under test.
 */
class CanonicalDecisionPropertiesTest {

    static final List<String> ALLOWS = List.of("*:*", "read:*", "write:*", "delete:*", "read:secrets/*",
            "read:customer.*", "*:orders/*", "issue:refund", "export:*", "read:pub*");
    static final List<String> DENIES = List.of("read:secrets", "delete:*", "write:secrets", "read:customer.profile",
            "*:secrets", "write:orders/*", "export:audit*", "read:secrets/api_key", "issue:refund");

    /** A policy: some allowed patterns (one at least), some denied ones, as the YAML an author writes. */
    record GeneratedPolicy(List<String> allowed, List<String> denied) {
        String yaml() {
            StringBuilder y = new StringBuilder("agent_policy:\n  name: generated\n  allowed_actions:\n");
            allowed.forEach(a -> y.append("    - \"").append(a).append("\"\n"));
            if (!denied.isEmpty()) {
                y.append("  denied_actions:\n");
                denied.forEach(d -> y.append("    - \"").append(d).append("\"\n"));
            }
            return y.toString();
        }

        AgentPolicy compile() {
            return PolicyYaml.parse(yaml());
        }
    }

    @Provide
    static Arbitrary<GeneratedPolicy> policies() {
        Arbitrary<List<String>> allowed = Arbitraries.of(ALLOWS).set().ofMinSize(1).ofMaxSize(4).map(List::copyOf);
        Arbitrary<List<String>> denied = Arbitraries.of(DENIES).set().ofMinSize(1).ofMaxSize(3).map(List::copyOf);
        // an author may write a pattern in any case; the validator then reports none of them as a duplicate
        return Combinators.combine(allowed, denied).as((a, d) -> new GeneratedPolicy(a,
                d.stream().filter(x -> !a.contains(x)).map(x -> x.hashCode() % 3 == 0 ? x.toUpperCase(Locale.ROOT) : x)
                        .toList()))
                .filter(p -> !p.denied().isEmpty());
    }

    @Provide
    static Arbitrary<String> spellings() {
        return Spellings.ofBases();
    }

    /** Short strings over the characters that matter: letters, separators, colons, spaces, stars. */
    @Provide
    static Arbitrary<String> rawActions() {
        return Arbitraries.strings().withChars("rRaedsSECt/.:-_ *\\%").ofMinLength(0).ofMaxLength(14);
    }

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    @Property(tries = 1500)
    void noSpellingOfADeniedActionIsAllowed(@ForAll("policies") GeneratedPolicy policy,
                                            @ForAll("spellings") String sent) {
        AgentPolicy compiled = policy.compile();
        Evaluation e = evaluator.evaluate(compiled, ActionRequest.of(sent));
        String meant = Lenient.read(sent);
        if (meant != null && Oracle.deniedBy(policy.denied(), meant)) {
            assertThat(e.allowed()).as("%s (meant %s) under %s: %s", Printable.of(sent), meant, policy, e.rule())
                    .isFalse();
        }
    }

    @Property(tries = 1500)
    void anAcceptedNameIsItsLowerCaseAndAnyCoveringDenyWins(@ForAll("policies") GeneratedPolicy policy,
                                                           @ForAll("rawActions") String sent) {
        Evaluation e = evaluator.evaluate(policy.compile(), ActionRequest.of(sent));
        boolean accepted = RequestValidator.problemWith(ActionRequest.of(sent)).isEmpty();
        if (!accepted) {
            assertThat(e.allowed()).as("refused %s was allowed", Printable.of(sent)).isFalse();
            assertThat(e.action()).isNull();
            return;
        }
        String canonical = sent.toLowerCase(Locale.ROOT);
        assertThat(e.action()).isEqualTo(new ActionName(canonical));
        if (Oracle.deniedBy(policy.denied(), canonical)) {
            assertThat(e.code()).as("%s under %s", sent, policy).isEqualTo(ReasonCode.DENIED_BY_POLICY);
        } else if (!Oracle.matchesAny(policy.allowed(), canonical)) {
            assertThat(e.code()).isEqualTo(ReasonCode.NOT_ALLOWED);
        } else {
            assertThat(e.allowed()).as("%s under %s", sent, policy).isTrue();
        }
    }

    @Property(tries = 500)
    void theValidatorRefusesExactlyWhatIsNotCanonical(@ForAll("spellings") String sent) {
        boolean canonicalUpToCase = Oracle.CANONICAL.matcher(sent.toLowerCase(Locale.ROOT)).matches()
                && sent.chars().allMatch(c -> c < 128);
        assertThat(RequestValidator.problemWith(ActionRequest.of(sent)).isEmpty())
                .as(Printable.of(sent)).isEqualTo(canonicalUpToCase);
    }

    /** The rule written independently: regular expressions, a deny covering what is below it. */
    static final class Oracle {
        static final Pattern CANONICAL = Pattern.compile(
                "[a-z0-9_-]+([/.][a-z0-9_-]+)*:[a-z0-9_-]+([/.][a-z0-9_-]+)*");

        static boolean deniedBy(List<String> denied, String action) {
            String a = action.toLowerCase(Locale.ROOT);
            for (String d : denied) {
                String p = d.toLowerCase(Locale.ROOT);
                String verb = glob(p.substring(0, p.indexOf(':')));
                String resource = glob(p.substring(p.indexOf(':') + 1));
                if (a.matches(verb + ":" + resource + "([/.].*)?")) {
                    return true;
                }
            }
            return false;
        }

        static boolean matchesAny(List<String> patterns, String action) {
            for (String p : patterns) {
                if (action.matches(glob(p.substring(0, p.indexOf(':'))) + ":" + glob(p.substring(p.indexOf(':') + 1)))) {
                    return true;
                }
            }
            return false;
        }

        private static String glob(String g) {
            return String.join("[^:]*", java.util.Arrays.stream(g.split("\\*", -1)).map(Pattern::quote).toList());
        }
    }

    /**
     * What a lenient reader makes of a spelling: the action a person or a sloppy parser would think
     * was meant (NFKC, look-alikes folded, white space and control characters dropped, percent-decoded,
     * backslashes as slashes, lower case, a trailing colon dropped, dot and empty segments resolved).
     */
    static final class Lenient {
        static String read(String sent) {
            String s = java.text.Normalizer.normalize(sent, java.text.Normalizer.Form.NFKC);
            StringBuilder folded = new StringBuilder();
            for (char c : s.toCharArray()) {
                int i = Spellings.LOOK_ALIKE.indexOf(c);
                folded.append(i >= 0 ? Spellings.LATIN.charAt(i) : c);
            }
            s = folded.toString().replaceAll("[\\s\\u200B\\uFEFF\\u0000-\\u001F]", "").replace('\\', '/');
            try {
                s = java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            s = s.toLowerCase(Locale.ROOT).replaceAll(":+$", "");
            int colon = s.indexOf(':');
            if (colon < 0) {
                return null;
            }
            java.util.Deque<String> kept = new java.util.ArrayDeque<>();
            for (String segment : s.substring(colon + 1).split("/")) {
                if (segment.equals("..")) {
                    kept.pollLast();
                } else if (!segment.equals(".")) {
                    String tidy = segment.replaceAll("\\.+", ".").replaceAll("^\\.|\\.$", "");
                    if (!tidy.isEmpty()) {
                        kept.add(tidy);
                    }
                }
            }
            return kept.isEmpty() ? null : s.substring(0, colon) + ":" + String.join("/", kept);
        }
    }

    /** A string with its invisible characters shown, for failure messages. */
    static final class Printable {
        static String of(String s) {
            StringBuilder out = new StringBuilder("\"");
            s.codePoints().forEach(cp -> {
                if (cp < 32 || cp > 126) {
                    out.append(String.format(Locale.ROOT, "\\u%04X", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            });
            return out.append('"').toString();
        }
    }
}
