"""Letters: the look-alike judgement, word by word, in the context of the unit.

A unit's script is judged from letters no repair can create (``t``, ``m``, ``д``,
``λ``), so that cleaning never changes it.  Each word worth a decision is then
judged against that context:

- a word mixing scripts (``pаypаl``) goes back to the script of its context when
  every foreign letter has a look-alike there (a Latin ``o`` inside a Russian word
  goes back to Cyrillic);
- a word spelled entirely in look-alikes of one script (``уеѕ``, the lone Cyrillic
  ``а`` used as the article) goes back to Latin in Latin text, unless the unit
  holds genuine words of that script and the lexicon cannot tell them apart;
- compatibility letters (``𝐟𝐫𝐞𝐞``, ``ｆｒｅｅ``) fold when they spell running text,
  not when they are a maths symbol (``𝑥``) or CJK typography.

Plain words of one script are skipped by the kernel without a Python step; plain
Latin words with look-alikes in Latin text are settled by the kernel too (the
policy that they are restored is decided here, per unit, and handed down).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import chardata as cd
from .. import kernel, lexicon
from ..config import Config
from ..model import Kind
from ..unicode import DEFAULT_IGNORABLE, LETTER, category, is_upper, script_of
from . import forms, hosts, saturated
from .classes import (
    COMPAT,
    COMPAT_LETTERS,
    CONTEXT_SCRIPTS,
    FROM_LATIN,
    HIGH_CONFIDENCE,
    L_OR_I,
    READINGS,
    TABLES,
    TO_LATIN,
    TO_LATIN_TRANS,
    WORD,
    WORD_RUN_RE,
    label,
)
from .codeline import CodeContext
from .limits import LIMITS, Limits
from .records import Rec, emit_runs, order

Swaps = tuple[bool, list[str], str, list[tuple[int, str, float]]]
"""A mixed word's letters written back: whether in Latin (evidence of a disguise),
the scripts written back, the explanation, and (offset in the word, replacement,
confidence) per letter; or ``()`` when the word is left as it is."""

SWAPS_MAX = 1 << 14
"""Mixed words whose verdict one call remembers (an attacked text repeats its words)."""


@dataclass(slots=True)
class Context:
    """What a unit is written in, judged from evidence cleaning cannot change."""

    script: str | None  # "Latin", a context alphabet, "other" (CJK), or None when unclear
    native: dict[str, int]  # letters of each alphabet that look like no Latin letter
    latin: int  # unambiguous Latin letters (bilingual units), else 1 if any Latin letter
    cjk: bool
    evidence: int = 0  # disguises already found in this unit
    bounds: tuple[int, int] = (0, 0)  # the unit's start and end
    code: CodeContext | None = None  # where lone letters stand in code (made when asked)
    written: frozenset[str] | None = None  # scripts with letters beyond look-alikes (when asked)
    disguised: set[str] = field(default_factory=set)  # scripts found disguising Latin here
    settled: list[Rec] = field(default_factory=list)  # the runs the kernel settled (unread)
    swaps: dict[str, Swaps | tuple[()]] | None = None  # mixed words judged (Latin units)

    @property
    def bilingual(self) -> bool:
        return self.latin > 0 and any(self.native.values())

    def shows(self, t: str, script: str) -> bool:
        """Whether this unit shows look-alikes of ``script`` disguising Latin letters
        (inside words, or spelling them), not only disguises of other kinds."""
        if self.settled:  # read once, when first asked
            self.disguised.update(
                script_of(t[k]) for r in self.settled if r.repair for k in range(r.start, r.end)
            )
            self.settled = []
        return script in self.disguised


LATIN_WEIGHT = 3
"""Unambiguous letters are rarer in Latin text (t, m, k: about 1 in 7) than in
Cyrillic or Greek (about 1 in 2), so a bilingual paragraph counts each
unambiguous Latin letter this many times when deciding its main script."""


def is_latin_text(unamb: int, any_latin: int, natives: int) -> bool:
    """Whether a unit with these letter counts is Latin text.

    With no native letters of any look-alike alphabet, any Latin letter makes the
    unit Latin (repairs only ever add Latin letters there).  A bilingual unit is
    judged by unambiguous letters on both sides, weighted (:data:`LATIN_WEIGHT`).
    """
    if not natives:
        return bool(any_latin)
    return bool(unamb) and LATIN_WEIGHT * unamb >= natives


def _unit_is_latin(u: kernel.Unit) -> bool:
    """Whether a unit (with its letter counts) is Latin text."""
    return is_latin_text(u[2], u[3], u[4])


def context(counts: kernel.Counts) -> Context:
    """Judge a unit's script from its letter counts (:func:`decloak.kernel.counts`):
    evidence that cleaning cannot change."""
    unamb, any_latin, total, cjk, _forms, per = counts
    native: dict[str, int] = {}
    script: str | None
    if not total:
        latin = any_latin
        script = "Latin" if any_latin else ("other" if cjk else None)
    else:
        names = TABLES.script_names
        native = {names[k]: n for k, n in per}
        latin = unamb
        if is_latin_text(unamb, any_latin, total):
            script = "Latin"
        else:
            script = max(native.items(), key=lambda kv: kv[1])[0]
    return Context(script, native, latin, bool(cjk))


CONF_HIGH = 0.95
"""Confidence of a look-alike run holding a letter ``intentional.txt`` calls identical."""
CONF_LOOK = 0.85
"""Confidence of any other look-alike run."""

LATIN_WORD = "\x00latin-word"
"""Stand-in explanation of kernel-settled runs; :func:`explain_record` writes it out."""
_LATIN_REC: kernel.RecSpec = (Rec, Kind.HOMOGLYPH, LATIN_WORD, CONF_HIGH, CONF_LOOK)


def stage_b(
    t: str, cfg: Config, units: list[kernel.Unit], marks: list[int] | None = None
) -> list[Rec]:
    """Letters stage on ``t`` over ``units`` (:meth:`.structure.Partition.letter_units`).

    ``marks`` are positions in ``t`` where stage A repaired something: a unit
    holding one already shows a disguise.

    Each unit's script is decided here from its letter counts, and the kernel is
    asked, per unit, for its words worth a decision, settling plain Latin words with
    look-alikes in units judged Latin.  Only units with other words come back to
    Python.
    """
    if not units:
        return []
    # what is asked of a unit judged Latin text (and of one that also holds letter forms
    # to judge: to come back even with no other word); of any other unit, nothing
    ask = (kernel.ASK_WHOLE if cfg.homoglyphs and cfg.whole_words else 0) | (
        kernel.ASK_LATIN if cfg.homoglyphs else 0
    )
    # letter forms (u[6]) come back only where one could be restored (a Spanish ¡
    # before a capital, a Turkish ı: the unit is read; a lone ² is not)
    forms_ask = ask | kernel.ASK_REPORT
    asks = bytes(
        [
            (forms_ask if u[6] and forms.near_token(t, u[0], u[1]) else ask)
            if is_latin_text(u[2], u[3], u[4])
            else 0
            for u in units
        ]
    )
    runs, complex_units = kernel.words(t, units, asks, TABLES, _LATIN_REC)
    if not complex_units:
        # sorted by order: units are disjoint and in order
        return hosts.judge_units(t, units, digits_of_names(t, runs), cfg, _unit_is_latin)
    marks = marks or []
    out: list[Rec] = []
    done = 0
    swaps: dict[str, Swaps | tuple[()]] = {}
    for index, first, nruns, words, simple in complex_units:
        u = units[index]
        s, e = u[0], u[1]
        out.extend(runs[done:first])
        done = first + nruns
        k = bisect.bisect_left(marks, s)
        ctx = context(kernel.counts(t, s, e, TABLES))
        ctx.bounds = (s, e)
        ctx.swaps = swaps
        ctx.evidence = int(k < len(marks) and marks[k] <= e) + simple
        unit_out = runs[first:done]
        ctx.settled = unit_out
        _judge_words(t, words, ctx, cfg, unit_out)
        if ctx.script == "Latin" and asks[index] & kernel.ASK_REPORT:
            fixed = {
                k: r.replacement[k - r.start]
                for r in unit_out
                if r.replacement and len(r.replacement) == r.end - r.start
                for k in range(r.start, r.end)
            }
            forms.latin_like(t, s, e, cfg, unit_out, fixed)
        if (
            ctx.script == "Latin"
            and cfg.homoglyphs
            and unit_out
            and saturated.is_saturated(t, s, e, unit_out)
        ):
            unit_out = saturated.read_saturated(t, s, e, cfg, unit_out)
        out.extend(sorted(unit_out, key=order))
    out.extend(runs[done:])
    out = digits_of_names(t, out)
    return hosts.judge_units(t, units, out, cfg, _unit_is_latin)  # sorted by order


def _judge_words(
    t: str, words: tuple[kernel.Word, ...], ctx: Context, cfg: Config, out: list[Rec]
) -> None:
    """Judge the words of one unit that the kernel found worth a decision; ``out``
    holds the unit's records so far (the runs the kernel settled)."""
    singles: list[tuple[int, int]] = []
    compat_words: list[tuple[int, int]] = []
    for ws, we, flags, _mask, _spans in words:
        if cfg.homoglyphs:
            if flags & kernel.W_MIXED:
                mixed_word(t, ws, we, ctx, cfg, out)
            elif flags & kernel.W_WHOLE:
                # lone letters last: they are judged by what the rest shows
                if sum(1 for c in t[ws:we] if c in TO_LATIN) == 1:
                    singles.append((ws, we))
                else:
                    whole_word(t, ws, we, ctx, cfg, out)
        if flags & kernel.W_COMPAT:
            compat_words.append((ws, we))
    for ws, we in singles:
        whole_word(t, ws, we, ctx, cfg, out)
    # compatibility letters: words first, then (if any word was folded, or the
    # unit shows another disguise) the lone letters and short italic words
    if cfg.compat_letters != "off" and compat_words:
        converted = {k for r in out for k in range(r.start, r.end)}
        weak: list[tuple[int, int]] = []
        folded = ctx.evidence > 0
        for ws, we in compat_words:
            verdict = forms.compat_word(
                t, ws, we, ctx.cjk, cfg, out, converted, folded, len(compat_words) == 1
            )
            if verdict is None:
                weak.append((ws, we))
            folded = folded or verdict is True
        if folded:
            for ws, we in weak:
                forms.compat_word(t, ws, we, ctx.cjk, cfg, out, converted, True)


