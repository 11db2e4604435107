package dev.arbiter.core.agent;

import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.DataClass;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The SQL of the agent registry. Callers own the transaction. */
final class AgentStore {

    private static final String COLUMNS = "id, name, owner, purpose, vendor, model, fallback_model, data_classes, "
            + "daily_token_budget, daily_cost_budget, budget_alert_percent, policy_name, policy_version, "
            + "status, status_reason, created_at, updated_at";

    private AgentStore() {
    }

    static Map<String, Agent> all(Connection c) throws SQLException {
        Map<String, Agent> agents = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agent ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Agent agent = agent(rs);
                agents.put(agent.id(), agent);
            }
        }
        return agents;
    }

    static Optional<Agent> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agent WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(agent(rs)) : Optional.empty();
            }
        }
    }

    /** The id of an agent whose id equals {@code id} ignoring ASCII case (see {@link AgentId}), if any. */
    static Optional<String> idIgnoringCase(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM agent WHERE lower(id) = lower(?) LIMIT 1")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void insert(Connection c, Agent a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent(" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bindProfile(ps, a.profile());
            ps.setString(i++, a.status().wireName());
            ps.setString(i++, a.statusReason());
            ps.setString(i++, AuditTime.format(a.createdAt()));
            ps.setString(i, AuditTime.format(a.updatedAt()));
            ps.executeUpdate();
        }
    }

    static void updateProfile(Connection c, AgentProfile p, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE agent SET id = ?, name = ?, owner = ?, purpose = ?, "
                + "vendor = ?, model = ?, fallback_model = ?, data_classes = ?, daily_token_budget = ?, "
                + "daily_cost_budget = ?, budget_alert_percent = ?, policy_name = ?, policy_version = ?, "
                + "updated_at = ? WHERE id = ?")) {
            int i = bindProfile(ps, p);
            ps.setString(i++, AuditTime.format(at));
            ps.setString(i, p.id());
            ps.executeUpdate();
        }
    }

    static void updateStatus(Connection c, String id, AgentStatus status, String reason, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE agent SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status.wireName());
            ps.setString(2, reason);
            ps.setString(3, AuditTime.format(at));
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    private static int bindProfile(PreparedStatement ps, AgentProfile p) throws SQLException {
        int i = 1;
        ps.setString(i++, p.id());
        ps.setString(i++, p.name());
        ps.setString(i++, p.owner());
        ps.setString(i++, p.purpose());
        ps.setString(i++, p.vendor());
        ps.setString(i++, p.model());
        ps.setString(i++, p.fallbackModel());
        ps.setString(i++, dataClasses(p));
        if (p.budget().tokens() == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setLong(i++, p.budget().tokens());
        }
        ps.setString(i++, p.budget().costUsd() == null ? null : p.budget().costUsd().toPlainString());
        ps.setInt(i++, p.budget().alertPercent());
        ps.setString(i++, p.policyName());
        if (p.policyVersion() == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, p.policyVersion());
        }
        return i;
    }

    private static String dataClasses(AgentProfile p) {
        return p.dataClasses().stream().sorted().map(DataClass::label).collect(Collectors.joining(","));
    }

    private static Agent agent(ResultSet rs) throws SQLException {
        EnumSet<DataClass> classes = EnumSet.noneOf(DataClass.class);
        Arrays.stream(rs.getString(8).split(",")).map(DataClass::parse).flatMap(Optional::stream).forEach(classes::add);
        long tokens = rs.getLong(9);
        Long tokenBudget = rs.wasNull() ? null : tokens;
        String cost = rs.getString(10);
        int version = rs.getInt(13);
        Integer policyVersion = rs.wasNull() ? null : version;
        AgentProfile profile = new AgentProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), classes,
                new DailyBudget(tokenBudget, cost == null ? null : new BigDecimal(cost), rs.getInt(11)),
                rs.getString(12), policyVersion);
        return new Agent(profile, AgentStatus.fromWire(rs.getString(14)), rs.getString(15),
                AuditTime.parse(rs.getString(16)), AuditTime.parse(rs.getString(17)));
    }
}
