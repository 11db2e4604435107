-- V18: policy versions in shadow (issue 19). Per agent at most one version that is evaluated beside the
-- version in force on each of its requests and recorded in the decision's audit entry, never enforced.
-- Starting and stopping are audited (policy.shadow_started, policy.shadow_stopped).
CREATE TABLE policy_shadow (
    agent_id       TEXT PRIMARY KEY,
    policy_name    TEXT NOT NULL,
    policy_version INTEGER NOT NULL,
    started_at     TEXT NOT NULL,
    started_by     TEXT NOT NULL
)
;
