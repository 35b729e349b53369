"""A compiled cache of the catalogue and its search index, kept beside the catalogue.

Building the index of a large catalogue (every name transliterated under
several schemes) takes much longer than reading a pickle of it, so the
first load writes `<catalogue>.cache.pickle` and later loads reuse it while
the catalogue file and this package's code are unchanged. A cache that is
stale, unreadable or from other code is ignored and rebuilt; it is written
to a temporary file and renamed, so a crash never leaves half a cache.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .brain import Brain
from .catalog import DEFAULT_PATH, load_catalog
from .search import Index

log = logging.getLogger(__name__)
LARGE = 2_000  # films above which the first load says what it is doing
_CODE = [Path(__file__).with_name(n) for n in ("catalog.py", "text.py", "search.py", "cache.py")]


def cache_path(catalog: Path) -> Path:
    return catalog.with_name(catalog.name + ".cache.pickle")


def _fingerprint(catalog: Path) -> str:
    """Changes whenever the catalogue's bytes or the indexing code change."""
    digest = hashlib.sha256()
    for path in (catalog, *_CODE):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def load_brain(path: Path | None = None, use_cache: bool = True) -> Brain:
    """The catalogue at `path` (default: the bundled one) with its index, from the cache when fresh.

    Raises CatalogError for a bad catalogue, exactly as `load_catalog` does.
    """
    path = Path(path) if path is not None else DEFAULT_PATH
    if not use_cache or not path.is_file():
        return Brain(load_catalog(path))
    fingerprint = _fingerprint(path)
    cached = cache_path(path)
    try:
        with cached.open("rb") as handle, _collector_paused():
            stored_fingerprint, index = pickle.load(handle)  # our own file, fingerprinted above
        if stored_fingerprint == fingerprint and isinstance(index, Index):
            gc.freeze()  # the index lives as long as the process: keep the collector from rescanning it
            return Brain(index.catalog, index)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign cache is only a lost shortcut
        log.warning("ignoring the catalogue cache %s: %s", cached, exc)
    started = time.perf_counter()
    catalog = load_catalog(path)
    if len(catalog) > LARGE:
        print(
            f"Indexing {len(catalog):,} films (first load; cached for next time)...",
            file=sys.stderr,
            flush=True,
        )
    with _collector_paused():
        index = Index(catalog)
    gc.freeze()
    _write(cached, (fingerprint, index))
    if len(catalog) > LARGE:
        print(
            f"Indexed in {time.perf_counter() - started:.1f} s; cache: {cached}", file=sys.stderr, flush=True
        )
    return Brain(catalog, index)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a million objects are made.

    Each allocation burst would otherwise trigger collections that rescan
    everything made so far: unpickling a 100,000-film index took 5 s with
    the collector on and 1.5 s with it off. None of these objects form cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _write(target: Path, value: object) -> None:
    try:
        fd, temporary = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    except OSError as exc:  # a read-only folder: run without a cache
        log.warning("could not write the catalogue cache %s: %s", target, exc)
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except OSError as exc:
        log.warning("could not write the catalogue cache %s: %s", target, exc)
        Path(temporary).unlink(missing_ok=True)
