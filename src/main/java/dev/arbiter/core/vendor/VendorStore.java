package dev.arbiter.core.vendor;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SQL of the vendor register and the agents' fallback plans. Callers own the transaction. */
final class VendorStore {

    private static final String COLUMNS = "id, name, kind, dpa_signed, dpa_file, training, residency, certifications,"
            + " contact, review_due, assessed_risk, notes, created_at, updated_at";

    private VendorStore() {
    }

    static List<Vendor> all(Connection c) throws SQLException {
        List<Vendor> vendors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM vendor ORDER BY lower(name)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                vendors.add(vendor(rs));
            }
        }
        return vendors;
    }

    static Optional<Vendor> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM vendor WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(vendor(rs)) : Optional.empty();
            }
        }
    }

    /** The vendor other than {@code exceptId} whose id or name equals {@code idOrName} ignoring case. */
    static Optional<Vendor> clash(Connection c, String idOrName, String exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM vendor WHERE (lower(id) = lower(?)"
                + " OR lower(name) = lower(?)) AND id <> ? LIMIT 1")) {
            ps.setString(1, idOrName);
            ps.setString(2, idOrName);
            ps.setString(3, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(vendor(rs)) : Optional.empty();
            }
        }
    }

    static void insert(Connection c, VendorDetails v, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO vendor(" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bind(ps, v);
            ps.setString(i++, AuditTime.format(now));
            ps.setString(i, AuditTime.format(now));
            ps.executeUpdate();
        }
    }

    static void update(Connection c, VendorDetails v, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE vendor SET id = ?, name = ?, kind = ?, dpa_signed = ?,"
                + " dpa_file = ?, training = ?, residency = ?, certifications = ?, contact = ?, review_due = ?,"
                + " assessed_risk = ?, notes = ?, updated_at = ? WHERE id = ?")) {
            int i = bind(ps, v);
            ps.setString(i++, AuditTime.format(now));
            ps.setString(i, v.id());
            ps.executeUpdate();
        }
    }

    static boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM vendor WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static int bind(PreparedStatement ps, VendorDetails v) throws SQLException {
        int i = 1;
        ps.setString(i++, v.id());
        ps.setString(i++, v.name());
        ps.setString(i++, v.kind().name());
        ps.setString(i++, v.dpaSigned() == null ? null : v.dpaSigned().toString());
        ps.setString(i++, v.dpaFile());
        ps.setString(i++, v.training().name());
        ps.setString(i++, v.residency());
        ps.setString(i++, String.join("\n", v.certifications()));
        ps.setString(i++, v.contact());
        ps.setString(i++, v.reviewDue() == null ? null : v.reviewDue().toString());
        ps.setString(i++, v.assessedRisk() == null ? null : v.assessedRisk().name());
        ps.setString(i++, v.notes());
        return i;
    }

    private static Vendor vendor(ResultSet rs) throws SQLException {
        String certs = rs.getString("certifications");
        String risk = rs.getString("assessed_risk");
        VendorDetails d = new VendorDetails(rs.getString("id"), rs.getString("name"),
                VendorKind.valueOf(rs.getString("kind")), date(rs.getString("dpa_signed")), rs.getString("dpa_file"),
                TrainingUse.valueOf(rs.getString("training")), rs.getString("residency"),
                certs.isEmpty() ? List.of() : Arrays.asList(certs.split("\n")), rs.getString("contact"),
                date(rs.getString("review_due")), risk == null ? null : RiskRating.valueOf(risk),
                rs.getString("notes"));
        return new Vendor(d, AuditTime.parse(rs.getString("created_at")), AuditTime.parse(rs.getString("updated_at")));
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    // ---- fallback plans

    static List<FallbackPlan> plans(Connection c) throws SQLException {
        List<FallbackPlan> plans = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, behaviour, detail, fallback_vendor, "
                + "updated_at, updated_by FROM agent_fallback ORDER BY agent_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plans.add(new FallbackPlan(rs.getString(1), FallbackBehaviour.of(rs.getString(2), rs.getString(3)),
                        rs.getString(4), AuditTime.parse(rs.getString(5)), rs.getString(6)));
            }
        }
        return plans;
    }

    /** Inserts or replaces the plan of {@code p.agentId()}. */
    static void savePlan(Connection c, FallbackPlan p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_fallback(agent_id, behaviour, detail, "
                + "fallback_vendor, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE"
                + " SET behaviour = excluded.behaviour, detail = excluded.detail, fallback_vendor = "
                + "excluded.fallback_vendor, updated_at = excluded.updated_at, updated_by = excluded.updated_by")) {
            ps.setString(1, p.agentId());
            ps.setString(2, p.behaviour().key());
            ps.setString(3, p.behaviour().detail());
            ps.setString(4, p.fallbackVendor());
            ps.setString(5, AuditTime.format(p.updatedAt()));
            ps.setString(6, p.updatedBy());
            ps.executeUpdate();
        }
    }
}