NAMED_MAX = 4
"""How many distinct foreign letters an explanation names."""


def in_word(scripts: Iterable[str], target: str, word: str, foreign: set[int], reads: str) -> str:
    """ "Cyrillic look-alikes stand in for Latin letters inside the word 'c[а]rd', which
    reads 'card' (а is U+0430 CYRILLIC SMALL LETTER A)".

    The word and its reading look the same (that is the disguise), so the foreign
    letters (offsets ``foreign`` in ``word``) are bracketed and named.
    """
    marked: list[str] = []
    inside = False
    for k, ch in enumerate(word):
        if (k in foreign) != inside:
            marked.append("]" if inside else "[")
            inside = not inside
        marked.append(ch)
    if inside:
        marked.append("]")
    named = list(dict.fromkeys(word[k] for k in sorted(foreign)))
    names = ", ".join(f"{ch} is {label(ch)}" for ch in named[:NAMED_MAX])
    if len(named) > NAMED_MAX:
        names += ", …"
    return (
        f"{' and '.join(scripts)} look-alikes stand in for {target} letters inside the "
        f"word {''.join(marked)!r}, which reads {reads!r} ({names})"
    )


def explain_record(text: str, r: Rec, limits: Limits = LIMITS) -> str:
    """The explanation of a record, written out when a finding is built."""
    if r.explanation is not LATIN_WORD:
        return r.explanation
    reach = limits.explain_reach
    fwd = WORD_RUN_RE.match(text, r.start, r.end + reach)
    ws = r.start
    while ws > max(0, r.start - reach) and text[ws - 1] in WORD:
        ws -= 1
    word = text[ws : fwd.end() if fwd else r.end]
    foreign = {k for k, c in enumerate(word) if c in TO_LATIN}
    scripts = sorted({script_of(word[k]) for k in foreign})
    return in_word(scripts, "Latin", word, foreign, word.translate(TO_LATIN_TRANS))


