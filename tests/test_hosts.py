"""Host names judged as a browser judges them (engine/hosts.py, issue 14 class 2).

Coverage by construction: every character that reads as a Latin letter (the whole
look-alike table: ``READINGS`` and ``TO_LATIN``) is put in a few well-known domains,
in a URL, an e-mail address and a bare host inside English sentences; each must be
flagged and restored.  Genuine internationalized names stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _timing import cpu_cost

import decloak
from decloak.engine import hosts
from decloak.engine.classes import READINGS, TO_LATIN

DOMAINS = (
    "google.com",
    "microsoft.com",
    "paypal.com",
    "amazon.com",
    "github.com",
    "wikipedia.org",
    "dropbox.com",
    "netflix.com",
    "whatsapp.com",
    "linkedin.com",
    "quizlet.com",
    "jw.org",
    "xbox.com",
    "vk.com",
)
TEMPLATES = (
    "Please sign in at https://{h}/login to confirm your account.",
    "Send the signed contract to legal@{h} before Friday.",
    "We have moved our documentation to {h}, update your bookmarks.",
)


def _cases() -> list[tuple[str, str, str]]:
    """(character, text, expected) for every look-alike of a Latin letter: the letter
    swapped into the first domain that holds it, in each position in turn."""
    table = dict(READINGS)
    for c, r in TO_LATIN.items():
        table.setdefault(c, r)
    out = []
    for n, (c, reads) in enumerate(sorted(table.items())):
        letter = next((x for x in reads if x.isalpha()), None)
        if letter is None:
            continue
        domain = next((d for d in DOMAINS if letter.lower() in d.split(".")[0]), None)
        if domain is None:
            continue
        i = domain.index(letter.lower())
        template = TEMPLATES[n % len(TEMPLATES)]
        host = domain[:i] + c + domain[i + 1 :]
        out.append((c, template.format(h=host), template.format(h=domain)))
    return out


CASES = _cases()


def test_the_construction_covers_the_table() -> None:
    assert len(CASES) > 1500


def test_every_lookalike_in_a_host_name_is_flagged_and_restored() -> None:
    missed, wrong = [], []
    for c, text, expected in CASES:
        if not decloak.scan(text).findings:
            missed.append(f"U+{ord(c):04X}")
            continue
        # a capital look-alike opening the name reads as a capital ("Μicrosoft.com"):
        # the same host name
        if decloak.clean(text).text.lower() != expected.lower():
            wrong.append(f"U+{ord(c):04X}")
    assert not missed, f"not flagged: {missed[:20]} ({len(missed)})"
    assert not wrong, f"not restored: {wrong[:20]} ({len(wrong)})"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Log in at https://m\u0269cr\u1d0fsoft.com now.", "Log in at https://microsoft.com now."),
        ("Visit \u0261oogle.com today.", "Visit google.com today."),
        ("Visit \u050d\u043e\u043e\u050d\u04cf\u0435.com today.", "Visit google.com today."),
        ("Mail me at ann@\u0430pple.com please.", "Mail me at ann@apple.com please."),
        ("See https://www.sc\u0131encedirect.com/x", "See https://www.sciencedirect.com/x"),
        ("See stackover\u0192low.com for it.", "See stackoverflow.com for it."),
        ("Go to www.\u017fedoraproject.org now.", "Go to www.fedoraproject.org now."),
        ("It is at amazo\u207f.com.", "It is at amazon.com."),
        ("It is at \U0001d6be.com.", "It is at X.com."),  # no ASCII letter: the case seen
        ("Try you\u4e05ube.com instead.", "Try youtube.com instead."),
        ("Try inte\U0001d7e3.com instead.", "Try intel.com instead."),
    ],
)
def test_issue_examples_are_restored(text: str, expected: str) -> None:
    assert decloak.scan(text).findings
    assert decloak.clean(text).text == expected
    assert decloak.clean(expected).text == expected


GENUINE = [
    "b\u00fccher.de",
    "m\u00fcnchen.de",
    "\u044f\u043d\u0434\u0435\u043a\u0441.\u0440\u0444",
    "\u4f8b\u3048.\u30c6\u30b9\u30c8",
    "\u03b5\u03bb\u03bb\u03ac\u03b4\u03b1.gr",
    "\u0570\u0561\u0575.am",
    "\u043a\u0443\u0440\u0441.ru",  # a Russian word of Latin look-alikes, under .ru
    "\u0441\u043e\u0441\u043e.\u0440\u0444",
    "\u03b1\u03b8\u03ae\u03bd\u03b1.\u03b5\u03bb",
    "\u043f\u0440\u0438\u043c\u0435\u0440.\u0438\u0441\u043f\u044b\u0442\u0430\u043d\u0438\u0435",
    "\u043c\u043e\u0441\u043a\u0432\u0430.\u0440\u0443\u0441",
    "\u043a\u0438\u0457\u0432.\u0443\u043a\u0440",
    "\u10e1\u10d0\u10e5\u10d0\u10e0\u10d7\u10d5\u10d4\u10da\u10dd.ge",
    "\u0ea5\u0eb2\u0ea7.la",
    "\u0e44\u0e17\u0e22.th",
    "\u05ea\u05e4\u05d5\u05d6.co.il",
    "\u0645\u062b\u0627\u0644.\u0625\u062e\u062a\u0628\u0627\u0631",
    "alt\u0131n.com",  # Turkish "gold": dotless i, no English reading
    "\u0131\u015f\u0131k.com.tr",
    "h\u00e1sk\u00f3li.is",
    "\u00fej\u00f3\u00f0.is",
    "\u0111i\u1ec7nthoa\u1ea1i.vn",
    "\u4e2d\u56fd\u653f\u5e9c.\u7f51\u5740",
    "\ud55c\uad6d.kr",
]


@pytest.mark.parametrize("host", GENUINE)
@pytest.mark.parametrize(
    "template", ["{h}", "Mail sent to info@{h} reaches the office.", "See https://{h}/docs now."]
)
def test_genuine_names_stay_identical(host: str, template: str) -> None:
    text = template.format(h=host)
    assert decloak.clean(text).text == text
    assert not decloak.scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        # a Kasem sentence that lost its space after the full stop (UDHR nku)
        "Y\u028b\u028bn l\u025b y\u0269\u0269nd\u0269.H\u0254 tiri d\u025b h\u0254 ya",
        # IPA with syllable dots
        "It is pronounced /\u02c8h\u00e6.pi/ or [\u0261\u028a.di] there.",
        # a genuine Russian sentence with a host
        "\u041f\u043e\u0434\u0440\u043e\u0431\u043d\u043e\u0441\u0442\u0438 \u043d\u0430 "
        "\u0441\u0430\u0439\u0442\u0435 https://\u043f\u0440\u0430\u0432\u0438\u0442\u0435"
        "\u043b\u044c\u0441\u0442\u0432\u043e.\u0440\u0444/docs \u0438 \u0432 \u043f\u0440\u0438"
        "\u043b\u043e\u0436\u0435\u043d\u0438\u0438.",
    ],
)
def test_text_around_dots_is_not_a_host(text: str) -> None:
    assert decloak.clean(text).text == text
    assert not decloak.scan(text).findings


def test_a_refused_host_in_other_script_text_is_flagged_not_changed() -> None:
    text = (
        "\u041f\u0438\u0448\u0438\u0442\u0435 \u043d\u0430 "
        "\u050d\u043e\u043e\u050d\u04cf\u0435.com \u0441\u0435\u0433\u043e\u0434\u043d\u044f."
    )
    report = decloak.scan(text)
    assert [f.repaired for f in report.findings] == [False]
    assert decloak.clean(text).text == text


def test_explanations_are_plain_words() -> None:
    [f] = decloak.scan("Visit \u050d\u043e\u043e\u050d\u04cf\u0435.com today.").findings
    assert f.explanation == (
        "the host name '\u050d\u043e\u043e\u050d\u04cf\u0435.com' is not what it seems: its "
        "label '\u050d\u043e\u043e\u050d\u04cf\u0435' holds U+050D CYRILLIC SMALL LETTER KOMI "
        "SJE, a character browsers do not show in host names; a browser would show it as "
        "'xn--e1ara49ctjc.com', and a reader takes it for 'google'"
    )
    [f] = decloak.scan("Go to \u0441\u0430\u0441\u0430.com now.").findings
    assert f.explanation == (
        "the host name '\u0441\u0430\u0441\u0430.com' is not what it seems: its label "
        "'\u0441\u0430\u0441\u0430' is spelled only in Cyrillic letters that look like Latin "
        "ones; a browser would show it as 'xn--80aa3cb.com', and a reader takes it for 'caca'"
    )
    [f] = decloak.scan("Go to paypa\u0430l.com now.").findings
    assert "mixes Cyrillic and Latin letters" in f.explanation
    [f] = decloak.scan("See www.sc\u0131encedirect.com now.").findings
    assert "reads 'sciencedirect', with dotless \u0131 for i" in f.explanation


@pytest.mark.parametrize(
    ("label", "tld", "refused"),
    [
        ("g\u043e\u043egle", "com", True),  # mixed Cyrillic and Latin
        ("\u0441\u0430\u0441\u0430", "com", True),  # whole-script confusable
        ("\u0441\u0430\u0441\u0430", "ru", False),  # ... under the country's own domain
        ("\u0441\u0430\u0441\u0430", "\u0440\u0444", False),  # ... under a Cyrillic one
        ("\u4f8b\u3048abc", "jp", False),  # Latin with Han and kana: allowed
        ("\u4f8b\u3048\u00fc", "jp", True),  # Latin beyond ASCII with Han: refused
        ("\u0661\u0662", "com", True),  # digits of another script only
        ("\u00fej\u00f3\u00f0", "com", True),  # Icelandic letters outside .is/.fo
        ("\u00fej\u00f3\u00f0", "is", False),
        ("i\u0307nstagram", "com", True),  # a dot above on i
    ],
)
def test_label_rules(label: str, tld: str, refused: bool) -> None:
    assert (hosts.label_reason(label, tld, False, None) is not None) is refused


def test_punycode_is_what_a_browser_shows() -> None:
    assert hosts.punycode("m\u00fcnchen.de") == "xn--mnchen-3ya.de"
    assert hosts.punycode("\U0001d6be.com") == "xn--8xa.com"  # mapped (χ) first
    assert hosts.punycode("amazo\u207f.com") == "amazon.com"


N = 20_000
RATIO_BOUND = 8.0

ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "one huge host-like token": lambda n: "\u0261" + "a.b" * (n // 3) + ".com",
    "one huge label": lambda n: "\u0261" * n + ".com",
    "many hosts in one paragraph": lambda n: "\u0261oogle.com \u0430pple.com " * (n // 22),
    "many hosts with a rare letter": lambda n: "\u0269nstagram.com " * (n // 14),
    "dots and look-alikes": lambda n: "\u0261." * (n // 2),
    "runs split by slashes, no space": lambda n: "a/b.c\u0261/" * (n // 7),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_cost_is_linear(name: str) -> None:
    make = ADVERSARIAL[name]
    small = cpu_cost(lambda: decloak.clean(make(N)))
    big = cpu_cost(lambda: decloak.clean(make(4 * N)))
    assert big / small < RATIO_BOUND, f"{name}: 4x input cost {big / small:.1f}x"


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_hosts_are_idempotent(name: str) -> None:
    once = decloak.clean(ADVERSARIAL[name](3000)).text
    assert decloak.clean(once).text == once


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a top-level domain in look-alikes after ASCII names: no real one is
        (
            "Visit example.\N{CYRILLIC SMALL LETTER ES}\N{CYRILLIC SMALL LETTER O}m now.",
            "Visit example.com now.",
        ),
        (
            "See systemd.\N{CYRILLIC SMALL LETTER IE}\N{CYRILLIC SMALL LETTER HA}"
            "\N{CYRILLIC SMALL LETTER IE}\N{CYRILLIC SMALL LETTER ES}(5).",
            "See systemd.exec(5).",
        ),
        # genuine: a Cyrillic name under a Cyrillic top-level domain
        (
            "Visit \N{CYRILLIC SMALL LETTER KA}\N{CYRILLIC SMALL LETTER EM}\N{CYRILLIC SMALL LETTER U}."
            "\N{CYRILLIC SMALL LETTER U}\N{CYRILLIC SMALL LETTER KA}\N{CYRILLIC SMALL LETTER ER} now.",
            None,
        ),
        # a one-character label in code keeps its letter and case
        ("w = self.\N{CYRILLIC CAPITAL LETTER DZE}.", "w = self.S."),
    ],
)
def test_lookalike_top_level_domains_and_one_letter_labels(text: str, want: str | None) -> None:
    out = decloak.clean(text).text
    assert out == (text if want is None else want)
    assert decloak.clean(out).text == out
