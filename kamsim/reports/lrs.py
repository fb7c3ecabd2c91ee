"""Send statements to a Learning Record Store: batched POSTs to `<LRS>/statements`.

Basic authentication from `--lrs-user/--lrs-password` or KAMSIM_LRS_USER/KAMSIM_LRS_PASSWORD.
Only the standard library (urllib) is used.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from kamsim.errors import UserError

BATCH = 100
TIMEOUT_S = 30.0
BODY_EXCERPT = 300


@dataclass(frozen=True)
class Posted:
    """What the LRS answered to one batch."""

    status: int
    count: int
    ids: tuple[str, ...]


def credentials(user: str | None, password: str | None) -> tuple[str, str] | None:
    user = user or os.environ.get("KAMSIM_LRS_USER")
    password = password or os.environ.get("KAMSIM_LRS_PASSWORD")
    if user is None and password is None:
        return None
    return user or "", password or ""


def post_statements(
    url: str, statements: list[dict[str, Any]], auth: tuple[str, str] | None
) -> list[Posted]:
    """POST the statements in batches; raises UserError with the LRS's answer on failure."""
    if not url.startswith(("http://", "https://")):
        raise UserError(f"--lrs must be an http(s) URL, not {url!r}")
    endpoint = url.rstrip("/") + "/statements"
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"}
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    return [
        _post(endpoint, statements[i : i + BATCH], headers)
        for i in range(0, len(statements), BATCH)
    ]


def _post(endpoint: str, batch: list[dict[str, Any]], headers: dict[str, str]) -> Posted:
    body = json.dumps(batch, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            status, text = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace")[:BODY_EXCERPT]
        raise UserError(
            f"the LRS at {endpoint} answered {err.code} {err.reason}: {detail}"
        ) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise UserError(f"cannot reach the LRS at {endpoint}: {reason}") from None
    try:
        ids = json.loads(text) if text.strip() else []
    except json.JSONDecodeError:
        ids = []
    return Posted(status, len(batch), tuple(str(i) for i in ids) if isinstance(ids, list) else ())
