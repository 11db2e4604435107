package dev.arbiter.core.webhook;

import dev.arbiter.core.audit.AuditTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** SQL of webhooks and their outbox (V20). Portable SQL only. */
final class WebhookStore {

    private WebhookStore() {
    }

    static void insert(Connection c, Webhook w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook(id, kind, url, events, created_at, "
                + "created_by) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, w.id());
            ps.setString(2, w.kind().key());
            ps.setString(3, w.url());
            ps.setString(4, w.topics().stream().map(WebhookTopic::key).sorted().collect(Collectors.joining(",")));
            ps.setString(5, AuditTime.format(w.createdAt()));
            ps.setString(6, w.createdBy());
            ps.executeUpdate();
        }
    }

    static boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    static void deletePending(Connection c, String webhookId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM webhook_outbox WHERE webhook_id = ? AND state = 'pending'")) {
            ps.setString(1, webhookId);
            ps.executeUpdate();
        }
    }

    static List<Webhook> list(Connection c) throws SQLException {
        List<Webhook> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, url, events, created_at, created_by "
                + "FROM webhook ORDER BY created_at, id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Set<WebhookTopic> topics = EnumSet.noneOf(WebhookTopic.class);
                Arrays.stream(rs.getString(4).split(",")).map(WebhookTopic::ofKey).flatMap(Optional::stream)
                        .forEach(topics::add);
                all.add(new Webhook(rs.getString(1), WebhookKind.ofKey(rs.getString(2)).orElse(WebhookKind.GENERIC),
                        rs.getString(3), topics, AuditTime.parse(rs.getString(5)), rs.getString(6)));
            }
        }
        return all;
    }

    /** Queues a body for a webhook; false if that webhook already has a notification for the subject. */
    static boolean enqueue(Connection c, String webhookId, String subject, String body, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_outbox(webhook_id, subject, body, "
                + "created_at, state, attempts, next_at) VALUES (?, ?, ?, ?, 'pending', 0, ?) "
                + "ON CONFLICT(webhook_id, subject) DO NOTHING")) {
            ps.setString(1, webhookId);
            ps.setString(2, subject);
            ps.setString(3, body);
            ps.setString(4, AuditTime.format(now));
            ps.setString(5, AuditTime.format(now));
            return ps.executeUpdate() == 1;
        }
    }

    /** A due row as read, before it is leased. */
    record Due(long id, String webhookId, String url, String body, int attempts, String nextAt) {
    }

    static List<Due> due(Connection c, Instant now, int limit) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.webhook_id, w.url, o.body, o.attempts, "
                + "o.next_at FROM webhook_outbox o JOIN webhook w ON w.id = o.webhook_id "
                + "WHERE o.state = 'pending' AND o.next_at <= ? ORDER BY o.next_at, o.id LIMIT ?")) {
            ps.setString(1, AuditTime.format(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getString(6)));
                }
            }
        }
        return due;
    }

    /** Moves a due row's time to {@code until} and counts the attempt; false if another sender took it first. */
    static boolean lease(Connection c, Due d, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET next_at = ?, attempts = attempts + 1 "
                + "WHERE id = ? AND state = 'pending' AND next_at = ?")) {
            ps.setString(1, AuditTime.format(until));
            ps.setLong(2, d.id());
            ps.setString(3, d.nextAt());
            return ps.executeUpdate() == 1;
        }
    }

    static void finish(Connection c, long id, String state, Instant at, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET state = ?, done_at = ?, "
                + "last_error = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setString(2, AuditTime.format(at));
            ps.setString(3, error);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    static void retryAt(Connection c, long id, Instant at, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_outbox SET next_at = ?, last_error = ? "
                + "WHERE id = ? AND state = 'pending'")) {
            ps.setString(1, AuditTime.format(at));
            ps.setString(2, error);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Rows per state: pending, delivered, failed. */
    static long count(Connection c, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM webhook_outbox WHERE state = ?")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
