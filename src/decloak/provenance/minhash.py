"""MinHash fingerprints of comparison keys: shingles, signatures, LSH band keys, anchors.

Everything an index or a dedup run stores about a document is computed here,
from one frozen :class:`FingerprintConfig`.  The config is written into every
index and compared on every open, because signatures made with other settings
(shingle size, permutations, seed, banding) or another MinHash algorithm are not
comparable: mixing them would silently return wrong matches.

Signatures come from ``rensa``'s R-MinHash (Rust, ~25,000 docs/s on one core;
datasketch, ~1,900 docs/s, is kept as a cross-check in the tests).  Shingles are
hashed once to 64 bits (``RMinHash.hash_token_sets``, a fixed FxHash, the same in
every process); the hashes make the signature, and their high 32 bits, the
*shingle ids*, serve twice more: as the sets on which Jaccard similarity and
containment are computed exactly, and as the containment *anchors*: the ids
whose top ``anchor_bits`` bits are zero (1 in 8 by default).  Because the choice
depends on the shingle alone, a copied passage selects the same anchors in the
copy and in the source, whatever else surrounds it; that is what lets an excerpt
find its source when its Jaccard similarity is too low for LSH bands.
"""

from __future__ import annotations

import array
import functools
import itertools
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields

from .._tables import UNICODE_VERSION
from ..errors import UsageError
from .key import KEY_VERSION, key_words

__all__ = [
    "Fingerprint",
    "FingerprintConfig",
    "containment",
    "estimate",
    "fingerprint",
    "fingerprints",
    "jaccard",
    "minhash_version",
    "shingle_hashes",
    "shingle_ids",
    "shingles",
]


def minhash_version() -> str:
    """The signature algorithm of the installed rensa (signatures change with it)."""
    from rensa import RMinHash

    return f"rensa-rminhash/{RMinHash.ALGORITHM_VERSION}"


