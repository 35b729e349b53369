"""The candidate index agrees with the exhaustive scan; the compiled cache is reused and invalidated safely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cache import cache_path, load_brain
from bot.catalog import CatalogError, load_catalog
from bot.search import Index

FIXTURES = Path(__file__).parent / "fixtures"


def top(matches):
    return (
        (matches[0].film.id if matches[0].film else matches[0].person, round(matches[0].score, 6))
        if matches
        else None
    )


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(load_catalog())


def queries(catalog) -> list[str]:
    """Every name in the catalogue, mangled in the ways people mangle them."""
    out = []
    for film in catalog:
        for name in (*film.names, *(d.name for d in film.directors), *film.cast):
            out += [
                name,
                name.lower()[:-1],
                name[: max(3, len(name) // 2)],
                name.replace("o", "0", 1),
                f"{name} {film.year}",
            ]
    return [*out, "the", "film", "qwertyuiop", "Pulp Fiction", "Солярис", "20 days without war", "kinoeye"]


def test_candidates_give_the_same_top_answer_as_scoring_everything(index: Index):
    texts = queries(index.catalog)
    differ = [t for t in texts if top(index.search(t)) != top(index.search(t, exhaustive=True))]
    assert differ == []


def copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "films.yaml"
    shutil.copy(FIXTURES / "valid.yaml", target)
    return target


def test_cache_is_written_then_reused(tmp_path):
    path = copy_catalogue(tmp_path)
    first = load_brain(path)
    assert cache_path(path).is_file()
    second = load_brain(path)
    assert [f.id for f in second.catalog] == [f.id for f in first.catalog] == ["first-film", "second-film"]
    assert second.index.search("first film")[0].film.id == "first-film"  # type: ignore[union-attr]


def test_a_changed_catalogue_invalidates_the_cache(tmp_path):
    path = copy_catalogue(tmp_path)
    load_brain(path)
    path.write_text(path.read_text(encoding="utf-8").replace("First Film", "Renamed Film"), encoding="utf-8")
    assert load_brain(path).catalog.by_id["first-film"].title == "Renamed Film"


def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path):
    path = copy_catalogue(tmp_path)
    cache_path(path).write_bytes(b"not a pickle at all")
    assert len(load_brain(path).catalog) == 2
    assert load_brain(path).catalog.by_id["second-film"].made == 1960


def test_a_broken_catalogue_is_never_served_from_an_old_cache(tmp_path):
    path = copy_catalogue(tmp_path)
    load_brain(path)
    path.write_text(path.read_text(encoding="utf-8").replace("year: 1950", "year: 1850"), encoding="utf-8")
    with pytest.raises(CatalogError, match="1850"):
        load_brain(path)


def test_a_read_only_folder_still_loads(tmp_path, monkeypatch):
    path = copy_catalogue(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert len(load_brain(path).catalog) == 2
    assert not cache_path(path).exists()
