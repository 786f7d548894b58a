/*
 * decloak._speedups: the engine's hot loops in C (the letters stage's counts and
 * words, stage A's scan for special characters, the edits to apply).
 *
 * A line-for-line twin of decloak/kernel.py (py_counts, py_words, py_runs,
 * py_edits, py_apply); tests check that both give identical results.  It only classifies characters through two
 * 0x110000-byte tables built by decloak.engine; every decision stays in Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define TABLE_SIZE 0x110000

enum {
    F_WORD = 1,
    F_LETTER = 2,
    F_LATIN = 4,
    F_LOOK = 8,
    F_NATIVE = 16,
    F_COMPAT = 32,
    F_UNAMB = 64,
    F_CJK = 128,
};

enum { W_MIXED = 1, W_WHOLE = 2, W_COMPAT = 4 };
#define S_HIGH 0x80
#define CONF_HIGH 0.95
#define CONF_LOOK 0.85

static int
check_table(Py_buffer *b, const char *what, Py_ssize_t width)
{
    if (b->len != TABLE_SIZE * width) {
        PyErr_Format(PyExc_ValueError, "%s table must have %zd bytes", what,
                     (Py_ssize_t)TABLE_SIZE * width);
        return -1;
    }
    return 0;
}

static void
clamp(Py_ssize_t n, Py_ssize_t *s, Py_ssize_t *e)
{
    if (*s < 0) *s = 0;
    if (*e > n) *e = n;
    if (*s > *e) *s = *e;
}

/* counts(text, start, end, cls, scr) -> (unambiguous latin, any latin, natives,
 * any cjk, ((script number, natives), ...) for the scripts present) */
static PyObject *
counts(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t s, e;
    Py_buffer cls, scr;
    if (!PyArg_ParseTuple(args, "Unny*y*", &text, &s, &e, &cls, &scr))
        return NULL;
    if (check_table(&cls, "class", 1) < 0 || check_table(&scr, "script", 1) < 0) {
        PyBuffer_Release(&cls);
        PyBuffer_Release(&scr);
        return NULL;
    }
    const unsigned char *C = (const unsigned char *)cls.buf;
    const unsigned char *S = (const unsigned char *)scr.buf;
    Py_ssize_t per[64] = {0};
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    clamp(PyUnicode_GET_LENGTH(text), &s, &e);
    Py_ssize_t unamb = 0, latin = 0, native = 0, cjk = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 cp = PyUnicode_READ(kind, data, i);
        unsigned char f = C[cp];
        if (!f)
            continue;
        if (f & F_UNAMB) unamb++;
        if (f & F_LATIN) latin = 1;
        if (f & F_NATIVE) {
            native++;
            per[S[cp] & 0x3F]++;
        }
        if (f & F_CJK) cjk = 1;
    }
    PyBuffer_Release(&cls);
    PyBuffer_Release(&scr);
    PyObject *pairs = PyList_New(0);
    if (pairs == NULL)
        return NULL;
    for (int k = 0; native && k < 64; k++) {
        if (!per[k])
            continue;
        PyObject *pair = Py_BuildValue("(in)", k, per[k]);
        if (pair == NULL || PyList_Append(pairs, pair) < 0) {
            Py_XDECREF(pair);
            Py_DECREF(pairs);
            return NULL;
        }
        Py_DECREF(pair);
    }
    PyObject *tup = PyList_AsTuple(pairs);
    Py_DECREF(pairs);
    if (tup == NULL)
        return NULL;
    return Py_BuildValue("(nnnnN)", unamb, latin, native, cjk, tup);
}

/* The record type and constants a run becomes: Rec(start, end, kind, reading,
 * confidence, explanation, payload=None, repair=True).  Rec is a NamedTuple, a
 * tuple subclass without fields of its own, so it is allocated like a tuple. */
typedef struct {
    PyTypeObject *type;
    PyObject *kind;
    PyObject *why;
} RecSpec;