_LETTER_SCRIPT: dict[str, str | None] = {}


def _letter_script(ch: str) -> str | None:
    """Script of a letter (compatibility letters count as Latin); None for non-letters."""
    sc: str | None
    if ch in COMPAT_LETTERS:
        sc = "Latin"
    elif ch in LETTER:
        sc = script_of(ch)
        if sc in ("Common", "Inherited"):
            sc = None
    else:
        sc = None
    if len(_LETTER_SCRIPT) < 1 << 16:
        _LETTER_SCRIPT[ch] = sc
    return sc


_FORMAT_PREFIX = frozenset("%)}")


def letters_of(t: str, ws: int, we: int) -> list[tuple[int, str, str]]:
    """(position, letter, script) for the letters of a word."""
    out = []
    get = _LETTER_SCRIPT.get
    for i in range(ws, we):
        ch = t[i]
        sc = get(ch, "?")
        if sc == "?":
            sc = _letter_script(ch)
        if sc is not None:
            out.append((i, ch, sc))
    return out


def convert(ch: str, sc: str, target: str) -> str | None:
    """``ch`` (script ``sc``) written in ``target``'s look-alike, or None (also for a
    look-alike too weak to write a letter into: :data:`decloak.chardata.WEAK_LOOKALIKES`)."""
    if sc == target:
        return ch
    if target == "Latin":
        return TO_LATIN.get(ch)
    table = FROM_LATIN.get(target, {})
    if sc == "Latin":
        out = table.get(COMPAT.get(ch, ch))
    else:
        latin = TO_LATIN.get(ch)
        out = table.get(latin) if latin else None
    return None if out in cd.WEAK_LOOKALIKES else out


