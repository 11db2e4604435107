package dev.arbiter.core.token;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for agents (the guide's "short-lived, scoped API tokens"):
 * each belongs to one agent, expires (1 hour by default, 30 days at most) and
 * can be revoked. The text {@code arb.<id>.<secret>} is shown once when issued;
 * only its SHA-256 is stored. Issuing and revoking are audited.
 *
 * <p>The gateway checks a token on every request, so checked tokens are cached
 * in memory; the cache is dropped whenever the database changes, so a token
 * revoked in another process stops working within a fraction of a second.
 */
public final class AgentTokens {

    private static final String PREFIX = "arb.";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private final Database database;
    private final AuditLedger ledger;
    private final AgentRegistry agents;
    private final Clock clock;
    private final Map<String, Optional<TokenStore.Row>> cache = new ConcurrentHashMap<>();
    /**
     * Bumped before every drop of the cache: a check that read its row before a revocation (here or in
     * another process) must not put that stale row back after the drop.
     */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private final TokenUses uses;

    public AgentTokens(Database database, AuditLedger ledger, Events events, AgentRegistry agents, Clock clock) {
        this.database = database;
        this.uses = new TokenUses(database);
        this.ledger = ledger;
        this.agents = agents;
        this.clock = clock;
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("agent_token")) {
                generation.incrementAndGet();
                cache.clear();
            }
        });
    }

    /** Issues a token for an active or paused agent; the result holds the only copy of its text. */
    public IssuedToken issue(String agentId, Duration ttl, String actor) {
        Agent agent = agents.find(agentId).orElseThrow(() -> new IllegalArgumentException(
                "There is no agent with id " + agentId + "; add it to the registry first."));
        if (agent.isRetired()) {
            throw new IllegalArgumentException(agentId + " is retired; retired agents get no tokens.");
        }
        Duration life = Ttl.check(ttl == null ? Ttl.DEFAULT : ttl);
        Instant now = clock.instant();
        String id = "tk" + randomText(6);
        String token = PREFIX + id + "." + randomText(32);
        // the registered (canonical) id, whatever case it was typed in: the gateway compares it with agent_id
        TokenInfo info = new TokenInfo(id, agent.id(), now, actor, now.plus(life), null, null);
        database.write(tx -> {
            TokenStore.insert(tx.connection(), info, sha256(token));
            ledger.appendWithin(tx, AuditEntry.of("token.issued").agentId(agent.id()).actor(actor)
                    .detail(AuditDetail.of("token_id", id, "expires_at", info.expiresAt().toString(),
                            "ttl_seconds", life.toSeconds()))
                    .build());
            return null;
        });
        return new IssuedToken(info, token);
    }

    public List<TokenInfo> list() {
        return database.read(TokenStore::all);
    }

    /** Revokes a token by its id; revoking one already revoked is refused with a message saying so. */
    public TokenInfo revoke(String tokenId, String actor) {
        Instant now = clock.instant();
        TokenInfo revoked = database.write(tx -> {
            TokenStore.Row row = TokenStore.find(tx.connection(), tokenId).orElseThrow(() ->
                    new IllegalArgumentException("There is no token with id " + tokenId + " (see arbiter token list)."));
            if (!TokenStore.revoke(tx.connection(), tokenId, now, actor)) {
                throw new IllegalArgumentException("Token " + tokenId + " was already revoked by "
                        + row.info().revokedBy() + ".");
            }
            ledger.appendWithin(tx, AuditEntry.of("token.revoked").agentId(row.info().agentId()).actor(actor)
                    .detail(AuditDetail.of("token_id", tokenId)).build());
            TokenInfo i = row.info();
            return new TokenInfo(i.id(), i.agentId(), i.createdAt(), i.createdBy(), i.expiresAt(), now, actor);
        });
        generation.incrementAndGet();
        cache.remove(tokenId);
        return revoked;
    }

    /** Checks a presented token (the text after {@code Bearer }); null or blank is MISSING. */
    public TokenCheck check(String presented) {
        if (presented == null || presented.isBlank()) {
            return new TokenCheck.Refused(TokenCheck.Reason.MISSING, null, null);
        }
        String id = idOf(presented);
        if (id == null) {
            return new TokenCheck.Refused(TokenCheck.Reason.UNKNOWN, null, null);
        }
        Optional<TokenStore.Row> row = cache.get(id);
        if (row == null) {
            long seen = generation.get();
            row = database.read(c -> TokenStore.find(c, id));
            if (row.isPresent()) {
                cache.put(id, row); // only real tokens: made-up ids must not fill memory
                if (generation.get() != seen) {
                    cache.remove(id); // dropped while we read: the row may be from before a revocation
                }
            }
        }
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().sha256().getBytes(StandardCharsets.US_ASCII),
                sha256(presented).getBytes(StandardCharsets.US_ASCII))) {
            return new TokenCheck.Refused(TokenCheck.Reason.UNKNOWN, null, null);
        }
        TokenInfo info = row.get().info();
        switch (info.state(clock.instant())) {
            case REVOKED:
                return new TokenCheck.Refused(TokenCheck.Reason.REVOKED, info.id(), info.agentId());
            case EXPIRED:
                return new TokenCheck.Refused(TokenCheck.Reason.EXPIRED, info.id(), info.agentId());
            default:
                break;
        }
        if (agents.find(info.agentId()).map(Agent::isRetired).orElse(true)) {
            return new TokenCheck.Refused(TokenCheck.Reason.AGENT_RETIRED, info.id(), info.agentId());
        }
        uses.used(info.id(), clock.instant());
        return new TokenCheck.Valid(info);
    }

    /**
     * When each token was last accepted (token id to time; a token never used is absent), exact to
     * {@link TokenUses#FLUSH_EVERY} for uses in other processes and exact for this one.
     */
    public Map<String, Instant> lastUses() {
        return uses.lastUses();
    }

    /** The writer of last uses (started and closed by the workspace; {@code flush()} for tests and benches). */
    public TokenUses uses() {
        return uses;
    }

    /** Starts writing last uses in the background (see {@link TokenUses}). */
    public void start() {
        uses.start();
    }

    /** Writes the remembered last uses and stops. */
    public void close() {
        uses.close();
    }

    /**
     * Audits the refused requests of one source and window as one entry
     * ({@code gateway.auth_refused}): the count, how many were throttled, and
     * a few capped samples, never a token. Queued for the next group commit;
     * a full ledger never blocks a refusal (the returned future says whether
     * it was written).
     */
    public CompletableFuture<LedgerEntry> auditRefusals(RefusalSummary summary) {
        List<Map<String, Object>> samples = new ArrayList<>(summary.samples().size());
        for (RefusalSummary.Sample s : summary.samples()) {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("reason", s.reason());
            sample.put("token_id", s.tokenId());
            sample.put("agent_id", s.agentId());
            sample.put("request", s.request());
            samples.add(sample);
        }
        String agentId = summary.samples().stream().map(RefusalSummary.Sample::agentId).filter(a -> a != null)
                .findFirst().orElse(null);
        return ledger.appendAsync(AuditEntry.of("gateway.auth_refused").agentId(agentId).actor("gateway")
                .detail(AuditDetail.of("source", summary.source(), "from", summary.from().toString(),
                        "to", summary.to().toString(), "count", summary.count(), "throttled", summary.throttled(),
                        "reasons", summary.reasons(), "samples", samples))
                .build());
    }

    /** The id part of {@code arb.<id>.<secret>}, or null when the text does not have that form. */
    private static String idOf(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 200) {
            return null;
        }
        int dot = token.indexOf('.', PREFIX.length());
        return dot < 0 ? null : token.substring(PREFIX.length(), dot);
    }

    private static String randomText(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String token) {
        return HexFormat.of().formatHex(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
