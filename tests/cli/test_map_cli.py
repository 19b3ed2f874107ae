"""``einhorn map`` end to end: the real CLI, the real store, files on disk."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from einhorn.bootstrap import open_app
from einhorn.config import load_settings
from einhorn.domain.ids import ContactId
from einhorn.domain.ties import Tie, TieKind
from tests.conftest import TODAY, Cli

SVG = "{http://www.w3.org/2000/svg}"
NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)


def _network(cli: Cli) -> dict[str, int]:
    """Six contacts in two triangles joined by Bea, who knows people on both sides;
    Zoe knows nobody."""
    people = {
        "Anna Müller": "unicorn",
        "Ben Roth": "penguin",
        "Bea Brück": "flamingo",
        "Carl Voss": "penguin",
        "Dana Ek": "penguin",
        "Emil Graf": "unicorn",
        "Zoe Frei": "penguin",
    }
    ids = {}
    for name, tier in people.items():
        added = cli.json("contacts", "add", name, "--tier", tier)
        assert isinstance(added, dict)
        ids[name] = added["id"]
    pairs = [
        ("Anna Müller", "Ben Roth"),
        ("Anna Müller", "Bea Brück"),
        ("Ben Roth", "Bea Brück"),
        ("Carl Voss", "Dana Ek"),
        ("Carl Voss", "Emil Graf"),
        ("Dana Ek", "Emil Graf"),
        ("Bea Brück", "Carl Voss"),
        ("Bea Brück", "Dana Ek"),
    ]
    app = open_app(load_settings(database_url=cli.url, environ={}))
    try:
        with app.uow(TODAY) as uow:
            for a, b in pairs:
                uow.ties.put(
                    Tie.between(ContactId(ids[a]), ContactId(ids[b]), TieKind.KNOWS, 2), NOW
                )
            uow.commit()
    finally:
        app.close()
    return ids


def _svg(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_the_map_as_svg_has_every_contact_and_names_the_unicorns(cli: Cli, tmp_path: Path) -> None:
    ids = _network(cli)
    out = tmp_path / "network.svg"
    result = cli("map", "--out", str(out))
    assert result.code == 0, result.err
    assert "7" in result.out and str(out) in result.out
    root = _svg(out)
    nodes = {c.get("data-id") for c in root.iter(f"{SVG}circle") if c.get("class") == "node"}
    assert nodes == {str(i) for i in ids.values()}
    labels = {"".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("data-id")}
    assert {"Anna Müller", "Emil Graf"} <= labels
    assert "Zoe Frei" not in labels  # a penguin without ties carries no name
    assert len([line for line in root.iter(f"{SVG}line") if line.get("data-a")]) == 8


def test_the_map_coloured_by_cluster_shows_the_clusters_and_the_broker(
    cli: Cli, tmp_path: Path
) -> None:
    _network(cli)
    out = tmp_path / "clusters.svg"
    summary = cli.json("map", "--out", str(out), "--color", "cluster")
    assert isinstance(summary, dict)
    assert (summary["shown"], summary["contacts"], summary["ties"]) == (7, 7, 8)
    assert summary["clusters"] >= 2 and summary["color"] == "cluster"
    root = _svg(out)
    text = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Cluster 1" in text and "Cluster 2" in text and "no ties on the map" in text
    labels = {"".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("data-id")}
    assert "Bea Brück" in labels  # a flamingo, named because she bridges the two


def test_the_map_as_png_is_a_picture(cli: Cli, tmp_path: Path) -> None:
    _network(cli)
    out = tmp_path / "network.png"
    assert cli("map", "--out", str(out)).code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(tmp_path.glob(".*partial"))


def test_the_map_as_html_works_offline_in_the_users_language(cli: Cli, tmp_path: Path) -> None:
    _network(cli)
    out = tmp_path / "network.html"
    result = cli("map", "--out", str(out), lang="de")
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "d3.zoom()" in page
    assert "Anna Müller" in page
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and not any("src=" in tag for tag in scripts)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.findall(r"<link\b", page)


def test_a_wrong_file_extension_is_one_clear_line(cli: Cli, tmp_path: Path) -> None:
    _network(cli)
    out = tmp_path / "network.pdf"
    result = cli("map", "--out", str(out))
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "--out" in lines[0] and ".svg, .png or .html" in lines[0]
    assert "Traceback" not in result.err and not out.exists()


@pytest.mark.parametrize("suffix", ["svg", "png", "html"])
def test_a_path_that_cannot_be_written_is_one_line(cli: Cli, tmp_path: Path, suffix: str) -> None:
    _network(cli)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli("map", "--out", str(blocker / f"network.{suffix}"))
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "a-file" in lines[0] and "Traceback" not in result.err


def test_an_empty_network_says_so_in_one_line(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "network.svg"
    result = cli("map", "--out", str(out))
    assert result.code == 1 and len(result.err.strip().splitlines()) == 1
    assert "No contacts" in result.err and not out.exists()


def test_the_wish_list_is_not_on_the_map(cli: Cli, tmp_path: Path) -> None:
    _network(cli)
    cli.json("contacts", "add", "Wanda Wunsch", "--wish")
    out = tmp_path / "map.svg"
    summary = cli.json("map", "--out", str(out))
    assert isinstance(summary, dict) and summary["contacts"] == 7
    assert "Wanda Wunsch" not in out.read_text(encoding="utf-8")
