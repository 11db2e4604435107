package dev.arbiter.core.evidence;

import dev.arbiter.core.audit.AuditReader.StoredRow;
import dev.arbiter.core.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL an evidence bundle's policy part needs: the ledger's policy entries, cited versions and version texts. */
final class PolicyEvidenceStore {

    /** A stored policy version: its exact text. */
    record Text(String yaml) {
    }

    /** A policy version a decision cited. */
    record Cited(String name, int version) {
    }

    private PolicyEvidenceStore() {
    }

    /** Every {@code policy.saved}, {@code policy.activated} and {@code policy.rolled_back} entry up to {@code toSeq}. */
    static List<StoredRow> policyEntries(Connection c, long toSeq) throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash, body FROM audit_entry WHERE event IN "
                + "('policy.saved', 'policy.activated', 'policy.rolled_back') AND seq <= ? ORDER BY seq")) {
            ps.setLong(1, toSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredRow(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return rows;
    }

    /** The policy versions the decisions of #{@code fromSeq}..#{@code toSeq} ran under (a pinned one included). */
    static Set<Cited> cited(Connection c, long fromSeq, long toSeq) throws SQLException {
        SqlDialect d = SqlDialect.of(c);
        String detail = d.jsonText("body", "detail");
        Set<Cited> cited = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT " + d.jsonText(detail, "policy") + ", "
                + d.jsonText(detail, "policy_version") + " FROM audit_entry WHERE event = 'decision' AND seq >= ? "
                + "AND seq <= ?")) {
            ps.setLong(1, fromSeq);
            ps.setLong(2, toSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String version = rs.getString(2);
                    if (name != null && version != null && version.matches("[0-9]{1,9}")) {
                        cited.add(new Cited(name, Integer.parseInt(version)));
                    }
                }
            }
        }
        return cited;
    }

    /** The text of a stored version, if the workspace still holds it. */
    static Optional<Text> text(Connection c, String name, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT yaml FROM policy_version WHERE name = ? AND version = ?")) {
            ps.setString(1, name);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Text(rs.getString(1))) : Optional.empty();
            }
        }
    }
}