def code_switch(letters: list[tuple[int, str, str]], ctx: Context, cfg: Config) -> bool:
    """A word that switches script once, at a morpheme boundary, in a unit written in
    the script of its ending: a borrowing, declined or suffixed, not a disguise.

    - A Latin name with a short ending of the unit's script ("в GitHubе", "на
      Pythonі", "Instagramу"; :data:`~decloak.chardata.ENDING_MAX`): the Latin stem, of
      three letters or more, is a known word, or has a name's shape (a capital, three letters or more) and read as
      Latin the whole is no known word ("Applе" reads "Apple": that one is a disguise).
    - A name of the unit's script with an English word glued on ("Port Диннаville",
      "Lake Пачоview"): the Latin part is a known word of three letters or more, and the
      stem holds a letter with no Latin look-alike (a real word of its script).

    Disguises look different: they interleave scripts inside a stem ("pаypаl"), or sit
    in a unit of the other script (a Cyrillic "а" ending an English word in English).
    """
    script = ctx.script
    if script is None or script in ("Latin", "other") or len(letters) < 2:
        return False
    first = letters[0][2]
    k = next((j for j, (_, _, sc) in enumerate(letters) if sc != first), len(letters))
    second = letters[k][2] if k < len(letters) else first
    if any(sc != second for _, _, sc in letters[k:]):
        return False  # more than one switch
    head = "".join(ch for _, ch, _ in letters[:k])
    tail = "".join(ch for _, ch, _ in letters[k:])
    if first == "Latin" and second == script:
        if len(head) < 3 or len(tail) > cd.ENDING_MAX:
            return False  # "thе": two letters say little, a disguise as likely
        if lexicon.is_known_latin(head, cfg.use_lexicon):
            return True  # a known word, declined ("Discord" + "е", not French "discorde")
        if not (is_upper(head[0]) and len(head) >= 3):
            return False
        # a name not in the lexicon ("TikTok"), unless read as Latin it is a known word
        ending = [c for c in map(TO_LATIN.get, tail) if c]
        reading = head + "".join(ending)
        return len(ending) < len(tail) or not lexicon.is_known_latin(reading, cfg.use_lexicon)
    if first == script and second == "Latin":
        return (
            len(tail) >= 3
            and any(ch not in TO_LATIN for ch in head)
            and bool(lexicon.is_known_latin(tail, cfg.use_lexicon))
        )
    return False