/* The two confidences as shared float objects (made at import). */
static PyObject *conf_high, *conf_look;

/* A record, untracked by the cyclic garbage collector.  Why: an attacked text
 * gives one record per few characters, and every collection would walk them all
 * (a tenth of the time of cleaning such text, growing with the text's size).
 * Untracking is safe because a record cannot be part of a reference cycle: it
 * refers only to ints, strings, a float, None, True and an enum member, none of
 * which can refer back to it (CPython untracks tuples of atomic values itself;
 * the enum member is the only item that keeps it from doing so here). */
static PyObject *
make_rec(const RecSpec *rs, Py_ssize_t a, Py_ssize_t b, PyObject *rep, double conf)
{
    if (rs->type == NULL)
        return Py_BuildValue("(nnOd)", a, b, rep, conf);
    PyObject *rec = rs->type->tp_alloc(rs->type, 8);
    if (rec == NULL)
        return NULL;
    PyObject *shared = conf == CONF_HIGH ? conf_high : conf == CONF_LOOK ? conf_look : NULL;
    PyObject *items[8] = {
        PyLong_FromSsize_t(a),
        PyLong_FromSsize_t(b),
        Py_NewRef(rs->kind),
        Py_NewRef(rep),
        shared ? Py_NewRef(shared) : PyFloat_FromDouble(conf),
        Py_NewRef(rs->why),
        Py_NewRef(Py_None),
        Py_NewRef(Py_True),
    };
    int bad = items[0] == NULL || items[1] == NULL || items[4] == NULL;
    for (int k = 0; k < 8; k++) {
        if (items[k] == NULL) { bad = 1; continue; }
        PyTuple_SET_ITEM(rec, k, items[k]);
    }
    if (bad) {
        Py_DECREF(rec);
        return NULL;
    }
    if (PyObject_GC_IsTracked(rec))
        PyObject_GC_UnTrack(rec);
    return rec;
}

/* Append the look-alike runs of ws..we as records (or (start, end, reading, confidence)). */
static int
append_runs(PyObject *runs, int kind, const void *data, Py_ssize_t ws, Py_ssize_t we,
            const unsigned char *C, const unsigned char *S, const unsigned char *T,
            const RecSpec *rs)
{
    Py_ssize_t k = ws;
    while (k < we) {
        if (!(C[PyUnicode_READ(kind, data, k)] & F_LOOK)) {
            k++;
            continue;
        }
        Py_ssize_t a = k;
        Py_UCS4 maxc = 0;
        int high = 0;
        while (k < we) {
            Py_UCS4 cp = PyUnicode_READ(kind, data, k);
            if (!(C[cp] & F_LOOK))
                break;
            Py_UCS4 to = (Py_UCS4)T[2 * cp] | ((Py_UCS4)T[2 * cp + 1] << 8);
            if (to > maxc) maxc = to;
            if (S[cp] & S_HIGH) high = 1;
            k++;
        }
        PyObject *rep;
        if (k - a == 1) {
            /* one letter, the common case: CPython's shared one-character string */
            rep = PyUnicode_FromOrdinal(maxc);
            if (rep == NULL)
                return -1;
        }
        else {
            rep = PyUnicode_New(k - a, maxc);
            if (rep == NULL)
                return -1;
            int rkind = PyUnicode_KIND(rep);
            void *rdata = PyUnicode_DATA(rep);
            for (Py_ssize_t j = a; j < k; j++) {
                Py_UCS4 cp = PyUnicode_READ(kind, data, j);
                Py_UCS4 to = (Py_UCS4)T[2 * cp] | ((Py_UCS4)T[2 * cp + 1] << 8);
                PyUnicode_WRITE(rkind, rdata, j - a, to);
            }
        }
        PyObject *item = make_rec(rs, a, k, rep, high ? CONF_HIGH : CONF_LOOK);
        Py_DECREF(rep);
        if (item == NULL)
            return -1;
        int bad = PyList_Append(runs, item);
        Py_DECREF(item);
        if (bad < 0)
            return -1;
    }
    return 0;
}

