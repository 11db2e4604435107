-- V4: reserved for another feature branch; this placeholder only lets V5 apply on the
-- gateway branch (migrations run without gaps). At merge, keep the other branch's V4.sql.
SELECT 1
