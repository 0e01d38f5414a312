"""Schemathesis hooks for the fuzz drill (a Python module, hence the underscore name).

Adds the check that every 4xx carries the API's JSON error body, and tallies statuses per
operation into DRILL_FUZZ_STATS so the drill reports figures, not just a pass/fail.
"""
import json
import os

import schemathesis

_stats = {"calls": 0, "by_status": {}, "server_errors": [], "bad_4xx": []}


def _save():
    path = os.environ.get("DRILL_FUZZ_STATS")
    if path:
        with open(path, "w") as f:
            json.dump(_stats, f)


@schemathesis.check
def json_error_body(response, case):
    """A 4xx must say what is wrong in {code, message}, never an HTML page or an empty body."""
    status = response.status_code
    _stats["calls"] += 1
    _stats["by_status"][str(status)] = _stats["by_status"].get(str(status), 0) + 1
    where = f"{case.method} {case.formatted_path}"
    if status >= 500 and len(_stats["server_errors"]) < 50:
        _stats["server_errors"].append({"op": where, "status": status, "body": response.text[:300]})
    if 400 <= status < 500:
        try:
            body = response.json()
        except Exception:
            body = None
        ok = isinstance(body, dict) and isinstance(body.get("code"), str) and isinstance(body.get("message"), str)
        if not ok:
            if len(_stats["bad_4xx"]) < 50:
                _stats["bad_4xx"].append({"op": where, "status": status, "body": response.text[:300]})
            _save()
            raise AssertionError(f"{status} without a JSON {{code, message}} body: {response.text[:200]}")
    _save()