/* The (start, end, start, end, ...) spans of look-alikes in ws..we, as a tuple. */
static PyObject *
spans(int kind, const void *data, Py_ssize_t ws, Py_ssize_t we, const unsigned char *C)
{
    PyObject *lst = PyList_New(0);
    if (lst == NULL)
        return NULL;
    Py_ssize_t k = ws;
    while (k < we) {
        if (!(C[PyUnicode_READ(kind, data, k)] & F_LOOK)) {
            k++;
            continue;
        }
        Py_ssize_t a = k;
        while (k < we && (C[PyUnicode_READ(kind, data, k)] & F_LOOK))
            k++;
        PyObject *pa = PyLong_FromSsize_t(a), *pb = PyLong_FromSsize_t(k);
        int bad = pa == NULL || pb == NULL || PyList_Append(lst, pa) < 0 ||
                  PyList_Append(lst, pb) < 0;
        Py_XDECREF(pa);
        Py_XDECREF(pb);
        if (bad) {
            Py_DECREF(lst);
            return NULL;
        }
    }
    PyObject *tup = PyList_AsTuple(lst);
    Py_DECREF(lst);
    return tup;
}

/* Classify the words of s..e: Latin words settled in bulk go to `runs` (as
 * records), the other words worth a decision to `others`. */
static int
scan_words(int kind, const void *data, Py_ssize_t s, Py_ssize_t e, const unsigned char *C,
           const unsigned char *S, const unsigned char *T, int want_whole, int latin,
           const RecSpec *rs, PyObject *runs, PyObject *others, Py_ssize_t *simple)
{
    Py_ssize_t i = s;
    while (i < e) {
        if (!(C[PyUnicode_READ(kind, data, i)] & F_WORD)) {
            i++;
            continue;
        }
        Py_ssize_t ws = i;
        uint64_t mask = 0;
        Py_ssize_t letters = 0, nlatin = 0, look = 0;
        int compat = 0;
        while (i < e) {
            Py_UCS4 cp = PyUnicode_READ(kind, data, i);
            unsigned char f = C[cp];
            if (!(f & F_WORD))
                break;
            if (f & F_LETTER) {
                letters++;
                unsigned char sc = S[cp] & 0x3F;
                if (sc)
                    mask |= (uint64_t)1 << sc;
                if (f & F_LATIN) nlatin++;
                if (f & F_LOOK) look++;
            }
            if (f & F_COMPAT)
                compat = 1;
            i++;
        }
        Py_ssize_t we = i;
        int several = (mask & (mask - 1)) != 0;
        long flags = 0;
        if (several) flags |= W_MIXED;
        if (want_whole && letters && look == letters && !several) flags |= W_WHOLE;
        if (compat) flags |= W_COMPAT;
        if (!flags)
            continue;
        int plain = (flags & W_MIXED) && nlatin && nlatin + look == letters;
        if (latin && plain && flags == W_MIXED) {
            (*simple)++;
            if (append_runs(runs, kind, data, ws, we, C, S, T, rs) < 0)
                return -1;
            continue;
        }
        PyObject *sp = plain ? spans(kind, data, ws, we, C) : Py_NewRef(Py_None);
        if (sp == NULL)
            return -1;
        PyObject *item = Py_BuildValue("(nnlKN)", ws, we, flags, (unsigned long long)mask, sp);
        if (item == NULL)
            return -1;
        int bad = PyList_Append(others, item);
        Py_DECREF(item);
        if (bad < 0)
            return -1;
    }
    return 0;
}

