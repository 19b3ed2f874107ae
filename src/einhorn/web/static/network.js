// The network page's interactive map: fetches the map data (the page names the address)
// and draws it with d3 (served from einhorn itself, /network/d3.min.js). Zoom and drag;
// pointing at or focusing a person shows their name and highlights whom they know; a click
// opens their page. Names are put in as text only, never as markup. Without JavaScript (or
// when drawing fails) the page shows the server-drawn SVG instead.
(function () {
  "use strict";
  var frame = document.getElementById("network-map");
  if (!frame) return;
  var tip = document.getElementById("map-tip");
  var hint = document.getElementById("map-hint");
  var legend = document.getElementById("map-legend");
  var LABEL_CHARS = 28;

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function picture() {
    var image = element("img");
    image.src = frame.dataset.svg;
    image.alt = frame.dataset.alt;
    frame.replaceChildren(element("p", frame.dataset.failed), image);
  }

  if (typeof window.d3 === "undefined" || !window.fetch) {
    picture();
    return;
  }
  var d3 = window.d3;
  frame.replaceChildren(element("p", frame.dataset.loading));

  function short(name) {
    return name.length <= LABEL_CHARS ? name : name.slice(0, LABEL_CHARS - 1).trimEnd() + "…";
  }

  function about(person) {
    return [person.name, person.company, person.tier_name].filter(Boolean).join(" · ");
  }

  function drawLegend(data) {
    var items = data.legend.map(function (entry) {
      var item = element("li");
      var swatch = element("span");
      swatch.className = "swatch";
      swatch.style.background = entry.color;
      item.append(swatch, document.createTextNode(entry.label));
      return item;
    });
    var title = element("li", data.texts.legend_title);
    title.className = "legend-title";
    legend.replaceChildren.apply(legend, [title].concat(items));
    legend.hidden = false;
  }

  function draw(data) {
    var people = new Map(data.people.map(function (p) { return [p.id, p]; }));
    var near = new Map();
    data.edges.forEach(function (e) {
      if (!near.has(e.a)) near.set(e.a, new Set());
      if (!near.has(e.b)) near.set(e.b, new Set());
      near.get(e.a).add(e.b);
      near.get(e.b).add(e.a);
    });
    var svg = d3.create("svg")
      .attr("viewBox", "0 0 " + data.width + " " + data.height)
      .attr("role", "group")
      .attr("aria-label", frame.dataset.alt);
    var viewport = svg.append("g");
    var ties = viewport.append("g").attr("class", "ties").selectAll("line")
      .data(data.edges).join("line")
      .attr("x1", function (e) { return people.get(e.a).x; })
      .attr("y1", function (e) { return people.get(e.a).y; })
      .attr("x2", function (e) { return people.get(e.b).x; })
      .attr("y2", function (e) { return people.get(e.b).y; })
      .attr("class", function (e) { return e.inferred ? "inferred" : "recorded"; })
      .attr("stroke-width", function (e) { return e.inferred ? 0.7 : 0.4 + 0.4 * e.strength; });
    var nodes = viewport.append("g").attr("class", "people").selectAll("a")
      .data(data.people).join("a")
      .attr("href", function (p) { return "/contacts/" + p.id; })
      .attr("aria-label", about)
      // The named (unicorns, brokers) are reached with Tab; the rest by pointer or the lists.
      .attr("tabindex", function (p) { return p.labelled ? null : -1; });
    nodes.append("circle")
      .attr("cx", function (p) { return p.x; })
      .attr("cy", function (p) { return p.y; })
      .attr("r", function (p) { return p.radius; })
      .attr("fill", function (p) { return p.color; });
    var labels = viewport.append("g").attr("class", "labels").selectAll("text")
      .data(data.people).join("text")
      .attr("x", function (p) { return p.x + p.radius + 3; })
      .attr("y", function (p) { return p.y + 4; })
      .attr("class", function (p) { return p.labelled ? "named" : "minor"; })
      .text(function (p) { return short(p.name); });

    function highlight(person) {
      var mark = near.get(person.id) || new Set();
      function close(p) { return p.id === person.id || mark.has(p.id); }
      svg.classed("dim", true);
      nodes.classed("near", close);
      labels.classed("near", close);
      ties.classed("near", function (e) { return e.a === person.id || e.b === person.id; });
    }

    function place(event) {
      var x = event.clientX, y = event.clientY;
      if (x === undefined) {  // focus from the keyboard: beside the circle
        var box = event.currentTarget.getBoundingClientRect();
        x = box.right;
        y = box.bottom;
      }
      tip.style.left = x + 12 + "px";
      tip.style.top = y + 12 + "px";
    }

    function show(event, person) {
      tip.textContent = about(person);
      tip.hidden = false;
      place(event);
      highlight(person);
    }

    function hide() {
      tip.hidden = true;
      svg.classed("dim", false);
    }

    nodes.on("mouseenter focus", show).on("mousemove", place).on("mouseleave blur", hide);
    var zoom = d3.zoom().scaleExtent([0.3, 16]).on("zoom", function (event) {
      viewport.attr("transform", event.transform);
      svg.classed("zoomed", event.transform.k >= 2);
      hide();
    });
    svg.call(zoom).on("dblclick.zoom", null);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
    });
    frame.replaceChildren(svg.node());
    drawLegend(data);
    hint.hidden = false;
  }

  fetch(frame.dataset.map, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(draw)
    .catch(picture);
})();
