"""The network map as a file: SVG written by hand, PNG rasterised from that SVG, and a single
offline HTML page that shows the same SVG with zoom, hover and click.

Pure: a ``NetworkMap`` (positions, sizes, colours and texts already decided) in, text or
bytes out. The HTML inlines the vendored d3 (``assets/d3.min.js``, ISC licence beside it) so
the page needs no network at all: no CDN, no fonts, no images from elsewhere.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources

from einhorn.domain.network_map import (
    LABEL_CHARS,
    LABEL_HEIGHT,
    MapEdge,
    MapNode,
    NetworkMap,
    label_width,
)
from einhorn.errors import EinhornError
from einhorn.i18n import N_

LEGEND_WIDTH = 330.0
LEGEND_PAD = 22.0
LINE = 18.0
WRAP = 44  # characters per legend line
FONT = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif"
PNG_ZOOM = 1.5  # 1,400 × 1,000 plot → 2,595 × 1,500 pixels: names stay legible when printed
EDGE_RECORDED = "#6f7d89"
EDGE_INFERRED = "#a3adb5"
# XML 1.0 forbids these even as character references; an imported name may carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """``text`` safe inside XML/HTML text and double- or single-quoted attributes."""
    return html.escape(_NOT_XML.sub("", text), quote=True)


def svg_document(network_map: NetworkMap, *, all_labels: bool = False) -> str:
    """The map as a standalone SVG 1.1 document. ``all_labels`` adds every name, hidden
    until the interactive page is zoomed in (class ``minor``)."""
    width = network_map.width + LEGEND_WIDTH
    legend, legend_height = _legend(network_map)
    height = max(network_map.height, legend_height)
    texts = network_map.texts
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width:g}" '
            f'height="{height:g}" viewBox="0 0 {width:g} {height:g}" '
            f'font-family="{FONT}" lang="{escape(texts.language)}">',
            f"<title>{escape(texts.title)}</title>",
            f"<desc>{escape(texts.subtitle)}</desc>",
            f'<rect width="{width:g}" height="{height:g}" fill="#ffffff"/>',
            '<g id="viewport">',
            _edges(network_map),
            _nodes(network_map),
            _labels(network_map, all_labels=all_labels),
            "</g>",
            legend,
            "</svg>",
            "",
        ]
    )


def _edges(network_map: NetworkMap) -> str:
    at = {node.id: node for node in network_map.nodes}
    lines = ['<g class="edges" fill="none">']
    for edge in network_map.edges:
        a, b = at[edge.a], at[edge.b]
        lines.append(
            f'<line x1="{a.x:g}" y1="{a.y:g}" x2="{b.x:g}" y2="{b.y:g}" '
            f'data-a="{edge.a}" data-b="{edge.b}" {_edge_style(edge)}/>'
        )
    lines.append("</g>")
    return "\n".join(lines)


def _edge_style(edge: MapEdge) -> str:
    if edge.inferred:
        return (
            f'stroke="{EDGE_INFERRED}" stroke-width="0.7" stroke-opacity="0.45" '
            'stroke-dasharray="3 3"'
        )
    return (
        f'stroke="{EDGE_RECORDED}" stroke-width="{0.4 + 0.4 * edge.strength:g}" '
        'stroke-opacity="0.4"'
    )


def _nodes(network_map: NetworkMap) -> str:
    tiers = network_map.texts.tiers
    lines = ['<g class="nodes" stroke="#ffffff" stroke-width="1">']
    for node in network_map.nodes:
        hover = " · ".join(
            part for part in (node.name, node.company, tiers.get(node.tier.value, "")) if part
        )
        lines.append(
            f'<circle class="node" data-id="{node.id}" cx="{node.x:g}" cy="{node.y:g}" '
            f'r="{node.radius:g}" fill="{escape(node.color)}"><title>{escape(hover)}</title>'
            "</circle>"
        )
    lines.append("</g>")
    return "\n".join(lines)


def _labels(network_map: NetworkMap, *, all_labels: bool) -> str:
    lines = [
        '<g class="labels" font-size="11" fill="#1f2a33" stroke="#ffffff" stroke-width="3" '
        'stroke-linejoin="round" paint-order="stroke">'
    ]
    if all_labels:  # hidden until zoomed in: no room needed
        for node in network_map.nodes:
            if not node.labelled:
                lines.append(
                    f'<text x="{node.x + node.radius + 3:g}" y="{node.y + 4:g}" '
                    f'data-id="{node.id}" class="minor">{escape(_short(node.name))}</text>'
                )
    for node, (x, y, anchor) in _label_places(network_map):
        lines.append(
            f'<text x="{x:g}" y="{y:g}" data-id="{node.id}" font-weight="bold"'
            f"{anchor}>{escape(_short(node.name))}</text>"
        )
    lines.append("</g>")
    return "\n".join(lines)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _label_places(network_map: NetworkMap) -> list[tuple[MapNode, tuple[float, float, str]]]:
    """Where each name goes: right of its node, else left, above or below, whichever stays
    on the plot and overlaps no name placed before (the most relevant are placed first);
    the first that stays on the plot when all overlap."""
    taken: list[Box] = []
    placed = []
    for node in sorted(network_map.nodes, key=lambda n: (-n.relevance, n.id)):
        if not node.labelled:
            continue
        width, r = label_width(node.name), node.radius
        right = (node.x + r + 3, node.y + 4, "")
        left = (node.x - r - 3, node.y + 4, ' text-anchor="end"')
        above = (node.x, node.y - r - 3, ' text-anchor="middle"')
        below = (node.x, node.y + r + LABEL_HEIGHT, ' text-anchor="middle"')
        boxes = [
            (option, box)
            for option in (right, left, above, below)
            if _inside(box := _box(option, width), network_map.width, network_map.height)
        ] or [(right, _box(right, width))]
        option, box = next(
            ((o, b) for o, b in boxes if not any(_overlap(b, t) for t in taken)), boxes[0]
        )
        taken.append(box)
        placed.append((node, option))
    return placed


def _box(option: tuple[float, float, str], width: float) -> Box:
    x, y, anchor = option
    left = x - width if "end" in anchor else x - width / 2 if "middle" in anchor else x
    return (left, y - LABEL_HEIGHT + 2, left + width, y + 2)


def _inside(box: Box, width: float, height: float) -> bool:
    return box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _legend(network_map: NetworkMap) -> tuple[str, float]:
    """The legend beside the plot, and how tall it is."""
    texts = network_map.texts
    left = network_map.width + LEGEND_PAD
    out = [
        '<g class="legend" font-size="12" fill="#1f2a33">',
        f'<line x1="{network_map.width:g}" y1="0" x2="{network_map.width:g}" '
        f'y2="{network_map.height:g}" stroke="#e3e7ea"/>',
    ]
    y = LEGEND_PAD + 8

    def text(content: str, *, size: int = 12, bold: bool = False, x: float = left) -> None:
        nonlocal y
        for line in _wrap(content, WRAP if size <= 12 else WRAP * 12 // size):
            weight = ' font-weight="bold"' if bold else ""
            out.append(
                f'<text x="{x:g}" y="{y:g}" font-size="{size}"{weight}>{escape(line)}</text>'
            )
            y += LINE * size / 12

    text(texts.title, size=18, bold=True)
    text(texts.subtitle)
    y += LINE / 2
    text(texts.legend_title, bold=True)
    for entry in network_map.legend:
        out.append(
            f'<circle cx="{left + 7:g}" cy="{y - 4:g}" r="6" fill="{escape(entry.color)}" '
            'stroke="#ffffff"/>'
        )
        text(entry.label, x=left + 20)
    y += LINE / 2
    x = left + 4.0
    for radius in (4, 8, 13):
        out.append(
            f'<circle cx="{x + radius:g}" cy="{y + 4:g}" r="{radius}" fill="none" '
            'stroke="#56708a"/>'
        )
        x += 2 * radius + 8
    y += 32
    text(texts.size_note)
    y += LINE / 2
    text(texts.label_note)
    y += LINE / 2
    for dashed, caption in ((False, texts.recorded_tie), (True, texts.inferred_tie)):
        style = (
            f'stroke="{EDGE_INFERRED}" stroke-dasharray="3 3"'
            if dashed
            else f'stroke="{EDGE_RECORDED}" stroke-width="1.6"'
        )
        out.append(
            f'<line x1="{left:g}" y1="{y - 4:g}" x2="{left + 14:g}" y2="{y - 4:g}" {style}/>'
        )
        text(caption, x=left + 20)
    out.append("</g>")
    return "\n".join(out), y + LEGEND_PAD


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def png_bytes(network_map: NetworkMap) -> bytes:
    """The SVG rasterised by resvg (a Rust renderer, no system libraries), at PNG_ZOOM."""
    try:
        import resvg_py  # only for PNG: a native extension, loaded when asked for
    except ImportError as exc:
        raise EinhornError(
            N_("PNG output needs the resvg-py package (pip install resvg-py).")
        ) from exc
    try:
        return bytes(
            resvg_py.svg_to_bytes(
                svg_string=svg_document(network_map),
                zoom=PNG_ZOOM,
                background="#ffffff",
                sans_serif_family="DejaVu Sans",
            )
        )
    except ValueError as exc:
        raise EinhornError(N_("The PNG could not be drawn: {reason}"), reason=str(exc)) from exc


def html_document(network_map: NetworkMap) -> str:
    """One self-contained page: the SVG inline, d3 inline, the people's details as JSON."""
    texts = network_map.texts
    data = {
        "people": [_person(node, network_map) for node in network_map.nodes],
        "edges": [[edge.a, edge.b] for edge in network_map.edges],
        "captions": texts.captions,
        "yes": texts.yes,
    }
    svg = svg_document(network_map, all_labels=True).split("\n", 1)[1]  # no XML declaration
    return _PAGE.format(
        language=escape(texts.language),
        title=escape(texts.title),
        hint=escape(texts.zoom_hint),
        svg=svg,
        data=_script_json(data),
        d3=_asset("d3.min.js"),
        script=_SCRIPT,
    )