static int
parse_recspec(PyObject *rec_type, RecSpec *rs)
{
    if (rec_type == NULL || rec_type == Py_None)
        return 0;
    if (!PyType_Check(rec_type) || !PyType_IsSubtype((PyTypeObject *)rec_type, &PyTuple_Type) ||
        rs->kind == NULL || rs->why == NULL) {
        PyErr_SetString(PyExc_TypeError, "rec_type must be a tuple subclass, with kind and why");
        return -1;
    }
    rs->type = (PyTypeObject *)rec_type;
    return 0;
}

/* words(text, start, end, cls, scr, tomap, want_whole, latin[, rec_type, kind, why])
 *   -> (runs, others, simple) */
static PyObject *
words(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t s, e;
    Py_buffer cls, scr, tomap;
    int want_whole, latin;
    PyObject *rec_type = NULL;
    RecSpec rs = {NULL, NULL, NULL};
    if (!PyArg_ParseTuple(args, "Unny*y*y*pp|OOO", &text, &s, &e, &cls, &scr, &tomap,
                          &want_whole, &latin, &rec_type, &rs.kind, &rs.why))
        return NULL;
    PyObject *runs = NULL, *others = NULL, *result = NULL;
    Py_ssize_t simple = 0;
    if (parse_recspec(rec_type, &rs) < 0 || check_table(&cls, "class", 1) < 0 ||
        check_table(&scr, "script", 1) < 0 || check_table(&tomap, "reading", 2) < 0)
        goto done;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    clamp(PyUnicode_GET_LENGTH(text), &s, &e);
    runs = PyList_New(0);
    others = PyList_New(0);
    if (runs == NULL || others == NULL)
        goto done;
    if (scan_words(kind, data, s, e, cls.buf, scr.buf, tomap.buf, want_whole, latin, &rs, runs,
                   others, &simple) < 0)
        goto done;
    result = Py_BuildValue("(OOn)", runs, others, simple);
done:
    Py_XDECREF(runs);
    Py_XDECREF(others);
    PyBuffer_Release(&cls);
    PyBuffer_Release(&scr);
    PyBuffer_Release(&tomap);
    return result;
}

/* --- units: the canonical partition of decloak.engine.UnitCursor ------------------ */

static int
is_blank(Py_UCS4 c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* First paragraph separator ("\n", blanks, "\n") starting at or after `from`:
 * returns its start and sets *end, or returns n (and *end = n) when none. */
static Py_ssize_t
para_sep(int kind, const void *data, Py_ssize_t n, Py_ssize_t from, Py_ssize_t *end)
{
    for (Py_ssize_t i = from; i < n; i++) {
        if (PyUnicode_READ(kind, data, i) != '\n')
            continue;
        Py_ssize_t j = i + 1;
        while (j < n && is_blank(PyUnicode_READ(kind, data, j)))
            j++;
        if (j < n && PyUnicode_READ(kind, data, j) == '\n') {
            *end = j + 1;
            return i;
        }
    }
    *end = n;
    return n;
}

/* para_sep with a memo: no separator starts in [memo->from, memo->ss), so any
 * query from inside that stretch has the same answer.  Without it, every unit of
 * a long paragraph (or of one huge line) rescanned to the paragraph's end:
 * quadratic in the paragraph's length. */
typedef struct {
    Py_ssize_t from, ss, end;
} SepMemo;

static Py_ssize_t
para_sep_memo(int kind, const void *data, Py_ssize_t n, Py_ssize_t from, Py_ssize_t *end,
              SepMemo *memo)
{
    if (memo->from >= 0 && from >= memo->from && from <= memo->ss) {
        *end = memo->end;
        return memo->ss;
    }
    Py_ssize_t ss = para_sep(kind, data, n, from, end);
    memo->from = from;
    memo->ss = ss;
    memo->end = *end;
    return ss;
}

static Py_ssize_t
word_end_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t pos, const unsigned char *C)
{
    while (pos < n && (C[PyUnicode_READ(kind, data, pos)] & F_WORD))
        pos++;
    return pos;
}

