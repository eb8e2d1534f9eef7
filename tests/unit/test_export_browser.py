"""The HTML report in a real browser: headless Chromium loads it without a single request
of its own, prints it to PDF, and the printed text holds every included answer and none
of the private ones (read back with pdftotext).

Chromium is pointed at a closed local proxy port, so nothing it tries can leave the
machine; its network log shows what the page itself asked for (requests whose top frame
is the ``file://`` page), which must be nothing. A control page with one external image
shows the check can see a request when there is one.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cfcoach.export import get_format
from tests.unit.golden import samples
from tests.unit.test_export_formats import flat, included_answers

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None,
    reason="chromium and pdftotext are not installed (Debian packages chromium and "
    "poppler-utils; .ci/run installs them)",
)


def chromium(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-pings",
        "--proxy-server=http://127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=90)


def page_requests(net_log: Path) -> list[str]:
    """URLs the page itself requested (not the browser's own housekeeping), besides itself."""
    log = json.loads(net_log.read_text())
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        from_page = str(params.get("network_isolation_key", "")).startswith("file://")
        if from_page and not params["url"].startswith(("file:", "data:")):
            urls.append(params["url"])
    return urls


def write_report(tmp_path: Path) -> Path:
    buffer = io.StringIO()
    get_format("html").writer()(samples.bundle(), buffer)
    page = tmp_path / "report.html"
    page.write_text(buffer.getvalue(), encoding="utf-8")
    return page


def test_the_report_prints_to_pdf_with_every_answer_and_no_request(tmp_path: Path) -> None:
    page = write_report(tmp_path)
    printed, net_log = tmp_path / "printed.pdf", tmp_path / "net.json"

    result = chromium(
        page,
        tmp_path,
        f"--print-to-pdf={printed}",
        "--no-pdf-header-footer",
        f"--log-net-log={net_log}",
    )

    assert printed.is_file() and printed.read_bytes().startswith(b"%PDF-"), result.stderr[-2000:]
    assert page_requests(net_log) == []
    text = flat(
        subprocess.run(
            ["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for answer in included_answers():
        assert flat(answer) in text, answer
    for secret in ("PRIVATE-STEP-ANSWER", "PRIVATE-ENTRY-ANSWER", "DRAFT-ANSWER"):
        assert secret not in text
    assert "Ελληνικά, Русский, café" in text


def test_the_request_check_sees_an_external_image(tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text('<p>control</p><img src="https://example.invalid/x.png" alt="">')
    net_log = tmp_path / "net.json"

    chromium(
        page, tmp_path, f"--print-to-pdf={tmp_path / 'control.pdf'}", f"--log-net-log={net_log}"
    )

    assert page_requests(net_log) == ["https://example.invalid/x.png"]