def _person(node: MapNode, network_map: NetworkMap) -> dict[str, object]:
    texts = network_map.texts
    return {
        "id": node.id,
        "name": node.name,
        "company": node.company,
        "position": node.position,
        "city": node.city,
        "tier": texts.tiers.get(node.tier.value, node.tier.value),
        "cluster": "" if node.cluster is None else texts.cluster.format(number=node.cluster + 1),
        "ties": node.ties,
        "broker": node.broker,
    }


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def _asset(name: str) -> str:
    return resources.files("einhorn.interchange").joinpath("assets", name).read_text("utf-8")


_PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html, body {{ margin: 0; height: 100%; font-family: "DejaVu Sans", Verdana, sans-serif; }}
#map {{ width: 100vw; height: 100vh; }}
#map > svg {{ width: 100%; height: 100%; display: block; cursor: grab; }}
#map > svg:active {{ cursor: grabbing; }}
circle.node {{ cursor: pointer; }}
text.minor {{ display: none; pointer-events: none; }}
.zoomed text.minor {{ display: inline; }}
.dim circle.node:not(.near), .dim #viewport text:not(.near) {{ opacity: 0.15; }}
.dim #viewport line:not(.near) {{ stroke-opacity: 0.05; }}
.dim #viewport text.near {{ display: inline; }}
circle.node.chosen {{ stroke: #1f2a33; stroke-width: 2.5; }}
#hint {{ position: fixed; left: 12px; bottom: 8px; color: #6b7780; font-size: 12px; }}
#tip {{ position: fixed; pointer-events: none; background: #1f2a33; color: #fff;
  padding: 4px 8px; border-radius: 4px; font-size: 12px; max-width: 320px; }}