/* engine.window_end: after the last "\n" (else " ") in s+max/2 .. s+max, else the
 * end of the word at s+max. */
static Py_ssize_t
window_end_c(int kind, const void *data, Py_ssize_t n, Py_ssize_t s, Py_ssize_t unit_max,
             const unsigned char *C)
{
    Py_ssize_t limit = s + unit_max, lo = s + unit_max / 2;
    Py_ssize_t hi = limit < n ? limit : n;
    const Py_UCS4 seps[2] = {'\n', ' '};
    for (int k = 0; k < 2; k++)
        for (Py_ssize_t i = hi - 1; i >= lo; i--)
            if (PyUnicode_READ(kind, data, i) == seps[k])
                return i + 1;
    if (limit >= n)
        return n;
    return word_end_at(kind, data, n, limit, C);
}

/* word_end(text, pos, cls) -> end of the run of word characters starting at pos */
static PyObject *
word_end(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t pos;
    Py_buffer cls;
    if (!PyArg_ParseTuple(args, "Uny*", &text, &pos, &cls))
        return NULL;
    if (check_table(&cls, "class", 1) < 0) {
        PyBuffer_Release(&cls);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (pos < 0) pos = 0;
    Py_ssize_t r = pos >= n ? n : word_end_at(PyUnicode_KIND(text), PyUnicode_DATA(text), n, pos,
                                              cls.buf);
    PyBuffer_Release(&cls);
    return PyLong_FromSsize_t(r);
}

/* bulk(text, start, cls, scr, tomap, unit_max, whole_words, latin_weight, rec_type, kind,
 *      why) -> (runs, complex_units, units)
 * Walks the units holding a candidate (from `start`; the partition itself starts at
 * 0).  A unit with no native letters and some Latin letter is Latin text; when all
 * its interesting words are Latin words with look-alikes, they are settled here.
 * A unit that engine._context would not judge Latin (no Latin letter at all, or
 * native letters outweighing latin_weight times the unambiguous Latin ones) and
 * that holds no word worth a decision (scan_words with want_whole and latin off,
 * exactly what engine._unit asks for there) is settled too: it gives no record.
 * Every other unit comes back in complex_units for the Python engine. */
static PyObject *
bulk(PyObject *self, PyObject *args)
{
    PyObject *text, *rec_type;
    Py_ssize_t start, unit_max;
    Py_buffer cls, scr, tomap;
    int whole_words;
    Py_ssize_t latin_weight;
    RecSpec rs = {NULL, NULL, NULL};
    if (!PyArg_ParseTuple(args, "Uny*y*y*npnOOO", &text, &start, &cls, &scr, &tomap, &unit_max,
                          &whole_words, &latin_weight, &rec_type, &rs.kind, &rs.why))
        return NULL;
    PyObject *runs = NULL, *complex = NULL, *units = NULL, *uruns = NULL, *uothers = NULL;
    PyObject *result = NULL;
    if (unit_max < 2) {
        PyErr_SetString(PyExc_ValueError, "unit_max must be at least 2");
        goto done;
    }
    if (parse_recspec(rec_type, &rs) < 0 || check_table(&cls, "class", 1) < 0 ||
        check_table(&scr, "script", 1) < 0 || check_table(&tomap, "reading", 2) < 0)
        goto done;
    const unsigned char *C = (const unsigned char *)cls.buf;
    const unsigned char *S = (const unsigned char *)scr.buf;
    const unsigned char *T = (const unsigned char *)tomap.buf;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    runs = PyList_New(0);
    complex = PyList_New(0);
    units = PyList_New(0);
    if (runs == NULL || complex == NULL || units == NULL)
        goto done;
    Py_ssize_t next = 0;         /* start of the next unit of the partition */
    Py_ssize_t pend = -1, pnext = 0; /* current paragraph's end and the next one's start */
    Py_ssize_t pos = start < 0 ? 0 : start;
    SepMemo memo = {-1, 0, 0};
    while (pos < n) {
        /* next candidate */
        Py_ssize_t p = pos;
        while (p < n && !(C[PyUnicode_READ(kind, data, p)] & (F_LOOK | F_COMPAT)))
            p++;
        if (p >= n)
            break;
        /* jump to the paragraph holding p: after the last separator before it */
        Py_ssize_t sep_end, q = next;
        for (;;) {
            Py_ssize_t ss = para_sep_memo(kind, data, n, q, &sep_end, &memo);
            if (ss >= n || sep_end > p)
                break;
            q = sep_end;
        }
        if (q > next)
            next = q;
        /* step units from `next` until one holds p */
        Py_ssize_t us, ue;
        for (;;) {
            us = next;
            if (pend < us)
                pend = para_sep_memo(kind, data, n, us, &pnext, &memo);
            if (pend - us > unit_max) {
                ue = window_end_c(kind, data, n, us, unit_max, C);
                next = ue;
            } else {
                ue = pend;
                next = pnext;
            }
            if (p < next || next >= n)
                break;
        }
        PyObject *u = Py_BuildValue("(nn)", us, ue);
        if (u == NULL || PyList_Append(units, u) < 0) {
            Py_XDECREF(u);
            goto done;
        }
        /* is it Latin text?  (the counts of engine._context) */
        Py_ssize_t natives = 0, unamb = 0;
        int any_latin = 0;
        for (Py_ssize_t i = us; i < ue; i++) {
            unsigned char f = C[PyUnicode_READ(kind, data, i)];
            if (f & F_NATIVE) natives++;
            if (f & F_UNAMB) unamb++;
            if (f & F_LATIN) any_latin = 1;
        }
        int not_latin = natives ? !(unamb && latin_weight * unamb >= natives) : !any_latin;
        int latin_text = !natives && any_latin;
        int settled = 0;
        if (not_latin || latin_text) {
            /* what engine._unit asks for: whole words and bulk runs in Latin text only
             * (so a non-Latin unit never gives runs here, only words to judge) */
            Py_ssize_t simple = 0;
            uruns = PyList_New(0);
            uothers = PyList_New(0);
            if (uruns == NULL || uothers == NULL ||
                scan_words(kind, data, us, ue, C, S, T, latin_text && whole_words, latin_text,
                           &rs, uruns, uothers, &simple) < 0) {
                Py_DECREF(u);
                goto done;
            }
            if (PyList_GET_SIZE(uothers) == 0) {
                settled = 1;
                for (Py_ssize_t k = 0; k < PyList_GET_SIZE(uruns); k++)
                    if (PyList_Append(runs, PyList_GET_ITEM(uruns, k)) < 0) {
                        Py_DECREF(u);
                        goto done;
                    }
            }
            Py_CLEAR(uruns);
            Py_CLEAR(uothers);
        }
        if (!settled) {
            /* (start, end, number of settled runs before this unit) */
            PyObject *cu = Py_BuildValue("(nnn)", us, ue, PyList_GET_SIZE(runs));
            if (cu == NULL || PyList_Append(complex, cu) < 0) {
                Py_XDECREF(cu);
                Py_DECREF(u);
                goto done;
            }
            Py_DECREF(cu);
        }
        Py_DECREF(u);
        pos = ue > p ? ue : p + 1;
    }
    result = Py_BuildValue("(OOO)", runs, complex, units);
done:
    Py_XDECREF(uruns);
    Py_XDECREF(uothers);
    Py_XDECREF(runs);
    Py_XDECREF(complex);
    Py_XDECREF(units);
    PyBuffer_Release(&cls);
    PyBuffer_Release(&scr);
    PyBuffer_Release(&tomap);
    return result;
}

/* runs(text, start, scr, scr_mask) -> [(start, end), ...]: the maximal runs of
 * characters whose script byte has a bit of scr_mask, from `start` on (stage A's
 * special characters: what engine.SPECIAL_RE finds, without a regex over every
 * character). */
static PyObject *
runs(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t s;
    Py_buffer scr;
    int smask;
    if (!PyArg_ParseTuple(args, "Uny*i", &text, &s, &scr, &smask))
        return NULL;
    if (check_table(&scr, "script", 1) < 0) {
        PyBuffer_Release(&scr);
        return NULL;
    }
    const unsigned char *S = (const unsigned char *)scr.buf;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), e = n;
    clamp(n, &s, &e);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto done;
    for (Py_ssize_t i = s; i < n;) {
        if (!(S[PyUnicode_READ(kind, data, i)] & smask)) {
            i++;
            continue;
        }
        Py_ssize_t a = i++;
        while (i < n && (S[PyUnicode_READ(kind, data, i)] & smask))
            i++;
        PyObject *pair = Py_BuildValue("(nn)", a, i);
        if (pair == NULL || PyList_Append(out, pair) < 0) {
            Py_XDECREF(pair);
            Py_CLEAR(out);
            goto done;
        }
        Py_DECREF(pair);
    }
done:
    PyBuffer_Release(&scr);
    return out;
}

