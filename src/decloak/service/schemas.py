"""Request and response models: the contract published at ``/openapi.json``.

The response models document what the endpoints send; the endpoints themselves
serialize the library's own ``to_dict()`` output, so the HTTP JSON parses to
exactly what ``decloak scan --json`` prints (a pydantic round trip
would, for example, add ``"payload": null`` where the CLI leaves the key out).
Request models are strict: no coercion of numbers to strings and no unknown
fields, so a typo such as ``"txt"`` is a 422 rather than a silent scan of nothing.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from ..model import Kind

Profile = Literal["default", "strict", "report"]

_SURROGATE_LO, _SURROGATE_HI = 0xD800, 0xDFFF


def _no_lone_surrogates(text: str) -> str:
    """JSON can spell an unpaired surrogate (``"\\ud800"``); Unicode text cannot hold one.

    The CLI never sees one (it decodes UTF-8), so the service refuses it too
    instead of scanning a string no UTF-8 response could echo back.
    """
    for i, ch in enumerate(text):
        if _SURROGATE_LO <= ord(ch) <= _SURROGATE_HI:
            raise ValueError(
                f"unpaired surrogate U+{ord(ch):04X} at code point {i} is not Unicode text"
            )
    return text


def _has_surrogate(text: str) -> bool:
    # Fast path: encoding succeeds for every string without surrogates.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(description="The text to inspect (any size up to the server's body limit).")

    @field_validator("text")
    @classmethod
    def _unicode_only(cls, v: str) -> str:
        return _no_lone_surrogates(v) if _has_surrogate(v) else v


class ScanRequest(_Request):
    """Body of `POST /v1/scan`."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "Pay with your cаrd", "profile": "default"}]}
    )

    profile: Profile = Field(
        "default",
        description="Named configuration: default (repair disguises only), strict, report.",
    )


class CleanRequest(_Request):
    """Body of `POST /v1/clean`."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "Pay with your cаrd", "profile": "default"}]}
    )

    profile: Profile = Field(
        "default",
        description="Named configuration: default (repair disguises only), strict, report.",
    )


class MatchRequest(_Request):
    """Body of `POST /v1/match`: the options of `decloak match`."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"text": "Supporters sаid the pаrk", "top": 5}]}
    )

    id: str = Field(
        "<query>",
        max_length=1000,
        description="Name for the query, echoed as `query` (the CLI uses the file name).",
    )
    top: int = Field(5, ge=1, le=1000, description="How many matches to return at most.")
    threshold: float = Field(
        0.5, ge=0, le=1, description="Least score (containment of the query in the source)."
    )
    explain: bool = Field(False, description="Also explain the disguise separating the best match.")

    # JSON has one number type: 1 is a valid "number" and 5.0 a valid "integer"
    # (JSON Schema says so), which strict mode would refuse.
    @field_validator("threshold", mode="before")
    @classmethod
    def _int_is_a_number(cls, v: Any) -> Any:
        return float(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("top", mode="before")
    @classmethod
    def _whole_float_is_an_integer(cls, v: Any) -> Any:
        return int(v) if isinstance(v, float) and v.is_integer() else v


class CharModel(BaseModel):
    """One code point involved in a finding."""

    codepoint: str = Field(pattern=r"^U\+[0-9A-F]{4,6}$", examples=["U+0430"])
    name: str = Field(examples=["CYRILLIC SMALL LETTER A"])
    script: str = Field(examples=["Cyrillic"])


class FindingModel(BaseModel):
    """One disguise; offsets are code points of the request text, `end` exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: Kind
    text: str
    replacement: str | None = Field(
        description='Suggested text in place of `text`: "" removes it, null: nothing safe.'
    )
    confidence: float = Field(ge=0, le=1)
    explanation: str
    repaired: bool = Field(description="Whether /v1/clean applies the replacement.")
    chars: list[CharModel]
    # Absent (not null) when there is no hidden payload, exactly as in the CLI JSON.
    payload: str | SkipJsonSchema[None] = Field(
        None, description="Decoded hidden content (tag text, selector bytes, zero-width bits)."
    )


class PatternModel(BaseModel):
    """One way the document is disguised (see `decloak.patterns`): which character stands
    for which, how often, and over which span."""

    model_config = ConfigDict(populate_by_name=True)

    kind: Kind
    from_: str = Field(
        alias="from",
        description='The intended character ("" for invisibles and for kinds without one).',
    )
    to: str = Field(description='The disguise standing for it ("" for whole-finding kinds).')
    count: int = Field(ge=1, description="Disguised units (letters, invisibles or findings).")
    share: float = Field(
        gt=0,
        le=1,
        description="count / (count + the intended character left as it is in the span); "
        "1.0 when there is no single intended character.",
    )
    start: int = Field(ge=0, description="Code point offset of the first unit.")
    end: int = Field(ge=0, description="Code point offset just past the last unit.")
    line_start: int = Field(ge=1, description="1-based line of the first unit.")
    line_end: int = Field(ge=1, description="1-based line of the last unit.")
    summary: str = Field(
        examples=["from line 14 to the end, every 'a' (183 of 183) is Cyrillic 'а' U+0430"]
    )


class ScanResponse(BaseModel):
    """The JSON `decloak scan --json` prints for one input."""

    suspicious: bool
    score: float = Field(ge=0, le=1)
    length: int = Field(ge=0, description="Length of the text in code points.")
    kinds: dict[str, int] = Field(description="Number of findings by kind.")
    patterns: list[PatternModel] = Field(
        description="The findings reduced to what happened to the document, most frequent first."
    )
    findings: list[FindingModel]


class EditModel(BaseModel):
    """One change made by cleaning, located in both texts (code point offsets)."""

    input_start: int = Field(ge=0)
    input_end: int = Field(ge=0)
    output_start: int = Field(ge=0)
    output_end: int = Field(ge=0)
    before: str
    after: str
    kind: Kind


class CleanResponse(BaseModel):
    """The restored text, every edit, and the findings behind them."""

    text: str
    changed: bool
    edits: list[EditModel]
    findings: list[FindingModel]


class MatchModel(BaseModel):
    """One source of the query, with exact measurements (see `decloak match --help`)."""

    model_config = ConfigDict(extra="allow")

    id: str
    score: float = Field(ge=0, le=1, description="Containment of the query in the source.")
    containment: float
    jaccard: float
    coverage: float
    estimate: float
    shared_shingles: int
    query_shingles: int
    source_shingles: int
    via: list[str]


class MatchResponse(BaseModel):
    """The JSON `decloak match --json` prints for one query."""

    model_config = ConfigDict(extra="allow")

    query: str = Field(description="The request's `id`.")
    shingles: int
    matches: list[MatchModel]
    explain: dict[str, Any] | SkipJsonSchema[None] = Field(
        None, description="Present with `explain: true` and at least one match."
    )


class HealthResponse(BaseModel):
    """Liveness: answers without touching the worker threads."""

    status: Literal["ok"]
    version: str
    unicode_version: str
    index: bool = Field(description="Whether /v1/match has an index to search.")


class ErrorResponse(BaseModel):
    """Every error: one line, safe to log, never echoing the request body."""

    error: str = Field(examples=["malformed JSON: Expecting value at line 1 column 1"])
