"""Python steps for other pipelines: datasets.map, a datatrove-style step; and progress output."""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from _corpus_builders import ATTACK, docs

from decloak.corpus import ALL_KINDS, Progress, ShardStats
from decloak.corpus.datatrove import DATATROVE, DecloakFilter
from decloak.corpus.hf import clean_batch, features_for, make_cleaner
from decloak.errors import UsageError

FIXED = ATTACK.replace("а", "a")


# --- datasets ----------------------------------------------------------------------------


def small_dataset() -> Any:
    datasets = pytest.importorskip("datasets")
    rows = docs(24)
    # the first batch (8 rows) holds no finding at all: the case that needs `features=`
    clean_rows = [r for r in rows if r["text"].startswith(("The quick", "plain", "Привет"))]
    other = [r for r in rows if r not in clean_rows]
    ordered = clean_rows[:8] + other + clean_rows[8:]
    return datasets.Dataset.from_list(ordered), ordered


def test_datasets_map_fix() -> None:
    ds, rows = small_dataset()
    out = ds.map(clean_batch, batched=True, batch_size=8, features=features_for(ds.features))
    assert out.num_rows == len(rows)
    assert out["id"] == [r["id"] for r in rows]
    by_id = {r["id"]: r for r in out}
    assert by_id["d-1"]["text"] == FIXED + " #1"
    assert by_id["d-1"]["decloak_kinds"] == ["homoglyph"]
    assert by_id["d-1"]["decloak_counts"] == {k: (2 if k == "homoglyph" else 0) for k in ALL_KINDS}
    assert by_id["d-2"]["text"] == rows[[r["id"] for r in rows].index("d-2")]["text"]
    assert by_id["d-0"]["decloak_suspicious"] is False and by_id["d-0"]["decloak_kinds"] == []
    assert by_id["d-0"]["meta"] == {
        "source": "test",
        "rank": by_id["d-0"]["meta"]["rank"],
        "tags": ["a", "b"],
    }


def test_datasets_map_drop_and_annotate() -> None:
    ds, rows = small_dataset()
    dropped = ds.map(
        make_cleaner(mode="drop"), batched=True, batch_size=8, features=features_for(ds.features)
    )
    assert dropped.num_rows == len(rows) - 9
    assert not any(dropped["decloak_suspicious"])
    annotated = ds.map(
        make_cleaner(mode="annotate", keep_original=True),
        batched=True,
        batch_size=8,
        features=features_for(ds.features, keep_original=True),
    )
    assert annotated["text"] == [r["text"] for r in rows]
    assert annotated["decloak_original"] == [r["text"] for r in rows]
    assert sum(annotated["decloak_suspicious"]) == 9


def test_clean_batch_plain_dicts() -> None:
    batch = {"text": [ATTACK, None, "ok"], "n": [1, 2, 3]}
    out = clean_batch(batch)
    assert out["text"] == [FIXED, None, "ok"] and out["n"] == [1, 2, 3]
    assert out["decloak_changed"] == [True, False, False]
    with pytest.raises(UsageError, match=r"the batch has no column 'body' \(columns: text, n\)"):
        clean_batch(batch, text_key="body")
    with pytest.raises(UsageError, match="mode must be one of fix, annotate, drop"):
        clean_batch(batch, mode="remove")


# --- datatrove ---------------------------------------------------------------------------


@dataclass
class Document:
    """Stand-in for datatrove.data.Document (datatrove is not installed here)."""

    text: str
    id: str
    metadata: dict[str, Any] = field(default_factory=dict)


class Collector:
    """Stand-in for a datatrove DiskWriter used as exclusion_writer."""

    def __init__(self) -> None:
        self.docs: list[tuple[Document, int]] = []
        self.open = False

    def __enter__(self) -> Collector:
        self.open = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.open = False

    def write(self, doc: Document, rank: int = 0) -> None:
        assert self.open
        self.docs.append((doc, rank))


def documents(n: int) -> list[Document]:
    return [Document(d["text"], d["id"]) for d in docs(n)]


def test_datatrove_step_is_lazy_and_counts() -> None:
    step = DecloakFilter()
    pulled: list[str] = []

    def source() -> Any:
        for d in documents(16):
            pulled.append(d.id)
            yield d

    gen = step.run(source(), rank=0, world_size=1)
    first = next(gen)
    assert pulled == ["d-0"] and first.id == "d-0"  # a generator: nothing read ahead
    out = [first, *gen]
    assert len(out) == 16
    assert out[1].text == FIXED + " #1" and out[1].metadata["decloak_kinds"] == ["homoglyph"]
    assert out[2].text == docs(16)[2]["text"]
    if not DATATROVE:
        assert step.stats["total"] == 16 and step.stats["forwarded"] == 16
        assert step.stats["changed"] == 6 and step.stats["suspicious"] == 6
        assert step.stats["kind/homoglyph"] == 4 and step.stats["dropped"] == 0


def test_datatrove_drop_writes_exclusions() -> None:
    writer = Collector()
    step = DecloakFilter(mode="drop", exclusion_writer=writer, keep_original=True)
    kept = list(step(documents(16), rank=3))
    assert len(kept) == 10 and len(writer.docs) == 6
    assert {rank for _, rank in writer.docs} == {3}
    excluded = writer.docs[0][0]
    assert excluded.text == ATTACK + " #1"  # excluded documents keep their text
    assert excluded.metadata["decloak_suspicious"] is True
    assert all(d.metadata["decloak_original"] for d in kept)
    if not DATATROVE:
        assert step.stats["dropped"] == 6 and step.stats["forwarded"] == 10


def test_datatrove_annotate_leaves_text() -> None:
    items = documents(8)
    texts = [d.text for d in items]
    out = list(DecloakFilter(mode="annotate").run(items))
    assert [d.text for d in out] == texts
    assert out[1].metadata["decloak_changed"] is True
    assert list(DecloakFilter().run(None)) == []


# --- progress ----------------------------------------------------------------------------


def stats(shard: str, docs_: int = 10) -> ShardStats:
    return ShardStats(
        shard=shard,
        output=shard,
        documents=docs_,
        written=docs_,
        changed=2,
        rejected=1,
        bytes=5000,
        input_bytes=7000,
    )


def test_plain_progress_lines() -> None:
    stream = io.StringIO()
    p = Progress(stream=stream, interval=0.02, bar=False)
    p.start(3, 21000, resumed=[stats("a")])
    p.update(stats("b"))
    time.sleep(0.15)
    p.close()
    lines = stream.getvalue().splitlines()
    assert lines
    assert re.fullmatch(
        r"decloak corpus: 2/3 shards, 20 docs \(4 changed, 0 dropped, 2 rejected\), 0\.0 MB, "
        r"[\d,]+ docs/s, [\d.]+ MB/s, 0 s",
        lines[-1],
    ), lines[-1]


def test_tqdm_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    p = Progress(stream=stream, bar=True)
    p.start(2, 14000)
    p.update(stats("a"))
    p.update(stats("b"))
    p.close()
    text = stream.getvalue()
    assert "decloak corpus" in text and "2/2 shards, 20 docs" in text