def mixed_word(t: str, ws: int, we: int, ctx: Context, cfg: Config, out: list[Rec]) -> None:
    """A word mixing scripts: back to the script of its context (or its own majority).

    In a Latin unit the verdict depends on the word alone (no code switch there, and
    Latin, when it writes the word, is chosen before any rewrite that must read well
    in its unit), so the call's units share it (``ctx.swaps``); a word only another
    alphabet writes is judged each time.
    """
    memo = ctx.swaps if ctx.script == "Latin" else None
    if memo is not None:
        known = memo.get(t[ws:we])
        if known is not None:
            if known:
                _replay_swaps(ws, ctx, known, out)
            return
        if len(memo) >= SWAPS_MAX:
            memo = None
    letters = letters_of(t, ws, we)
    scripts: dict[str, int] = {}
    for _, _, sc in letters:
        scripts[sc] = scripts.get(sc, 0) + 1
    if len(scripts) < 2 or (len(scripts) == 2 and code_switch(letters, ctx, cfg)):
        if memo is not None:
            memo[t[ws:we]] = ()
        return
    # The word may belong to any of its scripts, or to the unit's script
    # (Greek Α + Cyrillic ЅК in English prose is a disguised "ASK").
    candidates = list(scripts)
    if ctx.script is not None and ctx.script not in scripts:
        candidates.append(ctx.script)
    feasible = [
        tg
        for tg in candidates
        if (tg == "Latin" or tg in FROM_LATIN)
        and all(convert(ch, sc, tg) is not None for _, ch, sc in letters)
    ]
    # The unit's script first; else the one other script that writes the word and holds
    # its majority.  A rewrite into another alphabet must read well there (else the
    # next choice, else none): no "Ехсеӏ" for a Latin "Excel" in Russian.
    n = len(letters)
    choices = [ctx.script] if ctx.script in feasible else []
    rest = [tg for tg in feasible if tg != ctx.script]
    if len(rest) == 1 and scripts.get(rest[0], 0) >= 2 and 2 * scripts[rest[0]] >= n:
        choices += rest
    if memo is not None and not choices:
        memo[t[ws:we]] = ()
    for target in choices:
        if (
            target != "Latin"
            and ws > 0
            and t[ws - 1] in _FORMAT_PREFIX
            and letters[0][2] == "Latin"
        ):
            # "%(name)sслово", "%dслово": the Latin letter ends a printf-style
            # placeholder glued to the word; it is code, not a disguised letter.
            if all(sc == target for _, _, sc in letters[1:]):
                return
            letters = letters[1:]
        swaps = [(i, ch, sc, convert(ch, sc, target)) for i, ch, sc in letters if sc != target]
        if target == "Latin" and any(ch in L_OR_I for _, ch, _, _ in swaps):
            reading = list(t[ws:we])
            for i, _, _, rep in swaps:
                reading[i - ws] = rep or ""
            forms.settle_l_or_i(reading, t[ws:we], cfg.use_lexicon)
            swaps = [(i, ch, sc, reading[i - ws]) for i, ch, sc, _ in swaps]
        if target == "Latin" or _reads_well(t, ws, we, ctx, target, [r for *_, r in swaps]):
            done = _emit_swaps(t, ws, we, ctx, target, swaps, out)
            if memo is not None and target == "Latin":
                memo[t[ws:we]] = done
            return


def _emit_swaps(
    t: str,
    ws: int,
    we: int,
    ctx: Context,
    target: str,
    swaps: list[tuple[int, str, str, str | None]],
    out: list[Rec],
) -> Swaps:
    """Records for a mixed word's letters written back in ``target``; returns them as
    :data:`Swaps`, for the next time the word is met."""
    word = t[ws:we]
    others = sorted({sc for _, _, sc, _ in swaps})
    fixed = list(word)
    for i, _, _, rep in swaps:
        fixed[i - ws] = rep or ""
    why = in_word(others, target, word, {i - ws for i, *_ in swaps}, "".join(fixed))
    done: Swaps = (
        target == "Latin",
        [sc for _, _, sc, _ in swaps],
        why,
        [
            (i - ws, rep or "", CONF_HIGH if ch in HIGH_CONFIDENCE else CONF_LOOK)
            for i, ch, _, rep in swaps
        ],
    )
    _replay_swaps(ws, ctx, done, out)
    return done