/* find(text, start, end, cls, cls_mask, scr, scr_mask) -> first index whose class
 * byte has a bit of cls_mask or whose script byte has a bit of scr_mask, or -1 */
static PyObject *
find(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t s, e;
    Py_buffer cls, scr;
    int cmask, smask;
    if (!PyArg_ParseTuple(args, "Unny*iy*i", &text, &s, &e, &cls, &cmask, &scr, &smask))
        return NULL;
    Py_ssize_t hit = -1;
    if (check_table(&cls, "class", 1) < 0 || check_table(&scr, "script", 1) < 0) {
        PyBuffer_Release(&cls);
        PyBuffer_Release(&scr);
        return NULL;
    }
    const unsigned char *C = (const unsigned char *)cls.buf;
    const unsigned char *S = (const unsigned char *)scr.buf;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    clamp(PyUnicode_GET_LENGTH(text), &s, &e);
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 cp = PyUnicode_READ(kind, data, i);
        if ((C[cp] & cmask) || (S[cp] & smask)) {
            hit = i;
            break;
        }
    }
    PyBuffer_Release(&cls);
    PyBuffer_Release(&scr);
    return PyLong_FromSsize_t(hit);
}

/* edits(recs) -> the records to apply: those with repair (item 7) true and a
 * replacement (item 3), skipping any that starts inside the previous one kept
 * (nested in a larger edit).  The loop of engine.apply_recs; attacked text has
 * one record per few hundred characters. */
