"""Write malibook/analysis/west-africa-110m.geojson, the map's outline, from npm's world-atlas
(Natural Earth 1:110m countries, public domain), which `npm ci` installs under node_modules/.

    .venv/bin/python scripts/make_map_outline.py

Run it after changing MAP_COUNTRIES or the pinned world-atlas; tests/test_charts.py checks that the
committed file is what this script writes.
"""
import argparse
import json
import pathlib
import sys

from malibook.analysis.maps import MAP_COUNTRIES, OUTLINE_PATH

TOPOLOGY = pathlib.Path(__file__).resolve().parent.parent / "node_modules" / "world-atlas" / "countries-110m.json"
COORDINATE_DECIMALS = 3  # about 100 m, far finer than a 1:110m outline


def outline_from_topojson(topology: dict, names: list[str] = MAP_COUNTRIES) -> dict:
    """The named countries of a world-atlas TopoJSON topology, as a GeoJSON FeatureCollection.

    TopoJSON stores shared borders once as quantized, delta-encoded arcs; a polygon ring lists the
    arcs it follows (a negative index ~i means arc i reversed)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale[0] + translate[0], COORDINATE_DECIMALS),
                           round(y * scale[1] + translate[1], COORDINATE_DECIMALS)])
        arcs.append(points)

    def ring(indices):
        points = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])  # consecutive arcs share their end point
        return points

    by_name = {geometry["properties"]["name"]: geometry for geometry in topology["objects"]["countries"]["geometries"]}
    missing = [name for name in names if name not in by_name]
    if missing:
        raise ValueError(f"countries not in the topology: {missing}")
    features = []
    for name in names:
        geometry = by_name[name]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        features.append({"type": "Feature", "properties": {"name": name},
                         "geometry": {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in polygons]}})
    return {"type": "FeatureCollection", "features": features}


def outline_text(topology_path: pathlib.Path = TOPOLOGY) -> str:
    outline = outline_from_topojson(json.loads(topology_path.read_text(encoding="utf-8")))
    return json.dumps(outline, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    if not TOPOLOGY.exists():
        sys.exit(f"{TOPOLOGY} is missing: run `npm ci` first")
    OUTLINE_PATH.write_text(outline_text(), encoding="utf-8")
    print(f"wrote {OUTLINE_PATH} ({OUTLINE_PATH.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
