package dev.arbiter.core.policyqa;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.PersonalData;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.policy.RiskTier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Re-decides the recorded requests of a ledger range under a candidate policy
 * version, deterministically: the counters (rate windows, daily spend,
 * time-boxed autonomy) are rebuilt from the ledger itself, entry by entry in
 * chain order, never read from the live tables, so a replay gives the same
 * answer today and next year.
 *
 * <p>The rules:
 * <ul>
 * <li>decisions of agents deciding under the named policy are replayed ({@code detail.policy});</li>
 * <li>a decision refused before the policy (KILL_SWITCH, AGENT_PAUSED, NO_POLICY) keeps its recorded
 *     answer: the kill switch and the agent's status were what they were; only its spend counts;</li>
 * <li>{@code action.outcome} entries add their spend; {@code review.approved}, {@code review.denied},
 *     {@code agent.resumed} and {@code agent.added} restart time-boxed autonomy, as in the engine;</li>
 * <li>the state before {@code from} is rebuilt from the ledger from the start of {@code from}'s UTC
 *     day, or an hour before {@code from} if earlier (the widest rate window), so the first replayed
 *     decisions see the same windows and spend as then; those earlier decisions are not reported;</li>
 * <li>the budget is the agent's own (as registered now) merged with the candidate's, as the engine merges them;</li>
 * <li>a decision entry that records the counters it was judged against ({@code detail.counters}, written
 *     inside the ledger writer's transaction) is re-decided against them: always for the day's spend, and
 *     for the rate windows and time-boxed autonomy while the replayed answers have counted as the
 *     recorded ones did ({@link Divergence}); so replaying the version that decided reproduces the ledger
 *     exactly under any number of concurrent callers and any clock skew between them.</li>
 * </ul>
 * The ledger is read in one streaming scan (a range of seqs, each data subject's context merged in), the bodies
 * read beside it on the other cores and decided here in ledger order ({@link ReadAhead}), each body in one pass
 * of a strict reader of our canonical JSON that stops early at an event or decision it does not need, each
 * version compiled once, each distinct request evaluated once per version ({@link DecisionModel}).
 * Replaying each decision under the version recorded with it ({@code version} null) reproduces the
 * ledger's decisions; that is a test.
 */
public final class Replay {

    private static final Set<String> PRE_POLICY = Set.of("KILL_SWITCH", "AGENT_PAUSED", "NO_POLICY");
    /** The events a replay reads: decisions, outcomes (their spend) and what restarts autonomy. */
    private static final Set<String> EVENTS = Set.of("decision", "action.outcome", "review.approved",
            "review.denied", "agent.resumed", "agent.added");
    /** The events whose detail a replay reads. */
    private static final Set<String> DETAILS = Set.of("decision", "action.outcome");
    /** Entries read between two looks at {@link Progress}. */
    static final int PROGRESS_EVERY = 4_096;

    private final AuditReader reader;
    private final PolicyRegistry policies;
    private final AgentRegistry agents;

    public Replay(AuditReader reader, PolicyRegistry policies, AgentRegistry agents) {
        this.reader = reader;
        this.policies = policies;
        this.agents = agents;
    }

    /**
     * Replays policy {@code name}'s decisions between {@code from} and {@code to} (inclusive; null = open)
     * under {@code version} (null: each under the version recorded with it).
     *
     * @throws IllegalArgumentException when the policy or version does not exist (the message says which)
     */
    public ReplayReport run(String name, Integer version, Instant from, Instant to) {
        return run(name, version, from, to, null, Progress.NONE);
    }

    /**
     * As {@link #run(String, Integer, Instant, Instant)}, for the decisions of {@code agents} only (null: every
     * agent's; the counters are each agent's own, so leaving other agents out changes nothing for these), telling
     * {@code progress} how far it got about every {@value #PROGRESS_EVERY} entries.
     *
     * @throws IllegalArgumentException when the policy or version does not exist (the message says which)
     * @throws CancellationException    when {@code progress} asked to stop
     */
    public ReplayReport run(String name, Integer version, Instant from, Instant to, Set<String> agents,
                            Progress progress) {
        return run(name, version, from, to, agents, progress, null);
    }

    /**
     * As {@link #run(String, Integer, Instant, Instant, Set, Progress)}, handing every changed decision to
     * {@code everyChange} as it is found, in ledger order (null: none): the report keeps counts of all and
     * examples of each kind up to a bound ({@link ReplayReport}), so the full list of a long range is only had
     * this way (a file the caller streams it to).
     *
     * @throws IllegalArgumentException when the policy or version does not exist (the message says which)
     * @throws CancellationException    when {@code progress} asked to stop
     */
    public ReplayReport run(String name, Integer version, Instant from, Instant to, Set<String> agents,
                            Progress progress, java.util.function.Consumer<ChangedDecision> everyChange) {
        long started = System.nanoTime();
        AgentPolicy candidate = null;
        if (version != null) {
            candidate = policies.compiled(name, version).orElseThrow(() -> new IllegalArgumentException(
                    policies.exists(name) ? "policy " + name + " has no version " + version
                            : "there is no policy named " + name + " (see arbiter policy list)"));
        } else if (!policies.exists(name)) {
            throw new IllegalArgumentException("there is no policy named " + name + " (see arbiter policy list)");
        }
        Instant warmup = from == null ? null : earliest(from.minus(Duration.ofHours(1)),
                LocalDate.ofInstant(from, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant());
        Set<String> only = agents == null ? null : lowerCase(agents);
        Run run = new Run(name, candidate, warmup, from, to, new ChangeTally(everyChange));
        if (from != null) {
            // entries before the range (read to rebuild the counters) are not the range's to count as skipped
            run.firstSeq = reader.seqRange(from, to).map(r -> r[0]).orElse(Long.MAX_VALUE);
        }
        // the seqs of the range (by the timestamp index), then one scan of the primary key: the timestamps of
        // processes whose clocks differ may interleave at the edges, so each entry's own time is checked again
        reader.seqRange(warmup, to).ifPresent(range -> {
            long span = Math.max(1, range[1] - range[0]);
            // the bodies are read on the other cores, the entries decided here in ledger order
            try (ReadAhead bodies = new ReadAhead(run::reader, ReadAhead.workersHere(), run::accept)) {
                reader.forEachBody(range[0], range[1], only,
                        (seq, body, salt, value) -> {
                            if (run.read++ % PROGRESS_EVERY == 0) { // the first entry too: a stop is quick
                                if (progress.cancelled()) {
                                    throw new CancellationException("the replay was stopped");
                                }
                                progress.at((double) (seq - range[0]) / span);
                            }
                            bodies.add(seq, body, salt, value);
                        });
                bodies.finish();
            }
        });
        progress.at(1);
        return new ReplayReport(name, version, from, to, run.decisions, run.skipped(only), run.changes.counts(),
                run.changes.examples(), System.nanoTime() - started);
    }

    /**
     * The CPU time this process's replays have spent reading bodies on their reading threads (beside the CPU time
     * of the threads that called {@code run}), in nanoseconds since the start: for {@code arbiter bench replay}'s
     * per-CPU-second figure.
     */
    public static long readingCpuNanos() {
        return ReadAhead.readingCpuNanos();
    }

    /** The threads a replay reads bodies on beside the one that calls {@code run}, on this machine. */
    public static int readingThreads() {
        return ReadAhead.workersHere();
    }

    /** How far a replay got, and whether to stop it; called on the replaying thread. */
    public interface Progress {
        /** No one watches. */
        Progress NONE = new Progress() {
            @Override
            public void at(double done) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };

        /** {@code done}: the share of the range's entries read, 0 to 1. */
        void at(double done);

        /** True to stop the replay; it then throws {@link CancellationException}. */
        boolean cancelled();
    }

    private static Set<String> lowerCase(Set<String> agents) {
        Set<String> out = new java.util.HashSet<>();
        agents.forEach(a -> out.add(a.strip().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Since when an agent's replayed answers have counted otherwise than the recorded ones: a
     * replayed answer that goes through where the recorded one did not (or the other way round), or
     * in another tier, would have moved the rate windows and time-boxed autonomy otherwise, so from
     * then on the model's own counts stand in for the recorded ones: for the rate windows until an
     * hour has passed (the widest window), for autonomy until a person reviews the agent. The day's
     * spend never depends on an answer and is always taken from the record. Replaying the versions
     * that decided never diverges, so it reproduces the ledger exactly.
     */
    private static final class Divergence {
        Instant rates;
        boolean autonomy;

        boolean ratesAsThen(Instant at) {
            return rates == null || !at.isBefore(rates.plus(Duration.ofHours(1)));
        }

        void note(RecordedRequest r, ModelDecision replayed) {
            boolean wasThrough = r.verdict() != dev.arbiter.core.decision.Verdict.DENY;
            boolean isThrough = replayed.letsThrough();
            boolean counted = wasThrough != isThrough
                    || wasThrough && (r.tier() == RiskTier.GATED) != (replayed.tier() == RiskTier.GATED);
            if (counted) {
                rates = r.at();
                autonomy = true;
            } else if (!isThrough && !replayed.reasonCode().name().equals(r.reasonCode())
                    && (replayed.reasonCode() == dev.arbiter.core.decision.ReasonCode.AUTONOMY_LIMIT
                    || "AUTONOMY_LIMIT".equals(r.reasonCode()))) {
                // one paused the agent and the other did not
                autonomy = true;
            }
        }
    }

    /** One replay's state: the model's counters and what was found. */
    private final class Run {
        final String name;
        final AgentPolicy candidate;
        final Instant warmup;
        final Instant from;
        final Instant to;
        final DecisionModel model = new DecisionModel();
        final Map<Integer, AgentPolicy> recordedVersions = new HashMap<>();
        final Map<String, DailyBudget> ownBudgets = new HashMap<>();
        final ChangeTally changes;
        final Map<String, Divergence> divergence = new HashMap<>();
        long decisions;
        long read;
        /** The first seq of the range proper ({@code from}); entries before it only rebuild the counters. */
        long firstSeq;
        final Map<SkipReason, Long> skipped = new java.util.EnumMap<>(SkipReason.class);
        /** Decisions in the range that record no policy, by agent: counted once the scope is known. */
        final Map<String, Long> noPolicy = new HashMap<>();
        /** The agents seen deciding under the policy. */
        final Set<String> underPolicy = new java.util.HashSet<>();

        Run(String name, AgentPolicy candidate, Instant warmup, Instant from, Instant to, ChangeTally changes) {
            this.changes = changes;
            this.name = name;
            this.candidate = candidate;
            this.warmup = warmup;
            this.from = from;
            this.to = to;
        }

        /** A reader of this replay's bodies; each reading thread's own (it reuses its buffers). */
        StoredBody.Reader reader() {
            return new StoredBody.Reader(EVENTS, DETAILS, name);
        }

        void accept(long seq, StoredBody e, boolean unreadable, String contextSalt, String contextValue) {
            if (unreadable) {
                // a damaged entry is Verify chain's to report; it is not replayed, and the report says so
                if (seq >= firstSeq) {
                    skipped.merge(SkipReason.UNREADABLE, 1L, Long::sum);
                }
                return;
            }
            if (e == null || e.agentId() == null || e.at() == null || warmup != null && e.at().isBefore(warmup)
                    || to != null && e.at().isAfter(to)) {
                return;
            }
            String agent = e.agentId();
            switch (e.event()) {
                case "decision" -> decision(seq, e, contextSalt, contextValue);
                case "action.outcome" -> model.spendOnly(agent, e.at(), e.tokens(),
                        e.detail() == null ? null : e.detail().cost);
                default -> { // review.approved, review.denied, agent.resumed, agent.added
                    model.humanReviewed(agent);
                    Divergence d = divergence.get(agent);
                    if (d != null) {
                        d.autonomy = false;
                    }
                }
            }
        }

        private void decision(long seq, StoredBody e, String contextSalt, String contextValue) {
            if (e.contextCommitment() != null && e.detail() != null && contextSalt != null && contextValue != null
                    && opens(contextSalt, contextValue, e.contextCommitment())) {
                // a data subject's entry keeps its context beside the ledger: the scan merged it in
                e.detail().openContext(contextValue);
            }
            RecordedRequest r = RecordedRequest.of(seq, e);
            boolean inRange = seq >= firstSeq && (from == null || !e.at().isBefore(from));
            if (r == null) {
                if (inRange && e.detail() != null && name.equals(e.detail().policy)) {
                    skipped.merge(SkipReason.UNREADABLE, 1L, Long::sum);
                }
                return;
            }
            if (r.policy() == null) {
                if (inRange && !"NO_POLICY".equals(r.reasonCode())) {
                    noPolicy.merge(r.request().agentId(), 1L, Long::sum);
                }
                return;
            }
            if (!name.equals(r.policy())) {
                return;
            }
            ModelDecision replayed;
            AgentPolicy policy = candidate != null ? candidate : recordedVersion(r.policyVersion());
            String agent = r.request().agentId();
            underPolicy.add(agent);
            if (policy == null && !PRE_POLICY.contains(r.reasonCode())) {
                // no version to re-decide it with: its spend still counts, and the report says it was left out
                model.spendOnly(agent, r.at(), r.request().tokens(), r.request().costUsd());
                if (inRange) {
                    skipped.merge(SkipReason.VERSION_UNKNOWN, 1L, Long::sum);
                }
                return;
            }
            if (PRE_POLICY.contains(r.reasonCode())) {
                model.spendOnly(agent, r.at(), r.request().tokens(), r.request().costUsd());
                replayed = null;
            } else {
                Divergence d = divergence.computeIfAbsent(agent, a -> new Divergence());
                replayed = model.decide(policy, budgetOf(agent, policy), r.request(), r.at(),
                        new AsThen(r.counters(), d.ratesAsThen(r.at()), !d.autonomy));
                d.note(r, replayed);
            }
            if (from != null && r.at().isBefore(from)) {
                return;
            }
            decisions++;
            if (replayed == null) {
                return;
            }
            ChangeKind kind = ChangeKind.of(r.verdict(), r.tier(), r.reasonCode(), replayed);
            if (kind != null) {
                changes.add(new ChangedDecision(r, replayed, kind));
            }
        }

        /**
         * The skips by reason; the decisions that record no policy count for the agents in scope: those seen
         * deciding under the policy and those assigned to it now, within {@code only} when that is not null.
         */
        Map<SkipReason, Long> skipped(Set<String> only) {
            long none = 0;
            for (Map.Entry<String, Long> e : noPolicy.entrySet()) {
                String agent = e.getKey();
                if ((only == null || only.contains(agent)) && (underPolicy.contains(agent) || agents.find(agent)
                        .map(a -> name.equals(a.profile().policyName())).orElse(false))) {
                    none += e.getValue();
                }
            }
            if (none > 0) {
                skipped.put(SkipReason.NO_POLICY_RECORDED, none);
            }
            return skipped;
        }

        /** A stored value that does not open the body's commitment was altered: its context is not used. */
        private static boolean opens(String salt, String value, String commitment) {
            try {
                return PersonalData.opens(salt, value, commitment);
            } catch (RuntimeException unreadable) {
                return false;
            }
        }

        private AgentPolicy recordedVersion(Integer version) {
            if (version == null) {
                return null;
            }
            return recordedVersions.computeIfAbsent(version, v -> policies.compiled(name, v).orElse(null));
        }

        private DailyBudget budgetOf(String agentId, AgentPolicy policy) {
            DailyBudget own = ownBudgets.computeIfAbsent(agentId, id -> agents.find(id).map(Agent::profile)
                    .map(p -> p.budget() == null ? DailyBudget.NONE : p.budget()).orElse(DailyBudget.NONE));
            return EffectiveBudget.of(own, policy);
        }
    }
}
