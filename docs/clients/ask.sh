#!/usr/bin/env bash
# Ask Arbiter before acting, wait for a reviewer if the action is gated, then report the outcome.
# Needs only curl (and sed). Usage:
#   export ARBITER_TOKEN=$(arbiter token issue --agent refunds-agent)
#   ./ask.sh                       # against http://127.0.0.1:8765
#   ARBITER_URL=http://127.0.0.1:9000 ./ask.sh
set -euo pipefail
url="${ARBITER_URL:-http://127.0.0.1:8765}"
auth="Authorization: Bearer ${ARBITER_TOKEN:?set ARBITER_TOKEN (arbiter token issue --agent ID)}"

field() { # field NAME JSON -> the value of a string field (the gateway writes compact JSON)
  sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2"
}

# 1. Ask permission. Arbiter answers only once the question and the answer are in its audit ledger.
answer=$(curl -sS -X POST "$url/v1/actions" -H "$auth" -H 'Content-Type: application/json' -d '{
  "agent_id": "refunds-agent",
  "session_id": "sess_abc123",
  "action": "issue:refund",
  "input_summary": "Refund for a cancelled annual plan, order 10023",
  "reasoning": "Plan cancelled within the 30-day window (confidence: 0.93).",
  "confidence": 0.93,
  "tools_used": ["crm_lookup", "payments_api"],
  "tokens_consumed": 1540,
  "target": "payments-api.internal:443",
  "context": {"amount_usd": 1450, "data_classes": ["Financial"]}
}')
trace=$(field trace_id "$answer")
if [ -z "$trace" ]; then echo "Arbiter refused the request: $answer" >&2; exit 1; fi
decision=$(field decision "$answer")
echo "$trace: $decision ($(field reason_code "$answer")) - $(field reason "$answer")"

# 2. Gated: wait for a person (long poll, up to 60 s a call) until it is decided or times out.
while [ "$decision" = "pending" ]; do
  answer=$(curl -sS "$url/v1/actions/$trace?wait=60" -H "$auth")
  decision=$(field decision "$answer")
done
[ "$decision" = "pending" ] || echo "$trace: $decision ($(field reason_code "$answer")) - $(field reason "$answer")"
if [ "$decision" != "allow" ]; then exit 3; fi

# 3. Act (here: pretend), then 4. report what happened.
started=$(date +%s%3N)
refund_id="RF-$RANDOM"
elapsed=$(( $(date +%s%3N) - started ))
curl -sS -X POST "$url/v1/actions/$trace/outcome" -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"output\": {\"refund_id\": \"$refund_id\"}, \"latency_ms\": $elapsed, \"tokens_consumed\": 210}"
echo
