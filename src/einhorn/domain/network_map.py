"""What a network map shows, as plain data: people placed on a canvas, their ties, a legend.

``insight.layout`` places the people (pure), ``interchange.network_map`` draws the result as
SVG, PNG or HTML (a file format, which must not reach into ``insight``); this module is the
data both share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier

# A name on the map is cut after this many characters; about LABEL_CHAR_WIDTH pixels each
# (11 px bold sans-serif): what the layout reserves and the drawing avoids overlapping.
LABEL_CHARS = 28
LABEL_CHAR_WIDTH = 7.0
LABEL_HEIGHT = 12.0


def label_width(name: str) -> float:
    return min(len(name), LABEL_CHARS) * LABEL_CHAR_WIDTH


class MapColor(StrEnum):
    """What a node's colour tells: its tier, or the cluster (community) it belongs to."""

    TIER = "tier"
    CLUSTER = "cluster"


class MapFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class MapNode:
    """One person on the canvas; ``x``, ``y`` and ``radius`` in pixels of the plot area."""

    id: ContactId
    name: str
    x: float
    y: float
    radius: float
    color: str  # "#rrggbb"
    labelled: bool  # unicorns and brokers carry their name on the map
    tier: Tier
    cluster: int | None  # 0 is the largest cluster; None: no ties on the map
    broker: bool
    relevance: float
    ties: int
    company: str = ""
    position: str = ""
    city: str = ""


@dataclass(frozen=True, slots=True)
class MapEdge:
    a: ContactId
    b: ContactId
    strength: int  # 1 weak … 3 strong
    inferred: bool  # same company, group or event: a guess, drawn dashed


@dataclass(frozen=True, slots=True)
class LegendEntry:
    color: str
    label: str  # in the user's language


@dataclass(frozen=True, slots=True)
class MapTexts:
    """Everything a reader of the map sees, already in the user's language."""

    language: str
    title: str
    subtitle: str
    legend_title: str
    size_note: str
    label_note: str
    recorded_tie: str
    inferred_tie: str
    zoom_hint: str
    # field name → its caption in the details of the interactive map
    captions: dict[str, str] = field(default_factory=dict)
    tiers: dict[str, str] = field(default_factory=dict)  # Tier value → translated name
    yes: str = "yes"
    cluster: str = "Cluster {number}"


@dataclass(frozen=True, slots=True)
class NetworkMap:
    """A drawable map: the plot area is ``width`` × ``height`` pixels, the legend beside it."""

    width: float
    height: float
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    legend: tuple[LegendEntry, ...]
    texts: MapTexts
