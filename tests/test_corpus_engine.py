"""run_tasks on both engines, and whole corpus runs: local and Dask give identical bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _corpus_builders import (
    crash_on_two,
    fail_on_three,
    make_corpus,
    output_ids,
    square,
    tree_bytes,
)

from decloak.corpus import TaskError, run_corpus, run_tasks
from decloak.errors import UsageError

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One 2-worker LocalCluster for the whole module: starting one costs seconds."""
    from decloak.corpus.engine import start_local_cluster

    cluster = start_local_cluster(2)
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def test_local_runs_every_task() -> None:
    results = dict(run_tasks(square, range(12), workers=2))
    assert results == {i: i * i for i in range(12)}


def test_dask_runs_every_task(scheduler: str) -> None:
    results = dict(run_tasks(square, range(12), engine="dask", scheduler=scheduler))
    assert results == {i: i * i for i in range(12)}


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_task_errors_name_the_task(engine: str, scheduler: str) -> None:
    where = {"scheduler": scheduler} if engine == "dask" else {"workers": 2}
    with pytest.raises(TaskError) as e:
        list(run_tasks(fail_on_three, range(6), engine=engine, **where))  # type: ignore[arg-type]
    # a DecloakError keeps its message (it already names the item) and its exit code
    assert str(e.value) == "item 3 is unreadable" and e.value.exit_code == 2
    assert e.value.task == 3
    with pytest.raises(TaskError) as e2:
        list(run_tasks(crash_on_two, range(6), engine=engine, **where))  # type: ignore[arg-type]
    assert str(e2.value) == "2: ZeroDivisionError: division by zero"
    assert e2.value.exit_code == 1 and isinstance(e2.value.__cause__, ZeroDivisionError)


def test_tasks_are_drawn_lazily() -> None:
    drawn: list[int] = []

    def source() -> Iterator[int]:
        for i in range(1000):
            drawn.append(i)
            yield i

    it = run_tasks(square, source(), workers=2)
    next(it)
    it.close()  # cancels what has not started
    assert len(drawn) <= 2 * 2 + 2  # a few per worker ahead, never the whole source


def test_one_worker_runs_in_process() -> None:
    seen: list[int] = []

    def source() -> Iterator[int]:
        for i in range(3):
            seen.append(i)
            yield i

    assert list(run_tasks(square, source(), workers=1)) == [(0, 0), (1, 1), (2, 4)]
    with pytest.raises(TaskError, match="item 3 is unreadable"):
        list(run_tasks(fail_on_three, range(5), workers=1))


def test_bad_arguments() -> None:
    with pytest.raises(UsageError, match="module-level function"):
        list(run_tasks(lambda x: x, [1]))
    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        list(run_tasks(square, [1], engine="spark"))
    with pytest.raises(UsageError, match="workers must be at least 1"):
        list(run_tasks(square, [1], workers=0))
    with pytest.raises(UsageError, match="needs the dask engine"):
        list(run_tasks(square, [1], scheduler="tcp://127.0.0.1:1"))


def test_engines_give_identical_bytes(tmp_path: Path, scheduler: str) -> None:
    expected = make_corpus(tmp_path / "in")
    local = run_corpus([str(tmp_path / "in")], tmp_path / "local", workers=2, keep_original=True)
    dask = run_corpus(
        [str(tmp_path / "in")],
        tmp_path / "dask",
        engine="dask",
        scheduler=scheduler,
        keep_original=True,
    )
    a, b = tree_bytes(tmp_path / "local"), tree_bytes(tmp_path / "dask")
    assert a == b
    assert sorted(a) == [
        "a.jsonl",
        "crawl/w.jsonl.gz",
        "crawl/x.jsonl",
        "p.parquet",
        "rejects/a.jsonl",
        "rejects/sub/b.jsonl",
        "rejects/sub/deeper/c.jsonl",
        "sub/b.jsonl.gz",
        "sub/deeper/c.jsonl.zst",
    ]
    ids = output_ids(tmp_path / "local")
    names = {
        "a.jsonl": "a.jsonl",
        "sub/b.jsonl.gz": "sub/b.jsonl.gz",
        "sub/deeper/c.jsonl.zst": "sub/deeper/c.jsonl.zst",
        "p.parquet": "p.parquet",
        "crawl/w.warc.gz": "crawl/w.jsonl.gz",
        "crawl/x.wet": "crawl/x.jsonl",
    }
    assert {names[k]: v for k, v in expected.items()} == ids
    for result in (local, dask):
        d = result.to_dict()
        assert d["documents"] == 3 * 30 + 30 + 8 + 8 and d["rejected"] == 6
        assert d["complete"] and d["shards_done"] == 6
    assert dask.engine == "dask" and local.engine == "local"


def test_parquet_output_format_on_both_engines(tmp_path: Path, scheduler: str) -> None:
    make_corpus(tmp_path / "in", docs_per_shard=12)
    run_corpus([str(tmp_path / "in")], tmp_path / "l", fmt="parquet", mode="drop", workers=2)
    run_corpus(
        [str(tmp_path / "in")],
        tmp_path / "d",
        fmt="parquet",
        mode="drop",
        engine="dask",
        scheduler=scheduler,
    )
    a, b = tree_bytes(tmp_path / "l"), tree_bytes(tmp_path / "d")
    assert a == b
    assert "crawl/w.parquet" in a and "dropped/sub/b.jsonl" in a
