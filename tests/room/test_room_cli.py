"""`coalition room`: the printed contract, a clean exit on SIGTERM, and no acknowledged card
lost when the process is SIGKILLed."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from coalition.cli import main
from coalition.store import read_room_documents, read_session

from .conftest import room_session


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "playbooks").mkdir()
    room_session(tmp_path / "sessions" / "northwind" / "2026-11-25-room-test.json")
    return tmp_path


def start_room(workspace: Path, *extra: str) -> tuple[subprocess.Popen[str], str, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "coalition", "room", "sessions/northwind/2026-11-25-room-test.json",
         "--bind", "127.0.0.1", "--port", "0", *extra],
        cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    join = process.stdout.readline().strip()
    facilitator = process.stdout.readline().strip()
    assert join.startswith(("join: http://127.0.0.1:", "join: https://127.0.0.1:")), join
    assert facilitator.startswith(("facilitator: http://127.0.0.1:", "facilitator: https://"))
    return process, join.removeprefix("join: "), facilitator.removeprefix("facilitator: ")


def call(url: str, body: dict[str, Any] | None, headers: dict[str, str]) -> tuple[int, Any, str]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as answer:
        cookie = answer.headers.get("Set-Cookie", "").split(";")[0]
        return answer.status, json.loads(answer.read()), cookie


def join(join_url: str, name: str) -> tuple[str, str, dict[str, str]]:
    base, _, token = join_url.partition("?t=")
    _, body, cookie = call(f"{base}api/join?t={token}", {"name": name}, {})
    return base, body["csrf"], {"Cookie": cookie, "X-CSRF-Token": body["csrf"]}


def test_room_prints_its_urls_serves_and_exits_0_on_sigterm(workspace: Path) -> None:
    process, join_url, facilitator_url = start_room(workspace)
    try:
        assert "?t=" in join_url and "/facilitator?t=" in facilitator_url
        assert join_url.partition("?t=")[2] != facilitator_url.partition("?t=")[2]
        base, _, headers = join(join_url, "Ana Lima")
        status, body, _ = call(
            f"{base}api/cards", {"kind": "irritant", "text": "Slow VPN", "key": "k1"}, headers
        )
        assert (status, body) == (201, {"id": "C-1"})
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    path = workspace / "sessions" / "northwind" / "2026-11-25-room-test.json"
    assert [d["text"] for k, d in read_room_documents(path).items() if k != "1"] == ["Slow VPN"]
    again, _, _ = start_room(workspace)  # the lock was released: a second opening gets it
    again.send_signal(signal.SIGINT)
    assert again.wait(timeout=10) == 0


def test_bad_options_get_a_message_and_exit_2(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    session = "sessions/northwind/2026-11-25-room-test.json"
    assert main(["room", session, "--cert", "nope.pem"]) == 2
    assert "both flags (--cert FILE and --key FILE" in capsys.readouterr().err
    assert main(["room", session, "--cert", "nope.pem", "--key", "nope.key"]) == 2
    assert "Cannot use the certificate nope.pem" in capsys.readouterr().err
    assert main(["room", session, "--port", "70000"]) == 2
    assert "port (its flag, or room_port) must be from 0 to 65535" in capsys.readouterr().err
    (workspace / "coalition.toml").write_text('room_port = "eighty"\n', encoding="utf-8")
    assert main(["room", session]) == 2
    assert "room_port in coalition.toml must be a port number" in capsys.readouterr().err
    (workspace / "coalition.toml").write_text('room_cert = "site.pem"\n', encoding="utf-8")
    assert main(["room", session]) == 2
    assert "or room_cert and room_key" in capsys.readouterr().err
    (workspace / "coalition.toml").write_text('room_anonymous = "maybe"\n', encoding="utf-8")
    assert main(["room", session]) == 2
    assert "room_anonymous in coalition.toml must be true or false" in capsys.readouterr().err
    assert main(["room", "sessions/northwind/none.json"]) == 2


def test_no_acknowledged_card_is_lost_when_the_room_is_killed(workspace: Path) -> None:
    """Four participants post cards at once (so saves are grouped); the process is
    SIGKILLed at a random moment; every card that got its 201 is in the file."""
    from concurrent.futures import ThreadPoolExecutor

    path = workspace / "sessions" / "northwind" / "2026-11-25-room-test.json"
    acknowledged: set[str] = set()

    def writer(base: str, headers: dict[str, str], tag: str, deadline: float) -> set[str]:
        done: set[str] = set()
        for n in range(35):  # under the 40 cards a person may write in a step
            if time.monotonic() > deadline:
                break
            text = f"{tag} card {n}"
            try:
                status, _, _ = call(
                    f"{base}api/cards", {"kind": "note", "text": text, "key": text}, headers
                )
            except OSError:
                break
            if status == 201:
                done.add(text)
        return done

    for round_number in range(3):
        process, join_url, _ = start_room(workspace)
        people = [join(join_url, f"Writer {round_number}-{n}") for n in range(4)]
        deadline = time.monotonic() + random.uniform(0.2, 0.8)
        try:
            with ThreadPoolExecutor(max_workers=len(people)) as pool:
                futures = [
                    pool.submit(writer, base, headers, f"r{round_number}w{n}", deadline)
                    for n, (base, _, headers) in enumerate(people)
                ]
                time.sleep(max(0.0, deadline - time.monotonic()))
                os.kill(process.pid, signal.SIGKILL)
                for future in futures:
                    acknowledged |= future.result(timeout=30)
        finally:
            process.kill()
            process.wait(timeout=10)
        saved = {d["text"] for k, d in read_room_documents(path).items() if k != "1"}
        assert acknowledged <= saved, acknowledged - saved
    assert len(acknowledged) >= 3


def test_the_room_and_its_command_never_import_textual() -> None:
    probe = (
        "import sys, coalition.room, coalition.commands.room, coalition.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_coalition_toml_gives_the_bind_address_and_port(workspace: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    (workspace / "coalition.toml").write_text(
        f'room_bind = "127.0.0.1"\nroom_port = {free}\n', encoding="utf-8"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "coalition", "room", "sessions/northwind/2026-11-25-room-test.json"],
        cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        assert process.stdout.readline().startswith(f"join: http://127.0.0.1:{free}/?t=")
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_with_a_certificate_the_room_serves_https_and_secure_cookies(workspace: Path) -> None:
    import shutil
    import ssl

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem"],
        cwd=workspace, check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    process, join_url, _ = start_room(workspace, "--cert", "cert.pem", "--key", "key.pem")
    try:
        assert join_url.startswith("https://127.0.0.1:")
        base, _, token = join_url.partition("?t=")
        unverified = ssl.create_default_context()
        unverified.check_hostname = False
        unverified.verify_mode = ssl.CERT_NONE
        request = urllib.request.Request(
            f"{base}api/join?t={token}", data=json.dumps({"name": "Ana"}).encode()
        )
        with urllib.request.urlopen(request, timeout=10, context=unverified) as answer:
            assert answer.status == 200
            assert "Secure" in answer.headers["Set-Cookie"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_coalition_toml_can_make_the_room_anonymous(workspace: Path) -> None:
    (workspace / "coalition.toml").write_text("room_anonymous = true\n", encoding="utf-8")
    process, join_url, facilitator_url = start_room(workspace)
    try:
        base, _, headers = join(join_url, "Ana Lima")
        card = {"kind": "irritant", "text": "Slow VPN", "key": "k1"}
        assert call(f"{base}api/cards", card, headers)[0] == 201
        desk = {"Authorization": f"Bearer {facilitator_url.partition('?t=')[2]}"}
        assert call(f"{base}api/reveal", {}, desk)[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    path = workspace / "sessions" / "northwind" / "2026-11-25-room-test.json"
    assert [i.text for i in read_session(path).irritants] == ["Slow VPN"]
    assert not read_room_documents(path)["1"].get("raised_by")  # the author is not stored


def test_a_certificate_in_coalition_toml_is_found_in_the_workspace_folder(
    workspace: Path,
) -> None:
    """Started from the client's folder: `room_cert = "cert.pem"` is the workspace's file."""
    import shutil

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem"],
        cwd=workspace, check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    (workspace / "coalition.toml").write_text(
        'room_cert = "cert.pem"\nroom_key = "key.pem"\n', encoding="utf-8"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "coalition", "room", "2026-11-25-room-test.json",
         "--bind", "127.0.0.1", "--port", "0"],
        cwd=workspace / "sessions" / "northwind", stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("join: https://127.0.0.1:")
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=10)
    assert process.returncode == 0, errors
