"""Write malibook/analysis/west-africa-110m.geojson, the map's outline, from npm's world-atlas
(Natural Earth 1:110m countries, public domain), which `npm ci` installs under node_modules/.

    .venv/bin/python scripts/make_map_outline.py

Run it after changing MAP_COUNTRIES or the pinned world-atlas; tests/test_maps.py checks that the
committed file is what this script writes.
"""
import json
import pathlib
import sys

from malibook.analysis.maps import OUTLINE_PATH, outline_from_topojson

TOPOLOGY = pathlib.Path(__file__).resolve().parent.parent / "node_modules" / "world-atlas" / "countries-110m.json"


def outline_text(topology_path: pathlib.Path = TOPOLOGY) -> str:
    outline = outline_from_topojson(json.loads(topology_path.read_text(encoding="utf-8")))
    return json.dumps(outline, ensure_ascii=False, separators=(",", ":")) + "\n"


if __name__ == "__main__":
    if not TOPOLOGY.exists():
        sys.exit(f"{TOPOLOGY} is missing: run `npm ci` first")
    OUTLINE_PATH.write_text(outline_text(), encoding="utf-8")
    print(f"wrote {OUTLINE_PATH} ({OUTLINE_PATH.stat().st_size} bytes)")