@dataclass(frozen=True, slots=True)
class FingerprintConfig:
    """Every setting that decides a fingerprint; stored in the index, compared on open.

    Defaults: 5-word shingles and 128 permutations (the FineWeb setting) cut into
    16 bands of 8 rows.  A band collides for a pair with probability ``J**8``, so
    a pair is a candidate with probability ``1 - (1 - J**8)**16``: 0.9996 at
    J = 0.8, 0.61 at J = 0.7, 0.24 at J = 0.6, 0.003 at J = 0.3.  That suits
    near-duplicate detection (dedup at 0.8).  Excerpts (a 60% excerpt has
    J ≈ 0.6) are found by the anchors instead; see the module docstring.
    """

    shingle_size: int = 5
    num_perm: int = 128
    bands: int = 16
    rows: int = 8
    seed: int = 1
    anchor_bits: int = 3
    key: int = KEY_VERSION
    unicode: str = UNICODE_VERSION
    minhash: str = field(default_factory=minhash_version)

    def __post_init__(self) -> None:
        for name in ("shingle_size", "num_perm", "bands", "rows"):
            if getattr(self, name) < 1:
                raise UsageError(f"{name.replace('_', '-')} must be at least 1")
        if self.bands * self.rows > self.num_perm:
            raise UsageError(
                f"bands x rows ({self.bands} x {self.rows}) exceeds num-perm ({self.num_perm})"
            )
        if not 0 <= self.anchor_bits <= 16:
            raise UsageError("anchor-bits must be between 0 and 16")
        if not 0 <= self.seed < 2**63:
            raise UsageError("seed must be between 0 and 2**63 - 1")

    # -- (de)serialisation --------------------------------------------------------------

    def to_dict(self) -> dict[str, int | str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> FingerprintConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fingerprint settings: {', '.join(unknown)}")
        return cls(**data)  # type: ignore[arg-type]

    def describe(self, names: Iterable[str] | None = None) -> str:
        """``shingle_size=5 num_perm=128 ...`` (only ``names`` when given)."""
        d = self.to_dict()
        return " ".join(f"{k}={d[k]}" for k in (names or d))

    def differences(self, other: FingerprintConfig) -> list[str]:
        """Names of the settings that differ."""
        a, b = self.to_dict(), other.to_dict()
        return [k for k in a if a[k] != b[k]]

    def with_changes(self, **changes: int | None) -> FingerprintConfig:
        """A copy with the given (non-None) settings replaced."""
        d = self.to_dict()
        d.update({k: v for k, v in changes.items() if v is not None})
        return FingerprintConfig.from_dict(d)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What is computed and stored about one document.

    ``ids`` are the distinct 32-bit *shingle ids* of the key, in no order (exact
    verification: Jaccard similarity and containment are computed on these
    sets); ``signature`` the MinHash; ``buckets`` one 63-bit key per LSH band;
    ``anchors`` the shingle ids sampled for containment search.  A document whose
    key has no words gets empty everything: it matches nothing (an empty set
    would otherwise collide with every other empty document).
    """

    key: str
    ids: tuple[int, ...]
    signature: tuple[int, ...]
    buckets: tuple[int, ...]
    anchors: tuple[int, ...]
    packed: bytes = b""
    """The signature as stored: ``num_perm`` little-endian uint32."""

    @property
    def empty(self) -> bool:
        return not self.ids

    @property
    def hashes(self) -> frozenset[int]:
        """The shingle ids as a set (built on each call: keep it if you need it twice)."""
        return frozenset(self.ids)

    def packed_ids(self) -> bytes:
        """The shingle ids as stored: little-endian uint32."""
        return pack_u32(self.ids)


def shingles(words: Sequence[str], size: int) -> list[str]:
    """Word ``size``-grams; a text shorter than ``size`` words is one shingle of all of them."""
    if len(words) <= size:
        return [" ".join(words)] if words else []
    if size == 1:
        return list(words)
    return list(map(" ".join, zip(*(words[i:] for i in range(size)), strict=False)))


def shingle_hashes(word_lists: Sequence[Sequence[str]], size: int) -> list[list[int]]:
    """64-bit shingle hashes (rensa's FxHash, the input of the signatures), one list per document."""
    from rensa import RMinHash

    hashed: list[list[int]] = RMinHash.hash_token_sets([shingles(w, size) for w in word_lists])
    return hashed


def shingle_ids(hashes: Sequence[int] | array.array[int]) -> set[int]:
    """The distinct 32-bit shingle ids of 64-bit shingle hashes: their high halves.

    32 bits keep verification exact in practice (two unrelated 300-shingle sets
    share a false id with probability 300 * 300 / 2**32, about 2e-5) at half the
    storage of 64-bit hashes.  High bits, because FxHash mixes them best.  The
    halves are split by reinterpreting the buffer, not by shifting each int.
    """
    flat = hashes if isinstance(hashes, array.array) else array.array("Q", hashes)
    halves = array.array("I", flat.tobytes())
    return set(halves[1::2] if sys.byteorder == "little" else halves[0::2])


def pack_u32(values: Iterable[int]) -> bytes:
    a = array.array("I", values)
    if sys.byteorder == "big":  # pragma: no cover - stored little-endian everywhere
        a.byteswap()
    return a.tobytes()


def unpack_u32(data: bytes) -> array.array[int]:
    a = array.array("I")
    a.frombytes(data)
    if sys.byteorder == "big":  # pragma: no cover
        a.byteswap()
    return a


pack_signature = pack_u32


def unpack_signature(data: bytes) -> tuple[int, ...]:
    return tuple(unpack_u32(data))


def band_buckets(
    sig: Sequence[int], config: FingerprintConfig, packed: bytes | None = None
) -> tuple[int, ...]:
    """One 63-bit key per band: the hash of (band number, the band's rows).

    The band number is part of the key so that equal values in different bands
    do not collide; 63 bits fit SQLite's signed integers.  Hashed by rensa (one
    call for all bands), whose algorithm version is part of the settings anyway.
    """
    from rensa import RMinHash

    packed = packed or pack_signature(sig)
    width = config.rows * 4
    chunks = list(map(bytes.__add__, _band_numbers(config.bands), _slices(packed, width)))
    return tuple(h >> 1 for h in RMinHash.hash_token_sets([chunks])[0])


@functools.lru_cache(maxsize=8)
def _band_numbers(bands: int) -> tuple[bytes, ...]:
    """Each band's number as the two bytes that start its key."""
    return tuple(b.to_bytes(2, "little") for b in range(bands))


def _slices(data: bytes, width: int) -> Iterator[bytes]:
    return map(data.__getitem__, itertools.starmap(slice, _bounds(len(data), width)))


@functools.lru_cache(maxsize=8)
def _bounds(size: int, width: int) -> tuple[tuple[int, int], ...]:
    return tuple((a, a + width) for a in range(0, size - width + 1, width))


def anchors_of(ids: Iterable[int], config: FingerprintConfig) -> tuple[int, ...]:
    """The sampled shingle ids, ascending: those with their top ``anchor_bits`` bits zero."""
    limit = 1 << (32 - config.anchor_bits)
    return tuple(sorted(filter(limit.__gt__, ids)))


def fingerprints(texts: Sequence[str], config: FingerprintConfig) -> list[Fingerprint]:
    """Fingerprints of many texts.

    One document at a time on purpose: measured, batching the rensa calls is
    slower per document (larger intermediate lists fall out of the CPU caches).
    """
    return [fingerprint_words(key_words(t), config) for t in texts]


def fingerprint_words(words: Sequence[str], config: FingerprintConfig) -> Fingerprint:
    """The fingerprint of a document given the words of its comparison key."""
    from rensa import RMinHash

    key = " ".join(words)
    grams = shingles(words, config.shingle_size)
    if not grams:
        return Fingerprint(key, (), (), (), ())
    # one buffer of the hashes serves the signature and the ids
    flat = array.array("Q", RMinHash.hash_token_sets([grams])[0])
    sig = tuple(
        RMinHash.digest_matrix_from_flat_token_hashes(
            flat, array.array("Q", (0, len(flat))), config.num_perm, config.seed
        ).to_rows()[0]
    )
    packed = pack_signature(sig)
    ids = shingle_ids(flat)
    buckets = band_buckets(sig, config, packed)
    return Fingerprint(key, tuple(ids), sig, buckets, anchors_of(ids, config), packed)


def signatures(hash_lists: Sequence[Sequence[int]], config: FingerprintConfig) -> list[list[int]]:
    """MinHash signatures of non-empty shingle-hash lists, in one call into rensa.

    The flat-buffer entry point: the list-of-lists one costs about 0.25 ms more
    per call, which would dominate single-query latency.
    """
    from rensa import RMinHash

    if not hash_lists:
        return []
    flat = array.array("Q", itertools.chain.from_iterable(hash_lists))
    offsets = array.array("Q", itertools.accumulate(map(len, hash_lists), initial=0))
    rows: list[list[int]] = RMinHash.digest_matrix_from_flat_token_hashes(
        flat, offsets, config.num_perm, config.seed
    ).to_rows()
    return rows


def fingerprint(text: str, config: FingerprintConfig) -> Fingerprint:
    return fingerprint_words(key_words(text), config)


def jaccard(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """Exact Jaccard similarity of two shingle-hash sets (0 when both are empty)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(query: frozenset[int] | set[int], source: frozenset[int] | set[int]) -> float:
    """Share of the query's shingles found in the source: ``|Q ∩ S| / |Q|``."""
    if not query:
        return 0.0
    return len(query & source) / len(query)


def estimate(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """MinHash estimate of Jaccard: the share of equal signature slots."""
    if not sig_a or len(sig_a) != len(sig_b):
        return 0.0
    return sum(1 for x, y in zip(sig_a, sig_b, strict=True) if x == y) / len(sig_a)
