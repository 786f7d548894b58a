"""Fuzz the streaming cleaner on raw bytes with random read sizes.

Invariant: ``clean_stream`` writes exactly ``clean(whole text)`` for valid UTF-8,
and for invalid UTF-8 raises the same one-line error (same byte offset) as
decoding the whole input at once, having written nothing past the bad byte.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import fuzz_main


def TestOneInput(data: bytes) -> None:
    import decloak
    from decloak.config import get_config
    from decloak.errors import InputError
    from decloak.stream import clean_stream
    from decloak.textio import decode_bytes

    read_size = 1 + (data[0] if data else 0) % 64
    body = data[1:]
    try:
        expected: str | None = decode_bytes(body, "strict", "x")
        whole_err = None
    except InputError as e:
        expected, whole_err = None, str(e)
    out = io.BytesIO()
    try:
        clean_stream(io.BytesIO(body), out, get_config(None), name="x", read_size=read_size)
    except InputError as e:
        assert whole_err is not None, f"stream refused valid input: {e}"
        assert str(e) == whole_err, (str(e), whole_err)
        assert "\n" not in str(e)
        return
    assert whole_err is None, f"stream accepted what decoding refuses: {whole_err}"
    assert expected is not None
    assert out.getvalue() == decloak.clean(expected).text.encode("utf-8")


if __name__ == "__main__":
    fuzz_main(TestOneInput, "decloak.stream", "decloak.engine", "decloak.textio")
