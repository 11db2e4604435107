package dev.arbiter.core.metrics;

import dev.arbiter.core.alert.Alert;
import dev.arbiter.core.alert.AlertService;
import dev.arbiter.core.alert.AlertStatus;
import dev.arbiter.core.incident.Incident;
import dev.arbiter.core.incident.IncidentRegister;
import dev.arbiter.core.incident.IncidentStatus;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The guide's "how do we measure governance effectiveness?" for one UTC month: decisions by outcome
 * per agent with the trend against the month before, approval rate, time to decide and rubber-stamp
 * warnings per reviewer, and the alert figures. Reads the ledger's decisions (a report, not
 * detection), the escalation table and the alerts.
 */
public final class GovernanceMetrics {

    private final Database database;
    private final AlertService alerts;
    private final IncidentRegister incidents;
    private final Clock clock;

    public GovernanceMetrics(Database database, AlertService alerts, IncidentRegister incidents, Clock clock) {
        this.database = database;
        this.alerts = alerts;
        this.incidents = incidents;
        this.clock = clock;
    }

    /**
     * The monthly governance review of {@code month} (UTC): its figures with those of the
     * {@link GovernanceReview#TREND_MONTHS} − 1 months before it, and the alerts and incidents open now.
     */
    public GovernanceReview review(YearMonth month) {
        List<MonthlyMetrics> history = new ArrayList<>(GovernanceReview.TREND_MONTHS);
        for (int back = GovernanceReview.TREND_MONTHS - 1; back >= 0; back--) {
            history.add(month(month.minusMonths(back)));
        }
        List<Alert> open = alerts.list(true, GovernanceReview.LISTED_ALERTS);
        List<Incident> notClosed = incidents.list().stream().filter(i -> i.status() != IncidentStatus.CLOSED).toList();
        return new GovernanceReview(clock.instant(), history, alerts.openCount(), open, notClosed);
    }

    /** The metrics of {@code month} (UTC); a month still running counts up to now. */
    public MonthlyMetrics month(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant prevFrom = month.minusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, TierCounts> now = database.read(c -> MetricsStore.tierCounts(c, from, to));
        Map<String, TierCounts> before = database.read(c -> MetricsStore.tierCounts(c, prevFrom, from));
        List<AgentTrend> agents = new ArrayList<>();
        for (String agent : new TreeSet<>(now.keySet())) {
            agents.add(new AgentTrend(now.get(agent), before.getOrDefault(agent, new TierCounts(agent, 0, 0, 0, 0))));
        }
        List<ReviewerStats> reviewers = reviewers(database.read(c -> MetricsStore.reviews(c, from, to)));
        IncidentFigures incidents = database.read(c -> MetricsStore.incidents(c, from, to));
        return new MonthlyMetrics(month, clock.instant(), agents, reviewers, alertFigures(alerts.raisedBetween(from, to)),
                incidents);
    }

    static List<ReviewerStats> reviewers(List<MetricsStore.Review> reviews) {
        Map<String, List<MetricsStore.Review>> by = new LinkedHashMap<>();
        for (MetricsStore.Review r : reviews) {
            by.computeIfAbsent(r.reviewer(), k -> new ArrayList<>()).add(r);
        }
        List<ReviewerStats> stats = new ArrayList<>();
        for (Map.Entry<String, List<MetricsStore.Review>> e : by.entrySet()) {
            List<MetricsStore.Review> list = e.getValue();
            List<Duration> times = list.stream().map(r -> positive(Duration.between(r.queuedAt(), r.decidedAt())))
                    .sorted().toList();
            long approvals = list.stream().filter(MetricsStore.Review::approved).count();
            long quick = times.stream().filter(t -> t.compareTo(RubberStamp.QUICK) <= 0).count();
            long streak = 0;
            long run = 0;
            for (MetricsStore.Review r : list) {
                run = r.approved() ? run + 1 : 0;
                streak = Math.max(streak, run);
            }
            double quickShare = (double) quick / list.size();
            Duration sum = times.stream().reduce(Duration.ZERO, Duration::plus);
            stats.add(new ReviewerStats(e.getKey(), list.size(), approvals, times.get(times.size() / 2),
                    sum.dividedBy(list.size()), quickShare, streak,
                    RubberStamp.warnings(list.size(), quickShare, streak)));
        }
        stats.sort(Comparator.comparing(ReviewerStats::reviewer));
        return stats;
    }

    static AlertFigures alertFigures(List<Alert> raised) {
        long tp = 0;
        long fp = 0;
        long open = 0;
        long incidents = 0;
        Duration detect = Duration.ZERO;
        Duration ack = Duration.ZERO;
        long acked = 0;
        for (Alert a : raised) {
            detect = detect.plus(a.timeToDetect());
            if (a.status() == AlertStatus.TRUE_POSITIVE) {
                tp++;
            } else if (a.status() == AlertStatus.FALSE_POSITIVE) {
                fp++;
            } else {
                open++;
            }
            if (a.triagedAt() != null) {
                ack = ack.plus(positive(Duration.between(a.raisedAt(), a.triagedAt())));
                acked++;
            }
            if (a.incidentRef() != null) {
                incidents++;
            }
        }
        return new AlertFigures(raised.size(), tp, fp, open, raised.isEmpty() ? null : detect.dividedBy(raised.size()),
                acked == 0 ? null : ack.dividedBy(acked), incidents);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