def _replay_swaps(ws: int, ctx: Context, done: Swaps, out: list[Rec]) -> None:
    """The records of :data:`Swaps` for the word at ``ws``."""
    latin, disguised, why, items = done
    if latin:  # a disguise of Latin letters: evidence for the rest of the unit
        ctx.evidence += 1
        ctx.disguised.update(disguised)
    emit_runs(out, [(ws + k, rep, conf) for k, rep, conf in items], Kind.HOMOGLYPH, why)


def _reads_well(
    t: str, ws: int, we: int, ctx: Context, target: str, letters: list[str | None]
) -> bool:
    """Whether writing Latin letters back as ``letters`` of ``target`` leaves a word its
    readers would write: each is a core letter of the alphabet, or one the unit itself
    uses elsewhere (see :data:`decloak.chardata.CORE_LETTERS`)."""
    core = cd.CORE_LETTERS.get(target, frozenset())
    us, ue = ctx.bounds
    return all(
        ch is not None and (ch in core or t.find(ch, us, ws) >= 0 or t.find(ch, we, ue) >= 0)
        for ch in letters
    )


def whole_word(t: str, ws: int, we: int, ctx: Context, cfg: Config, out: list[Rec]) -> None:
    """A word spelled entirely in look-alikes of one script, inside Latin text."""
    letters = letters_of(t, ws, we)
    if not letters:
        return
    scripts = {sc for _, _, sc in letters}
    if len(scripts) != 1:
        return
    sc = next(iter(scripts))
    if sc == "Latin" or not all(ch in TO_LATIN for _, ch, _ in letters):
        return
    # the word as a reader sees it: a soft hyphen or joiner inside it is invisible, and
    # may itself be removed in this pass (so judging with it would change next time)
    word = "".join(c for c in t[ws:we] if c not in DEFAULT_IGNORABLE)
    reading = "".join(TO_LATIN.get(c, c) for c in word)
    repair = True
    conf = 0.85
    if len(letters) == 1:
        i, ch = letters[0][0], letters[0][1]
        if ctx.native.get(sc, 0) or _script_elsewhere(t, i, sc, ctx):
            return  # never beside real words of its script
        digit = _digit_beside(t, i, ch) if ctx.script == "Latin" else None
        if (
            digit is None
            and ctx.script == "Latin"
            and (
                sc not in cd.LONE_LETTER_SCRIPTS
                or (sc in cd.SYMBOL_LETTER_SCRIPTS and category(ch) == "Lu")
                or _page_section(t, i)  # git(Ӏ): a section is a number in any script
            )
        ):
            digit = _lone_number(t, i, ch, lambda: _in_code(t, i, ctx), lambda: _prose(t, i, ctx))
        if digit is not None or (sc not in cd.SYMBOL_SCRIPTS and _in_code(t, i, ctx)):
            # "assert х < y", "f(х)", "р_k", "%%х": a variable, an escape or a format
            # conversion; nobody writes those in another alphabet.  Inside a number, a
            # character that also reads as a digit is that digit ("0211ꓳ-1301", also
            # a Greek Ο: no maths symbol stands inside a number).
            rep = digit or TO_LATIN[ch]
            where = "a number" if digit is not None else "code or a formula"
            why = (
                f"{label(ch)} ({sc}) stands alone in {where} of {ctx.script} "
                f"text, where it reads as {rep!r}"
            )
            # no evidence for the rest of the unit: the maths letters of a formula
            # beside the code (𝑓(𝑥), a Greek α) are not disguised because it was
            ctx.disguised.add(sc)
            emit_runs(out, [(i, rep, CONF_CODE)], Kind.HOMOGLYPH, why)
            return
        if sc not in cd.SINGLE_LETTER_SCRIPTS:
            return  # only Cyrillic and Greek pass for a Latin letter in prose
        if (
            sc in cd.SYMBOL_SCRIPTS
            and category(ch) == "Ll"
            and (not ctx.shows(t, sc) or _in_code(t, i, ctx))
        ):
            # "the α particle", "where α is the step size": a symbol, not a disguise,
            # even beside another alphabet's disguise (a Cyrillic х in the code above),
            # and always where it stands in code or a formula ("α = 0.5", "f(α)")
            return
        if TO_LATIN[ch] in cd.SINGLE_LETTER_WORDS or ctx.evidence:
            conf = 0.75  # the word "a", or one more letter of a disguised unit
        else:
            repair = False  # "с" alone: as likely a quoted Russian preposition
            conf = 0.3
        why = (
            f"{label(ch)} ({sc}) stands alone in {ctx.script} text where it reads as the "
            f"word {reading!r}"
        )
    else:
        if not reading.isascii():
            return  # accented readings (Greek ά -> á) are real Greek, not disguised English
        # If the unit holds genuine words of that script, this may be one more of
        # them (Serbian in both scripts, a quoted Russian word): only the lexicon
        # can say otherwise.
        if ctx.native.get(sc, 0) > 0 and (
            lexicon.prefer_latin(reading, word, sc, cfg.use_lexicon) is not True
        ):
            return
        why = (
            f"the word {word!r} is spelled entirely in {sc} look-alikes of Latin "
            f"letters inside {ctx.script} text; it reads {reading!r}"
        )
    if repair:
        ctx.evidence += 1
        ctx.disguised.add(sc)
    emit_runs(out, [(i, TO_LATIN[ch], conf) for i, ch, _ in letters], Kind.HOMOGLYPH, why, repair)


