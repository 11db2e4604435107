#!/usr/bin/env python3
"""Ask Arbiter before acting: a copy-paste client using only the Python standard library.

    export ARBITER_TOKEN=$(arbiter token issue --agent refunds-agent)
    python3 arbiter_client.py            # against http://127.0.0.1:8765 (ARBITER_URL to change)

Arbiter answers only once the question and its answer are in the audit ledger. A 503
means it could not write them: do not act, retry later.
"""
import json
import os
import time
import urllib.error
import urllib.request


class ArbiterError(Exception):
    """The gateway refused the request (bad input, token, ...): code, message and field."""

    def __init__(self, status, error):
        super().__init__(f"{status} {error.get('code')}: {error.get('message')}")
        self.status = status
        self.code = error.get("code")
        self.field = error.get("field")


class Arbiter:
    def __init__(self, token, url="http://127.0.0.1:8765"):
        self.url = url.rstrip("/")
        self.token = token

    def _call(self, method, path, body=None, timeout=10):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            raise ArbiterError(e.code, json.load(e).get("error", {})) from None

    def ask(self, **action):
        """POST /v1/actions: returns the decision (decision, reason_code, reason, trace_id, ...)."""
        return self._call("POST", "/v1/actions", action)

    def wait(self, decision, give_up_after=20 * 60):
        """Waits (long polls) while the decision is pending; returns it once decided."""
        deadline = time.monotonic() + give_up_after
        while decision["decision"] == "pending" and time.monotonic() < deadline:
            decision = self._call("GET", f"/v1/actions/{decision['trace_id']}?wait=60", timeout=75)
        return decision

    def outcome(self, trace_id, output=None, latency_ms=None, tokens_consumed=None):
        """POST /v1/actions/{id}/outcome: what happened when the allowed action ran."""
        body = {"output": output, "latency_ms": latency_ms, "tokens_consumed": tokens_consumed}
        return self._call("POST", f"/v1/actions/{trace_id}/outcome", body)

    def status(self):
        """GET /v1/status: may this agent act at all (kill switch, pause, budget left)?"""
        return self._call("GET", "/v1/status")


def main():
    arbiter = Arbiter(os.environ["ARBITER_TOKEN"], os.environ.get("ARBITER_URL", "http://127.0.0.1:8765"))
    decision = arbiter.ask(
        agent_id="refunds-agent",
        session_id="sess_abc123",
        action="issue:refund",
        input_summary="Refund for a cancelled annual plan, order 10023",
        reasoning="Plan cancelled within the 30-day window (confidence: 0.93).",
        confidence=0.93,
        tools_used=["crm_lookup", "payments_api"],
        tokens_consumed=1540,
        target="payments-api.internal:443",
        context={"amount_usd": 1450, "data_classes": ["Financial"]},
    )
    print(f"{decision['trace_id']}: {decision['decision']} ({decision['reason_code']}) - {decision['reason']}")
    if decision["decision"] == "pending":
        decision = arbiter.wait(decision)
        print(f"{decision['trace_id']}: {decision['decision']} ({decision['reason_code']}) - {decision['reason']}")
    if decision["decision"] != "allow":
        raise SystemExit(3)

    started = time.monotonic()
    refund_id = "RF-1001"  # act here
    elapsed_ms = int((time.monotonic() - started) * 1000)
    print(arbiter.outcome(decision["trace_id"], {"refund_id": refund_id}, elapsed_ms, 210))


if __name__ == "__main__":
    main()