#details {{ position: fixed; left: 12px; top: 12px; max-width: 340px; max-height: 80vh;
  overflow: auto; background: #fff; border: 1px solid #d5dbe0; border-radius: 6px;
  box-shadow: 0 2px 10px rgba(0,0,0,.15); padding: 10px 14px; font-size: 13px; }}
#details h2 {{ font-size: 16px; margin: 0 0 6px; }}
#details dt {{ color: #6b7780; margin-top: 4px; }}
#details dd {{ margin: 0; }}
#details button {{ float: right; border: 0; background: none; font-size: 18px; cursor: pointer; }}
</style>
</head>
<body>
<div id="map">
{svg}
</div>
<div id="tip" hidden></div>
<aside id="details" hidden></aside>
<div id="hint">{hint}</div>
<script type="application/json" id="einhorn-map-data">{data}</script>
<script>
{d3}
</script>
<script>
{script}
</script>
</body>
</html>
"""

# Names and companies are put in with textContent only, never as HTML.
_SCRIPT = """(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("einhorn-map-data").textContent);
  var people = new Map(data.people.map(function (p) { return [String(p.id), p]; }));
  var near = new Map();
  data.edges.forEach(function (e) {
    var a = String(e[0]), b = String(e[1]);
    if (!near.has(a)) near.set(a, []);
    if (!near.has(b)) near.set(b, []);
    near.get(a).push(b);
    near.get(b).push(a);
  });
  var svg = d3.select("#map > svg");
  var viewport = svg.select("#viewport");
  svg.selectAll("circle.node title").remove();
  var zoom = d3.zoom().scaleExtent([0.3, 16]).on("zoom", function (event) {
    viewport.attr("transform", event.transform);
    document.body.classList.toggle("zoomed", event.transform.k >= 2);
  });
  svg.call(zoom).on("dblclick.zoom", null);
  var tip = document.getElementById("tip");
  var details = document.getElementById("details");
  function line(p) {
    return [p.name, p.company, p.tier].filter(Boolean).join(" · ");
  }
  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function clear() {
    details.hidden = true;
    svg.classed("dim", false);
    svg.selectAll(".near").classed("near", false);
    svg.selectAll(".chosen").classed("chosen", false);
  }
  function show(id) {
    var p = people.get(id);
    if (!p) return;
    var friends = near.get(id) || [];
    var close = el("button", "×");
    close.setAttribute("aria-label", "close");
    close.onclick = clear;
    var list = el("dl");
    var fields = [["company", p.company], ["position", p.position], ["city", p.city],
      ["tier", p.tier], ["cluster", p.cluster], ["ties", String(p.ties)],
      ["broker", p.broker ? data.yes : ""]];
    fields.forEach(function (f) {
      if (!f[1]) return;
      list.appendChild(el("dt", data.captions[f[0]]));
      list.appendChild(el("dd", f[1]));
    });
    if (friends.length) {
      var names = friends.map(function (f) { return people.get(f).name; }).sort();
      list.appendChild(el("dt", data.captions.knows));
      list.appendChild(el("dd", names.join(", ")));
    }
    details.replaceChildren(close, el("h2", p.name), list);
    details.hidden = false;
    var mark = new Set(friends.concat([id]));
    svg.classed("dim", true);
    svg.selectAll("circle.node, text[data-id]").classed("near", function () {
      return mark.has(this.getAttribute("data-id"));
    });
    svg.selectAll("line[data-a]").classed("near", function () {
      return this.getAttribute("data-a") === id || this.getAttribute("data-b") === id;
    });
    svg.selectAll("circle.node").classed("chosen", function () {
      return this.getAttribute("data-id") === id;
    });
  }
  svg.selectAll("circle.node")
    .on("mouseover", function (event) {
      var p = people.get(this.getAttribute("data-id"));
      if (!p) return;
      tip.textContent = line(p);
      tip.hidden = false;
    })
    .on("mousemove", function (event) {
      tip.style.left = event.clientX + 12 + "px";
      tip.style.top = event.clientY + 12 + "px";
    })
    .on("mouseout", function () { tip.hidden = true; })
    .on("click", function (event) {
      event.stopPropagation();
      show(this.getAttribute("data-id"));
    });
  svg.on("click", clear);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") clear();
  });
})();
"""