CONF_CODE = 0.75
"""Confidence of a lone look-alike standing in code or a formula of Latin text."""


def _in_code(t: str, i: int, ctx: Context) -> bool:
    """Whether the lone letter at ``i`` stands in code or a formula (:mod:`.codeline`);
    only Latin units have code of this kind to judge."""
    if ctx.script != "Latin":
        return False
    if ctx.code is None:
        ctx.code = CodeContext(t, ctx.bounds)
    return ctx.code.operand(i)


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _script_elsewhere(t: str, i: int, sc: str, ctx: Context) -> bool:
    """Whether the unit holds real letters of ``sc`` (letters that are no look-alike).

    The context alphabets are counted by the kernel (``ctx.native``); for the others
    (Canadian syllabics, Vai, Runic...) the unit is read once, when first asked.
    """
    if sc in CONTEXT_SCRIPTS:
        return False  # counted in ctx.native
    if ctx.written is None:
        us, ue = ctx.bounds
        ctx.written = frozenset(
            script_of(m.group())
            for m in _NON_ASCII_RE.finditer(t, us, ue)
            if m.group() in LETTER and m.group() not in TO_LATIN
        )
    return sc in ctx.written


_DIGITS = frozenset("0123456789")
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
NUMBER_REACH = 32
"""How far a number around a lone letter is followed on each side."""


def _prose(t: str, i: int, ctx: Context) -> bool:
    """Whether the line of ``i`` is prose apart from manual page references
    (:meth:`.codeline.CodeContext.page_section`)."""
    if ctx.code is None:
        ctx.code = CodeContext(t, ctx.bounds)
    return ctx.code.page_section(i)


def _lone_number(
    t: str, i: int, ch: str, in_code: Callable[[], bool], prose: Callable[[], bool]
) -> str | None:
    """The digit a lone letter ``ch`` of an alphabet its unit writes nothing else in
    stands for (the caller checks that): one joined by a dot or hyphen to a number
    (``Version 2.Ⲟ``, ``3.ꓳ``), or, outside code (``in_code``: there it is a variable's
    letter), one that looks only like O and 0 (``exit with 𐊫.``: English has no word
    "O", and a lone letter of an unused alphabet is no symbol of the text), else None.
    Not for :data:`decloak.chardata.LONE_LETTER_SCRIPTS`, whose lone letters are real,
    but for Greek capitals: the capital omicron names nothing in maths, where it would be
    an O (``set to Ο,``).  Alone in the brackets after a name of two letters or more,
    outside code, it is a manual section (``ssh(𐊊)``; ``sin(х)`` in a formula's line is
    its variable; ``prose``: its line is prose apart from such references,
    ``setpriv(ⵏ)``)."""
    digit = next((r for r in READINGS.get(ch, "") if r in _DIGITS), None)
    if digit is None:
        return None
    if forms.joined_to_number(t, i, 0, len(t)):
        return digit
    if _page_section(t, i):
        return digit if not in_code() or prose() else None
    if set(READINGS[ch]) <= _ZERO_SHAPES:
        return None if in_code() else digit
    return None


