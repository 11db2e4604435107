-- V2 is reserved for another feature branch. This no-op stands in for it only so
-- that V3 runs on the readiness branch alone (migrations are numbered without
-- gaps). On merge, take the other branch's V2.sql and drop this one.
SELECT 1
