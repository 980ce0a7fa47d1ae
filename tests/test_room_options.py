"""The app's room options: flags win over coalition.toml, which wins over the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.errors import UsageError
from coalition.services.room_options import RoomOptions, room_options, tls_context


def test_defaults_serve_every_interface_from_the_first_free_port() -> None:
    assert room_options(RoomOptions(), {}) == RoomOptions("0.0.0.0", None, False, None, None)


def test_the_workspace_settings_fill_in_what_no_flag_gave() -> None:
    settings = {"room_bind": "127.0.0.1", "room_port": "8800", "room_anonymous": "True"}
    assert room_options(RoomOptions(), settings) == RoomOptions("127.0.0.1", 8800, True)
    given = RoomOptions(bind="10.0.0.5", port=0)
    chosen = room_options(given, settings)
    assert (chosen.bind, chosen.port, chosen.anonymous) == ("10.0.0.5", 0, True)


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"room_port": "eighty"}, "room_port"),
        ({"room_port": "70000"}, "room_port"),
        ({"room_anonymous": "perhaps"}, "room_anonymous"),
    ],
)
def test_a_bad_setting_is_named(settings: dict[str, str], named: str) -> None:
    with pytest.raises(UsageError, match=named):
        room_options(RoomOptions(), settings)


def test_https_needs_a_readable_certificate_and_its_key() -> None:
    assert tls_context(RoomOptions()) is None
    with pytest.raises(UsageError, match="both a certificate and its key"):
        tls_context(RoomOptions(cert="cert.pem"))
    with pytest.raises(UsageError, match=r"Cannot use the certificate missing\.pem"):
        tls_context(RoomOptions(cert="missing.pem", key="missing.key"))


def test_a_certificate_named_in_the_settings_is_found_in_the_workspace(tmp_path: Path) -> None:
    settings = {"room_cert": "tls/site.pem", "room_key": "/etc/site.key"}
    chosen = room_options(RoomOptions(), settings, tmp_path)
    assert (chosen.cert, chosen.key) == (str(tmp_path / "tls" / "site.pem"), "/etc/site.key")
    flagged = room_options(RoomOptions(cert="here.pem", key="here.key"), settings, tmp_path)
    assert (flagged.cert, flagged.key) == ("here.pem", "here.key")