_ZERO_SHAPES = frozenset("Oo0")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _page_section(t: str, i: int) -> bool:
    """Whether ``t[i]`` stands alone in the brackets after a name of two letters or
    more: a manual page's section (``cmd(𐌉)``)."""
    return (
        i >= 3
        and t[i - 1] == "("
        and t[i + 1 : i + 2] == ")"
        and t[i - 2] in _ASCII_LETTERS
        and t[i - 3] in _ASCII_LETTERS
    )


def _digit_beside(t: str, i: int, ch: str) -> str | None:
    """The digit ``ch`` reads as (:data:`.classes.READINGS`: O and 0, l and 1 share
    skeletons) when it stands inside a number: the run of ASCII letters and digits
    around it is digits only ("0211ꓳ-1301", "X.5ꓳ9"; not "H2О"), else None."""
    a = i
    while a > max(0, i - NUMBER_REACH) and t[a - 1] in _ASCII_ALNUM:
        a -= 1
    b = i + 1
    while b < min(len(t), i + 1 + NUMBER_REACH) and t[b] in _ASCII_ALNUM:
        b += 1
    if b - a < 2 or any(t[k] not in _DIGITS for k in range(a, b) if k != i):
        return None
    return next((r for r in READINGS.get(ch, "") if r in _DIGITS), None)


DIGIT_SHAPES = frozenset(c for c, r in READINGS.items() if any(d in _DIGITS for d in r))
"""Look-alikes of a digit as well as a letter (O and 0, l and 1)."""


_HEX_PREFIX_RE = re.compile("0[xX]")


def digits_of_names(t: str, recs: list[Rec]) -> list[Rec]:
    """``recs`` with the look-alikes of a letter and a digit that they read as a letter
    read as the digit where they stand in a number or end a name
    (:func:`.forms.letters_as_digits`: ``argv𐌏`` is argv0, ``0211ꓳ`` a number): each
    is read with the ASCII letters and digits glued to it, at most :data:`NUMBER_REACH`
    on each side (one bounded look per such record: linear time)."""
    changed = False
    result = recs
    shapes = DIGIT_SHAPES
    # one cheap test per record (an attacked text has one every few words; a few per
    # megabyte hold such a look-alike), the rest only for those
    held = [
        n
        for n, r in enumerate(recs)
        if t[r[0]] in shapes or (r[1] - r[0] > 1 and not shapes.isdisjoint(t[r[0] : r[1]]))
    ]
    size = len(t)
    for n in held:
        r = recs[n]
        rep = r.replacement
        if r.kind is not Kind.HOMOGLYPH or not rep or len(rep) != r.end - r.start:
            continue
        before = t[r.start - 1] if r.start else ""
        after = t[r.end] if r.end < size else ""
        if not (
            before in _DIGITS
            or after in _DIGITS
            or after in forms.HEX_MARKS
            or ("O" in rep and after not in _ASCII_ALNUM)
            or (
                before in forms.HEX_DIGITS
                and _HEX_PREFIX_RE.search(t, max(0, r.start - NUMBER_REACH), r.start)
            )
        ):
            continue  # no rule of letters_as_digits can apply: no digit, no name's end
        a, b = r.start, r.end
        while a > max(0, r.start - NUMBER_REACH) and t[a - 1] in _ASCII_ALNUM:
            a -= 1
        while b < min(len(t), r.end + NUMBER_REACH) and t[b] in _ASCII_ALNUM:
            b += 1
        reading = [*t[a : r.start], *rep, *t[r.end : b]]
        forms.letters_as_digits(reading, t[a:b], t[a - 1] if a else "")
        new = "".join(reading[r.start - a : r.end - a])
        if new == rep:
            continue
        if not changed:
            result, changed = list(recs), True
        why = (
            f"look-alikes stand in for the digits of {t[a:b]!r}, which reads "
            f"{''.join(reading)!r} (a number, or a name's number: "
            f"{', '.join(dict.fromkeys(label(t[k]) for k in range(r.start, r.end)))})"
        )
        result[n] = r._replace(replacement=new, explanation=why)
    return result