static PyObject *
edits(PyObject *self, PyObject *args)
{
    PyObject *recs;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &recs))
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t last_end = -1;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(recs); k++) {
        PyObject *r = PyList_GET_ITEM(recs, k);
        if (!PyTuple_Check(r) || PyTuple_GET_SIZE(r) < 8) {
            PyErr_SetString(PyExc_TypeError, "recs must be records");
            goto fail;
        }
        int repair = PyObject_IsTrue(PyTuple_GET_ITEM(r, 7));
        if (repair < 0)
            goto fail;
        if (!repair || PyTuple_GET_ITEM(r, 3) == Py_None)
            continue;
        Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 0));
        if (a == -1 && PyErr_Occurred())
            goto fail;
        if (a < last_end)
            continue;
        Py_ssize_t b = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 1));
        if (b == -1 && PyErr_Occurred())
            goto fail;
        if (PyList_Append(out, r) < 0)
            goto fail;
        last_end = b;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* apply(text, edits) -> new text; edits are sorted, non-overlapping records whose
 * items 0, 1 and 3 are start, end and replacement (str). */
static PyObject *
apply(PyObject *self, PyObject *args)
{
    PyObject *text, *edits;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyList_Type, &edits))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = PyList_GET_SIZE(edits);
    Py_ssize_t total = n, pos = 0;
    Py_UCS4 maxc = PyUnicode_MAX_CHAR_VALUE(text);
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *r = PyList_GET_ITEM(edits, k);
        if (!PyTuple_Check(r) || PyTuple_GET_SIZE(r) < 4) {
            PyErr_SetString(PyExc_TypeError, "edits must be records");
            return NULL;
        }
        Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 0));
        Py_ssize_t b = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 1));
        PyObject *rep = PyTuple_GET_ITEM(r, 3);
        if (PyErr_Occurred())
            return NULL;
        if (a < pos || b < a || b > n || !PyUnicode_Check(rep)) {
            PyErr_SetString(PyExc_ValueError, "edits overlap, leave the text or lack a str");
            return NULL;
        }
        total += PyUnicode_GET_LENGTH(rep) - (b - a);
        Py_UCS4 rm = PyUnicode_MAX_CHAR_VALUE(rep);
        if (rm > maxc) maxc = rm;
        pos = b;
    }
    PyObject *out = PyUnicode_New(total, maxc);
    if (out == NULL)
        return NULL;
    Py_ssize_t o = 0;
    pos = 0;
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *r = PyList_GET_ITEM(edits, k);
        Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 0));
        Py_ssize_t b = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 1));
        PyObject *rep = PyTuple_GET_ITEM(r, 3);
        if (a > pos) {
            PyUnicode_CopyCharacters(out, o, text, pos, a - pos);
            o += a - pos;
        }
        Py_ssize_t rl = PyUnicode_GET_LENGTH(rep);
        if (rl) {
            PyUnicode_CopyCharacters(out, o, rep, 0, rl);
            o += rl;
        }
        pos = b;
    }
    if (n > pos)
        PyUnicode_CopyCharacters(out, o, text, pos, n - pos);
    if (maxc < 128)
        return out;
    /* The edits may have removed the widest characters (Cyrillic look-alikes in
     * English): CPython strings must use the narrowest kind that fits, or
     * equality with ordinary strings fails.  Rebuild in canonical form. */
    PyObject *canon = PyUnicode_FromKindAndData(PyUnicode_KIND(out), PyUnicode_DATA(out), total);
    Py_DECREF(out);
    return canon;
}

