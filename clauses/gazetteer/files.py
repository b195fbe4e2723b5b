"""Reading the gazetteer fixture files (``fixtures/gazetteers/*.json``), with China's divisions."""

from __future__ import annotations

import json
from pathlib import Path

from clauses.parsing.lexicon import GazetteerData

from . import dictionary
from .region_entries import national_regions

FILES = ("regions", "industries", "departments")


class GazetteerFileError(ValueError):
    """A gazetteer file that cannot be read; the message names the file and entry."""


def read_gazetteer_files(directory: Path) -> GazetteerData:
    """The files' entries; the regions are every division of China merged with ``regions.json``'s."""
    data = {}
    for name in FILES:
        path = Path(directory) / f"{name}.json"
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise GazetteerFileError(f"{path}: missing") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise GazetteerFileError(f"{path}: not valid UTF-8 JSON ({error})") from None
        if not isinstance(entries, list):
            raise GazetteerFileError(f"{path}: expected a list of entries")
        for position, entry in enumerate(entries):
            if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
                raise GazetteerFileError(f"{path}: entry {position} has no name")
        data[name] = entries
    regions = national_regions(data["regions"])
    return GazetteerData(departments=data["departments"], regions=regions, industries=data["industries"],
                         **dictionary.LANGUAGE)