static PyMethodDef methods[] = {
    {"bulk", bulk, METH_VARARGS,
     "bulk(text, start, cls, scr, tomap, unit_max, whole_words, latin_weight, rec_type, kind,"
     " why)"
     " -> (runs, complex_units, units)"},
    {"runs", runs, METH_VARARGS,
     "runs(text, start, scr, scr_mask) -> [(start, end), ...] of characters with a scr_mask bit"},
    {"word_end", word_end, METH_VARARGS, "word_end(text, pos, cls) -> end of the word run"},
    {"apply", apply, METH_VARARGS, "apply(text, edits) -> text with the edits made"},
    {"edits", edits, METH_VARARGS, "edits(recs) -> the repairable, non-nested records"},
    {"find", find, METH_VARARGS,
     "find(text, start, end, cls, cls_mask, scr, scr_mask) -> first matching index or -1"},
    {"counts", counts, METH_VARARGS,
     "counts(text, start, end, cls, scr) -> (unambiguous latin, any latin, natives, any cjk,"
     " natives per script)"},
    {"words", words, METH_VARARGS,
     "words(text, start, end, cls, scr, tomap, want_whole, latin[, rec_type, kind, why])"
     " -> (runs, others, simple)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "decloak._speedups",
    "C twin of decloak.kernel's hot loops.", -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    if (conf_high == NULL) {
        conf_high = PyFloat_FromDouble(CONF_HIGH);
        conf_look = PyFloat_FromDouble(CONF_LOOK);
        if (conf_high == NULL || conf_look == NULL)
            return NULL;
    }
    return PyModule_Create(&module);
}
