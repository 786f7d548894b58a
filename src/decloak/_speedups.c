/*
 * decloak._speedups: the scanning and counting primitives of decloak.kernel, in C.
 *
 * Each function here has a line-for-line twin in decloak/kernel.py (py_counts,
 * py_units, py_words, py_find, py_runs, py_word_end, py_edits, py_shifted, py_apply,
 * py_foreign_dot, py_foreign_dots, and the helper counts_as_candidate), and tests
 * check that both give identical results on random and adversarial text.  untrack()
 * only spares the garbage collector work; its twin py_untrack does nothing.
 * The functions only classify characters through per-code-point tables built by
 * decloak.engine.classes and walk the structure decloak.engine.structure defines;
 * every decision (which unit is Latin text, which confidence a look-alike earns,
 * what to repair) is made in Python and handed down as arguments.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define TABLE_SIZE 0x110000

/* The hot loops are written once with the string kind as a parameter and forced
 * inline into a dispatcher that calls them with a constant kind (BY_KIND): the
 * compiler then drops PyUnicode_READ's switch from every character of the loop,
 * which otherwise costs more than the table lookups the loop is for. */
#define INLINE static inline __attribute__((always_inline))
#define BY_KIND(kind, call)                                                                  \
    ((kind) == PyUnicode_1BYTE_KIND   ? call(PyUnicode_1BYTE_KIND)                            \
     : (kind) == PyUnicode_2BYTE_KIND ? call(PyUnicode_2BYTE_KIND)                            \
                                      : call(PyUnicode_4BYTE_KIND))

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
#define S_OTHER_FORM 0x20
#define S_INDEX 0x1F

static int
ascii_alnum(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
number_joiner(Py_UCS4 c)
{
    return c == '.' || c == '-' || c == '(' || c == ')';
}

/* Whether the character at i (of n, a candidate by its class byte f) counts as one:
 * another script's Latin-like (S_OTHER_FORM) does only beside an ASCII letter or digit,
 * or one dot, hyphen or bracket away from one. */
/* Index of the first non-ASCII character in i..e, or e: eight (four, two) characters
 * at a time.  Attacked text is mostly ASCII with a foreign letter every few dozen
 * characters, and no ASCII word is ever worth a decision. */
INLINE Py_ssize_t
next_non_ascii(int kind, const void *data, Py_ssize_t i, Py_ssize_t e)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = (const Py_UCS1 *)data;
        for (; i + 8 <= e; i += 8) {
            uint64_t w;
            memcpy(&w, d + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
        }
        while (i < e && d[i] < 0x80)
            i++;
    }
    else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *d = (const Py_UCS2 *)data;
        for (; i + 4 <= e; i += 4) {
            uint64_t w;
            memcpy(&w, d + i, 8);
            if (w & 0xFF80FF80FF80FF80ULL)
                break;
        }
        while (i < e && d[i] < 0x80)
            i++;
    }
    else {
        const Py_UCS4 *d = (const Py_UCS4 *)data;
        for (; i + 2 <= e; i += 2) {
            uint64_t w;
            memcpy(&w, d + i, 8);
            if (w & 0xFFFFFF80FFFFFF80ULL)
                break;
        }
        while (i < e && d[i] < 0x80)
            i++;
    }
    return i;
}

INLINE int
counts_as_candidate(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, unsigned char f,
                    unsigned char s)
{
    if (!(s & S_OTHER_FORM) || (f & F_LOOK))
        return 1;
    for (int d = -1; d <= 1; d += 2) {
        Py_ssize_t j = i + d;
        if (j < 0 || j >= n)
            continue;
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (ascii_alnum(c))
            return 1;
        if (number_joiner(c) && j + d >= 0 && j + d < n &&
            ascii_alnum(PyUnicode_READ(kind, data, j + d)))
            return 1;
    }
    return 0;
}

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

/* The counts of s..e into `out` (items from `at` on): unambiguous latin, any latin,
 * natives, any cjk, letter forms and, when `scripts`, ((script number, natives), ...)
 * for the scripts present.  Built item by item: this runs once per unit of an attacked
 * or multilingual text.  Without `scripts` the loop has no branch but for the rare
 * letter forms: in multilingual text the kinds of neighbouring characters alternate
 * too irregularly for a branch predictor, and the per-script counts (a second table
 * read per letter) are asked only of the few units judged in Python. */
/* TALLY_INC[f]: what a character of class byte f adds to tally_k's packed counts */
static uint64_t TALLY_INC[256];

static void
init_tally_inc(void)
{
    for (unsigned f = 0; f < 256; f++)
        TALLY_INC[f] = (uint64_t)((f & F_UNAMB) != 0) | (uint64_t)((f & F_LATIN) != 0) << 16 |
                       (uint64_t)((f & F_NATIVE) != 0) << 32 | (uint64_t)((f & F_CJK) != 0) << 48;
}

typedef struct {
    Py_ssize_t unamb, latin, native, cjk, forms;
    Py_ssize_t per[64];
} Tally;

INLINE void
tally_k(int kind, const void *data, Py_ssize_t n, Py_ssize_t s, Py_ssize_t e,
        const unsigned char *C, const unsigned char *S, int scripts, Tally *t)
{
    Py_ssize_t *per = t->per;
    Py_ssize_t unamb = 0, latin = 0, native = 0, cjk = 0, forms = 0;
    /* the four counts of a class byte in one 64-bit word (16 bits each), added per
     * character: one lookup in a small table instead of four tests; a block of
     * fewer than 2^16 characters cannot carry one count into the next */
    const uint64_t *inc = TALLY_INC;
    for (Py_ssize_t lo = s; lo < e; lo += 0xFFFF) {
        Py_ssize_t hi = e - lo > 0xFFFF ? lo + 0xFFFF : e;
        uint64_t acc = 0;
        for (Py_ssize_t i = lo; i < hi; i++) {
            Py_UCS4 cp = PyUnicode_READ(kind, data, i);
            unsigned f = C[cp];
            acc += inc[f];
            if (f & F_COMPAT)
                forms += counts_as_candidate(kind, data, n, i, (unsigned char)f, S[cp]);
            if (scripts && (f & F_NATIVE))
                per[S[cp] & S_INDEX]++;
        }
        unamb += (Py_ssize_t)(acc & 0xFFFF);
        latin |= (acc >> 16 & 0xFFFF) != 0;
        native += (Py_ssize_t)(acc >> 32 & 0xFFFF);
        cjk |= (acc >> 48) != 0;
    }
    t->unamb = unamb;
    t->latin = latin;
    t->native = native;
    t->cjk = cjk;
    t->forms = forms;
}

static void
tally(int kind, const void *data, Py_ssize_t n, Py_ssize_t s, Py_ssize_t e,
      const unsigned char *C, const unsigned char *S, int scripts, Tally *t)
{
#define TALLY(K) tally_k(K, data, n, s, e, C, S, 0, t)
#define TALLY_SCRIPTS(K) tally_k(K, data, n, s, e, C, S, 1, t)
    if (scripts)
        BY_KIND(kind, TALLY_SCRIPTS);
    else
        BY_KIND(kind, TALLY);
#undef TALLY
#undef TALLY_SCRIPTS
}

static int
count_span(int kind, const void *data, Py_ssize_t n, Py_ssize_t s, Py_ssize_t e,
           const unsigned char *C, const unsigned char *S, int scripts, PyObject *out,
           Py_ssize_t at)
{
    Tally t;
    memset(t.per, 0, sizeof t.per);
    tally(kind, data, n, s, e, C, S, scripts, &t);
    Py_ssize_t *per = t.per, native = t.native;
    Py_ssize_t vals[5] = {t.unamb, t.latin, t.native, t.cjk, t.forms};
    for (int k = 0; k < 5; k++) {
        PyObject *v = PyLong_FromSsize_t(vals[k]);
        if (v == NULL)
            return -1;
        PyTuple_SET_ITEM(out, at + k, v);
    }
    if (!scripts)
        return 0;
    int present = 0;
    for (int k = 0; native && k < 64; k++)
        present += per[k] != 0;
    PyObject *tup = PyTuple_New(present);
    if (tup == NULL)
        return -1;
    PyTuple_SET_ITEM(out, at + 5, tup);
    for (int k = 0, j = 0; native && k < 64; k++) {
        if (!per[k])
            continue;
        PyObject *pair = Py_BuildValue("(in)", k, per[k]);
        if (pair == NULL)
            return -1;
        PyTuple_SET_ITEM(tup, j++, pair);
    }
    return 0;
}

/* counts(text, start, end, cls, scr) -> the counts of count_span */
static PyObject *
counts(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t s, e;
    Py_buffer cls, scr;
    if (!PyArg_ParseTuple(args, "Unny*y*", &text, &s, &e, &cls, &scr))
        return NULL;
    PyObject *out = NULL;
    if (check_table(&cls, "class", 1) == 0 && check_table(&scr, "script", 1) == 0) {
        clamp(PyUnicode_GET_LENGTH(text), &s, &e);
        out = PyTuple_New(6);
        if (out != NULL &&
            count_span(PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text), s,
                       e, cls.buf, scr.buf, 1, out, 0) < 0)
            Py_CLEAR(out);
    }
    PyBuffer_Release(&cls);
    PyBuffer_Release(&scr);
    return out;
}

/* The record type and constants a run becomes: Rec(start, end, kind, reading,
 * confidence, explanation, payload=None, repair=True).  Rec is a NamedTuple, a
 * tuple subclass without fields of its own, so it is allocated like a tuple.
 * `high` and `look` are the confidences (float objects, shared by every record)
 * of a run holding an intentional look-alike and of any other run: the engine
 * chooses them; the kernel only picks which of the two a run gets. */
typedef struct {
    PyTypeObject *type; /* NULL: plain (start, end, reading, confidence) tuples */
    int plain_alloc;    /* the type allocates as a tuple does (no allocator of its own) */
    PyObject *kind;
    PyObject *why;
    PyObject *high;
    PyObject *look;
} RecSpec;

/* A record, untracked by the cyclic garbage collector.  Why: an attacked text
 * gives one record per few characters, and every collection would walk them all
 * (a tenth of the time of cleaning such text, growing with the text's size).
 * Untracking is safe because a record cannot be part of a reference cycle: it
 * refers only to ints, strings, a float, None, True and an enum member, none of
 * which can refer back to it (CPython untracks tuples of atomic values itself;
 * the enum member is the only item that keeps it from doing so here). */
static PyObject *
make_rec(const RecSpec *rs, Py_ssize_t a, Py_ssize_t b, PyObject *rep, PyObject *conf)
{
    if (rs->type == NULL)
        return Py_BuildValue("(nnOO)", a, b, rep, conf);
    /* Allocated untracked and not zeroed when the type allocates as a tuple does (Rec,
     * a NamedTuple, does): every item is set below, and the record is never tracked. */
    PyObject *rec = rs->plain_alloc ? (PyObject *)PyObject_GC_NewVar(PyTupleObject, rs->type, 8)
                                    : rs->type->tp_alloc(rs->type, 8);
    if (rec == NULL)
        return NULL;
    PyObject *items[8] = {
        PyLong_FromSsize_t(a),
        PyLong_FromSsize_t(b),
        Py_NewRef(rs->kind),
        Py_NewRef(rep),
        Py_NewRef(conf),
        Py_NewRef(rs->why),
        Py_NewRef(Py_None),
        Py_NewRef(Py_True),
    };
    int bad = items[0] == NULL || items[1] == NULL;
    for (int k = 0; k < 8; k++)
        PyTuple_SET_ITEM(rec, k, items[k]); /* a NULL item is skipped by the dealloc */
    if (bad) {
        Py_DECREF(rec);
        return NULL;
    }
    if (PyObject_GC_IsTracked(rec))
        PyObject_GC_UnTrack(rec);
    return rec;
}

/* Untrack a tuple whose items are ints, strings, None or such tuples: it cannot be
 * in a reference cycle.  CPython untracks such a tuple itself, but only when a
 * collection first visits it; an attacked text's thousands of units and words
 * would each be visited once by the young collection and moved to an older one. */
static void
untrack_atomic(PyObject *o)
{
    if (PyTuple_CheckExact(o) && PyObject_GC_IsTracked(o))
        PyObject_GC_UnTrack(o);
}

/* Append the look-alike runs of ws..we as records (or (start, end, reading, confidence)). */
INLINE int
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
        PyObject *item = make_rec(rs, a, k, rep, high ? rs->high : rs->look);
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
INLINE PyObject *
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

/* Classify the words of s..e.  With `latin`, a word of Latin letters and look-alikes
 * only (and no compatibility form) gives its look-alike runs to `runs` instead of
 * being returned; every other word worth a decision goes to `others`.  Another
 * script's Latin-like (S_OTHER_FORM) does not make a word worth one: the engine judges
 * those by the unit, not by the word. */
INLINE int
scan_words_k(int kind, const void *data, Py_ssize_t s, Py_ssize_t e, const unsigned char *C,
             const unsigned char *S, const unsigned char *T, int want_whole, int latin,
             const RecSpec *rs, PyObject *runs, PyObject *others, Py_ssize_t *simple,
             int skip_ascii)
{
    Py_ssize_t i = s;
    while (i < e) {
        if (skip_ascii) {
            /* a word of ASCII characters only is never worth a decision: go to the
             * next non-ASCII word character, then back to the start of its word */
            Py_ssize_t p = next_non_ascii(kind, data, i, e);
            if (p >= e)
                break;
            if (!(C[PyUnicode_READ(kind, data, p)] & F_WORD)) {
                i = p + 1;
                continue;
            }
            while (p > i && (C[PyUnicode_READ(kind, data, p - 1)] & F_WORD))
                p--;
            i = p;
        }
        else if (!(C[PyUnicode_READ(kind, data, i)] & F_WORD)) {
            i++;
            continue;
        }
        Py_ssize_t ws = i;
        uint64_t mask = 0;
        Py_ssize_t letters = 0, nlatin = 0, look = 0, unread = 0;
        int compat = 0;
        while (i < e) {
            Py_UCS4 cp = PyUnicode_READ(kind, data, i);
            unsigned char f = C[cp];
            if (!(f & F_WORD))
                break;
            if (f & F_LETTER) {
                letters++;
                unsigned char sc = S[cp] & S_INDEX;
                if (sc)
                    mask |= (uint64_t)1 << sc;
                if (f & F_LATIN) nlatin++;
                if (f & F_LOOK) {
                    look++;
                    if (!T[2 * cp] && !T[2 * cp + 1]) unread++;
                }
            }
            if ((f & F_COMPAT) && !(S[cp] & S_OTHER_FORM))
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
        /* plain: Latin letters and look-alikes with one reading each (an l/I look-alike
         * has none in the table: the engine reads it by the letters around it) */
        int plain = (flags & W_MIXED) && nlatin && nlatin + look == letters && !unread;
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
        untrack_atomic(sp);
        untrack_atomic(item);
        int bad = PyList_Append(others, item);
        Py_DECREF(item);
        if (bad < 0)
            return -1;
    }
    return 0;
}

static int
scan_words(int kind, const void *data, Py_ssize_t s, Py_ssize_t e, const unsigned char *C,
           const unsigned char *S, const unsigned char *T, int want_whole, int latin,
           const RecSpec *rs, PyObject *runs, PyObject *others, Py_ssize_t *simple,
           int skip_ascii)
{
#define SCAN(K)                                                                              \
    scan_words_k(K, data, s, e, C, S, T, want_whole, latin, rs, runs, others, simple,        \
                 skip_ascii)
    return BY_KIND(kind, SCAN);
#undef SCAN
}

/* Whether a word of ASCII characters only can never be worth a decision under these
 * tables: no ASCII character is a look-alike or a letter form, and the ASCII letters
 * share one script.  The engine's tables say so; a test's tables may not. */
static int
ascii_words_plain(const unsigned char *C, const unsigned char *S)
{
    int script = -1;
    for (int cp = 0; cp < 0x80; cp++) {
        if (C[cp] & (F_LOOK | F_COMPAT))
            return 0;
        if (C[cp] & F_LETTER) {
            int sc = S[cp] & S_INDEX;
            if (script >= 0 && sc != script)
                return 0;
            script = sc;
        }
    }
    return 1;
}

static int
parse_recspec(PyObject *rec_type, RecSpec *rs)
{
    if (!PyFloat_Check(rs->high) || !PyFloat_Check(rs->look)) {
        PyErr_SetString(PyExc_TypeError, "the two confidences must be floats");
        return -1;
    }
    if (rec_type == Py_None)
        return 0;
    if (!PyType_Check(rec_type) || !PyType_IsSubtype((PyTypeObject *)rec_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "rec_type must be None or a tuple subclass");
        return -1;
    }
    rs->type = (PyTypeObject *)rec_type;
    rs->plain_alloc = rs->type->tp_alloc == PyType_GenericAlloc &&
                      rs->type->tp_basicsize == PyTuple_Type.tp_basicsize &&
                      rs->type->tp_itemsize == PyTuple_Type.tp_itemsize;
    return 0;
}

/* words(text, spans, asks, cls, scr, tomap, rec_type, kind, why, high, look)
 *   -> (runs, complex)
 * spans: a list of tuples whose items 0 and 1 are a start and an end, in text order
 * (the units of units() as they are); asks: one byte per span, bit 1 = want_whole,
 * bit 2 = latin, bit 4 = report the span even with no other word.  Every span's settled
 * runs go to `runs`, in order; a span that also
 * has other words worth a decision appears in `complex` as (index in spans, its first
 * run in `runs`, its number of runs, its other words (a tuple), how many words it
 * settled). */
static PyObject *
words(PyObject *self, PyObject *args)
{
    PyObject *text, *spans_, *rec_type;
    Py_buffer asks, cls, scr, tomap;
    RecSpec rs = {NULL, 0, NULL, NULL, NULL, NULL};
    if (!PyArg_ParseTuple(args, "UO!y*y*y*y*OOOO!O!", &text, &PyList_Type, &spans_, &asks, &cls,
                          &scr, &tomap, &rec_type, &rs.kind, &rs.why, &PyFloat_Type, &rs.high,
                          &PyFloat_Type, &rs.look))
        return NULL;
    PyObject *runs = NULL, *complex = NULL, *others = NULL, *result = NULL;
    if (parse_recspec(rec_type, &rs) < 0 || check_table(&cls, "class", 1) < 0 ||
        check_table(&scr, "script", 1) < 0 || check_table(&tomap, "reading", 2) < 0)
        goto done;
    if (asks.len != PyList_GET_SIZE(spans_)) {
        PyErr_SetString(PyExc_ValueError, "asks must have one byte per span");
        goto done;
    }
    const unsigned char *A = (const unsigned char *)asks.buf;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    runs = PyList_New(0);
    complex = PyList_New(0);
    if (runs == NULL || complex == NULL)
        goto done;
    int skip_ascii = ascii_words_plain(cls.buf, scr.buf);
    others = PyList_New(0); /* one list, emptied after each span */
    if (others == NULL)
        goto done;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(spans_); k++) {
        PyObject *it = PyList_GET_ITEM(spans_, k);
        if (!PyTuple_Check(it) || PyTuple_GET_SIZE(it) < 2) {
            PyErr_SetString(PyExc_TypeError, "spans must be tuples (start, end, ...)");
            goto done;
        }
        Py_ssize_t s = PyLong_AsSsize_t(PyTuple_GET_ITEM(it, 0));
        Py_ssize_t e = PyLong_AsSsize_t(PyTuple_GET_ITEM(it, 1));
        if (PyErr_Occurred())
            goto done;
        clamp(n, &s, &e);
        Py_ssize_t simple = 0, first = PyList_GET_SIZE(runs);
        if (scan_words(kind, data, s, e, cls.buf, scr.buf, tomap.buf, A[k] & 1, (A[k] >> 1) & 1,
                       &rs, runs, others, &simple, skip_ascii) < 0)
            goto done;
        if (PyList_GET_SIZE(others) || (A[k] & 4)) {
            /* the words as a tuple, so that the entry holds only ints and tuples of
             * ints: untracked, it is never walked by the collector, nor promoted to
             * the oldest generation (whose full collections would then come sooner) */
            PyObject *ws = PyList_AsTuple(others);
            PyObject *cu = ws == NULL ? NULL
                                      : Py_BuildValue("(nnnNn)", k, first,
                                                      PyList_GET_SIZE(runs) - first, ws, simple);
            if (cu == NULL || PyList_Append(complex, cu) < 0 ||
                PyList_SetSlice(others, 0, PyList_GET_SIZE(others), NULL) < 0) {
                Py_XDECREF(cu);
                goto done;
            }
            untrack_atomic(ws);
            untrack_atomic(cu);
            Py_DECREF(cu);
        }
    }
    result = Py_BuildValue("(OO)", runs, complex);
done:
    Py_XDECREF(others);
    Py_XDECREF(runs);
    Py_XDECREF(complex);
    PyBuffer_Release(&asks);
    PyBuffer_Release(&cls);
    PyBuffer_Release(&scr);
    PyBuffer_Release(&tomap);
    return result;
}

/* --- units: the canonical partition of decloak.engine.structure.UnitCursor --------- */

static int
is_blank(Py_UCS4 c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* First paragraph separator ("\n", blanks, "\n") starting at or after `from`:
 * returns its start and sets *end, or returns n (and *end = n) when none. */
/* Index of the next "\n" at or after `from`, or n: one typed loop per string kind
 * (memchr for one-byte strings), as every unit walk looks for blank lines over the
 * whole text and PyUnicode_READ's switch per character costs more than the search. */
static Py_ssize_t
next_newline(int kind, const void *data, Py_ssize_t n, Py_ssize_t from)
{
    if (from >= n)
        return n;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = (const Py_UCS1 *)data;
        const void *hit = memchr(d + from, '\n', (size_t)(n - from));
        return hit == NULL ? n : (Py_ssize_t)((const Py_UCS1 *)hit - d);
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        /* four characters at a time: a 16-bit lane is zero after XOR with "\n" */
        const Py_UCS2 *d = (const Py_UCS2 *)data;
        const uint64_t nl = 0x000A000A000A000AULL, one = 0x0001000100010001ULL,
                       high = 0x8000800080008000ULL;
        Py_ssize_t i = from;
        for (; i + 4 <= n; i += 4) {
            uint64_t w;
            memcpy(&w, d + i, 8);
            w ^= nl;
            if ((w - one) & ~w & high)
                break;
        }
        for (; i < n; i++)
            if (d[i] == '\n')
                return i;
        return n;
    }
    const Py_UCS4 *d = (const Py_UCS4 *)data;
    for (Py_ssize_t i = from; i < n; i++)
        if (d[i] == '\n')
            return i;
    return n;
}

static Py_ssize_t
para_sep(int kind, const void *data, Py_ssize_t n, Py_ssize_t from, Py_ssize_t *end)
{
    for (Py_ssize_t i = next_newline(kind, data, n, from); i < n;
         i = next_newline(kind, data, n, i + 1)) {
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

/* kernel.window_end: after the last "\n" (else " ") in s+max/2 .. s+max, else the
 * end of the word at s+max, but at most max past s+max. */
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
    Py_ssize_t cap = limit + unit_max < n ? limit + unit_max : n;
    return word_end_at(kind, data, cap, limit, C);
}

/* word_end(text, pos, cls, end) -> end of the run of word characters starting at pos,
 * looking no further than end */
static PyObject *
word_end(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t pos, end;
    Py_buffer cls;
    if (!PyArg_ParseTuple(args, "Uny*n", &text, &pos, &cls, &end))
        return NULL;
    if (check_table(&cls, "class", 1) < 0) {
        PyBuffer_Release(&cls);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (end < n) n = end < 0 ? 0 : end;
    if (pos < 0) pos = 0;
    Py_ssize_t r = pos >= n ? n : word_end_at(PyUnicode_KIND(text), PyUnicode_DATA(text), n, pos,
                                              cls.buf);
    PyBuffer_Release(&cls);
    return PyLong_FromSsize_t(r);
}

/* The first candidate (a look-alike or a letter form that counts as one) at or after
 * p, or n.  (Skipping ASCII stretches here, as scan_words does, gains little: an
 * attacked text has a candidate every few dozen characters, and a multilingual one
 * alternates ASCII spaces with other letters, where the skip mispredicts.) */
INLINE Py_ssize_t
next_candidate_k(int kind, const void *data, Py_ssize_t n, Py_ssize_t p, const unsigned char *C,
                 const unsigned char *S)
{
    for (; p < n; p++) {
        Py_UCS4 cp = PyUnicode_READ(kind, data, p);
        if ((C[cp] & (F_LOOK | F_COMPAT)) && counts_as_candidate(kind, data, n, p, C[cp], S[cp]))
            return p;
    }
    return n;
}

static Py_ssize_t
next_candidate(int kind, const void *data, Py_ssize_t n, Py_ssize_t p, const unsigned char *C,
               const unsigned char *S)
{
#define NEXT(K) next_candidate_k(K, data, n, p, C, S)
    return BY_KIND(kind, NEXT);
#undef NEXT
}

/* units(text, start, cls, scr, unit_max) -> [(start, end, *counts), ...]
 * The units (from `start`; the partition itself starts at 0) that hold a candidate
 * (a look-alike or a compatibility form), each followed by the five counts of counts(). */
static PyObject *
units(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t start, unit_max;
    Py_buffer cls, scr;
    if (!PyArg_ParseTuple(args, "Uny*y*n", &text, &start, &cls, &scr, &unit_max))
        return NULL;
    PyObject *out = NULL;
    if (unit_max < 2) {
        PyErr_SetString(PyExc_ValueError, "unit_max must be at least 2");
        goto done;
    }
    if (check_table(&cls, "class", 1) < 0 || check_table(&scr, "script", 1) < 0)
        goto done;
    const unsigned char *C = (const unsigned char *)cls.buf;
    const unsigned char *S = (const unsigned char *)scr.buf;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    out = PyList_New(0);
    if (out == NULL)
        goto done;
    Py_ssize_t next = 0;             /* start of the next unit of the partition */
    Py_ssize_t pend = -1, pnext = 0; /* current paragraph's end and the next one's start */
    Py_ssize_t pos = start < 0 ? 0 : start;
    SepMemo memo = {-1, 0, 0};
    while (pos < n) {
        Py_ssize_t p = next_candidate(kind, data, n, pos, C, S);
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
        /* (start, end, unambiguous latin, any latin, natives, any cjk, forms) */
        PyObject *u = PyTuple_New(7);
        PyObject *a = PyLong_FromSsize_t(us), *b = PyLong_FromSsize_t(ue);
        if (u != NULL && a != NULL && b != NULL) {
            PyTuple_SET_ITEM(u, 0, a);
            PyTuple_SET_ITEM(u, 1, b);
            a = b = NULL;
        }
        if (u == NULL || a != NULL || count_span(kind, data, n, us, ue, C, S, 0, u, 2) < 0 ||
            PyList_Append(out, u) < 0) {
            Py_XDECREF(a);
            Py_XDECREF(b);
            Py_XDECREF(u);
            Py_CLEAR(out);
            goto done;
        }
        untrack_atomic(u);
        Py_DECREF(u);
        pos = ue > p ? ue : p + 1;
    }
done:
    PyBuffer_Release(&cls);
    PyBuffer_Release(&scr);
    return out;
}

/* runs(text, start, scr, scr_mask) -> [(start, end), ...]: the maximal runs of
 * characters whose script byte has a bit of scr_mask, from `start` on (stage A's
 * special characters: what engine.classes.SPECIAL_RE finds, without a regex over every
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

INLINE Py_ssize_t
find_k(int kind, const void *data, Py_ssize_t n, Py_ssize_t s, Py_ssize_t e,
       const unsigned char *C, int cmask, const unsigned char *S, int smask)
{
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 cp = PyUnicode_READ(kind, data, i);
        if (((C[cp] & cmask) && counts_as_candidate(kind, data, n, i, C[cp], S[cp])) ||
            (S[cp] & smask))
            return i;
    }
    return -1;
}

/* find(text, start, end, cls, cls_mask, scr, scr_mask) -> first index whose class
 * byte has a bit of cls_mask (counting as a candidate: counts_as_candidate) or whose
 * script byte has a bit of scr_mask, or -1 */
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
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    clamp(n, &s, &e);
#define FIND(K) find_k(K, data, n, s, e, C, cmask, S, smask)
    hit = BY_KIND(kind, FIND);
#undef FIND
    PyBuffer_Release(&cls);
    PyBuffer_Release(&scr);
    return PyLong_FromSsize_t(hit);
}

/* edits(recs) -> the records to apply: those with repair (item 7) true and a
 * replacement (item 3), skipping any that starts inside the previous one kept
 * (nested in a larger edit).  The loop of engine.records.apply_recs; attacked text has
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

/* shifted(recs, by) -> the records moved `by` positions: a record of the same type
 * (a tuple or a tuple subclass such as Rec) with items 0 and 1 plus `by` and its
 * other items the same objects.  Records found in a piece of a long paragraph are
 * moved this way; a dense attack gives one per few characters. */
static PyObject *
shifted(PyObject *self, PyObject *args)
{
    PyObject *recs;
    Py_ssize_t by;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &recs, &by))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(recs);
    PyObject *out = PyList_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *r = PyList_GET_ITEM(recs, k);
        if (!PyTuple_Check(r) || PyTuple_GET_SIZE(r) < 2) {
            PyErr_SetString(PyExc_TypeError, "recs must be tuples (start, end, ...)");
            goto fail;
        }
        Py_ssize_t size = PyTuple_GET_SIZE(r);
        Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 0));
        Py_ssize_t b = a == -1 && PyErr_Occurred() ? -1 : PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 1));
        if (PyErr_Occurred())
            goto fail;
        PyTypeObject *tp = Py_TYPE(r);
        PyObject *nr = tp == &PyTuple_Type ? PyTuple_New(size) : tp->tp_alloc(tp, size);
        if (nr == NULL)
            goto fail;
        PyList_SET_ITEM(out, k, nr); /* owned by the list from here on */
        PyObject *na = PyLong_FromSsize_t(a + by), *nb = PyLong_FromSsize_t(b + by);
        if (na == NULL || nb == NULL) {
            Py_XDECREF(na);
            Py_XDECREF(nb);
            goto fail;
        }
        PyTuple_SET_ITEM(nr, 0, na);
        PyTuple_SET_ITEM(nr, 1, nb);
        for (Py_ssize_t j = 2; j < size; j++)
            PyTuple_SET_ITEM(nr, j, Py_NewRef(PyTuple_GET_ITEM(r, j)));
        /* the same items as the record it moves: tracked by the collector iff that is */
        if (!PyObject_GC_IsTracked(r) && PyObject_GC_IsTracked(nr))
            PyObject_GC_UnTrack(nr);
    }
    return out;
fail:
    Py_DECREF(out); /* (a half-filled record holds NULL items: tuple dealloc skips them) */
    return NULL;
}

/* The OR of the characters of s, up to the first block whose OR reaches `enough`
 * (then the answer is known: an attacked English text usually has a curly quote near
 * its start): it is below 0x80, 0x100 or 0x10000 exactly when every character is. */
static Py_UCS4
or_all(PyObject *s, Py_UCS4 enough)
{
    const Py_ssize_t block = 4096;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    const void *data = PyUnicode_DATA(s);
    Py_UCS4 acc = 0;
    for (Py_ssize_t lo = 0; lo < n && acc < enough; lo += block) {
        Py_ssize_t hi = lo + block < n ? lo + block : n;
        switch (PyUnicode_KIND(s)) {
        case PyUnicode_1BYTE_KIND:
            for (Py_ssize_t i = lo; i < hi; i++) acc |= ((const Py_UCS1 *)data)[i];
            break;
        case PyUnicode_2BYTE_KIND:
            for (Py_ssize_t i = lo; i < hi; i++) acc |= ((const Py_UCS2 *)data)[i];
            break;
        default:
            for (Py_ssize_t i = lo; i < hi; i++) acc |= ((const Py_UCS4 *)data)[i];
        }
    }
    return acc;
}

/* Which representation CPython gives a string whose widest character is c. */
static int
width_class(Py_UCS4 c)
{
    return c < 0x80 ? 0 : c < 0x100 ? 1 : c < 0x10000 ? 2 : 3;
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
    /* The edits as read in the first pass, for the second: a text with a quarter of a
     * million edits has its records scattered over the heap, and reading each one
     * (and its ints) a second time costs more than the copying. */
    typedef struct {
        Py_ssize_t a, b;
        PyObject *rep;
    } Edit;
    Edit *ed = PyMem_Malloc((m ? m : 1) * sizeof(Edit));
    if (ed == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *r = PyList_GET_ITEM(edits, k);
        if (!PyTuple_Check(r) || PyTuple_GET_SIZE(r) < 4) {
            PyErr_SetString(PyExc_TypeError, "edits must be records");
            PyMem_Free(ed);
            return NULL;
        }
        Py_ssize_t a = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 0));
        Py_ssize_t b = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 1));
        PyObject *rep = PyTuple_GET_ITEM(r, 3);
        if (PyErr_Occurred()) {
            PyMem_Free(ed);
            return NULL;
        }
        if (a < pos || b < a || b > n || !PyUnicode_Check(rep)) {
            PyErr_SetString(PyExc_ValueError, "edits overlap, leave the text or lack a str");
            PyMem_Free(ed);
            return NULL;
        }
        ed[k].a = a;
        ed[k].b = b;
        ed[k].rep = rep; /* borrowed: `edits` holds the record, the record holds it */
        total += PyUnicode_GET_LENGTH(rep) - (b - a);
        Py_UCS4 rm = PyUnicode_MAX_CHAR_VALUE(rep);
        if (rm > maxc) maxc = rm;
        pos = b;
    }
    PyObject *out = PyUnicode_New(total, maxc);
    if (out == NULL) {
        PyMem_Free(ed);
        return NULL;
    }
    int okind = PyUnicode_KIND(out), tkind = PyUnicode_KIND(text);
    char *odata = PyUnicode_DATA(out);
    const char *tdata = PyUnicode_DATA(text);
    Py_ssize_t o = 0;
    pos = 0;
    for (Py_ssize_t k = 0; k <= m; k++) {
        Py_ssize_t a = k < m ? ed[k].a : n;
        if (a > pos) { /* the text up to the edit: a plain copy when the widths agree */
            if (okind == tkind)
                memcpy(odata + o * okind, tdata + pos * tkind, (size_t)(a - pos) * okind);
            else
                PyUnicode_CopyCharacters(out, o, text, pos, a - pos);
            o += a - pos;
        }
        if (k == m)
            break;
        PyObject *rep = ed[k].rep;
        Py_ssize_t rl = PyUnicode_GET_LENGTH(rep);
        if (rl == 1) /* the common case: one letter read back */
            PyUnicode_WRITE(okind, odata, o, PyUnicode_READ_CHAR(rep, 0));
        else if (rl)
            PyUnicode_CopyCharacters(out, o, rep, 0, rl);
        o += rl;
        pos = ed[k].b;
    }
    PyMem_Free(ed);
    if (maxc < 128)
        return out;
    /* The edits may have removed the widest characters (Cyrillic look-alikes in
     * English): CPython strings must use the narrowest kind that fits, or
     * equality with ordinary strings fails.  Rebuild in canonical form, unless the
     * string already is (a curly quote left in the text keeps it two bytes wide):
     * the OR of all its characters has the width class of the widest one, and
     * a second string of the text's size costs more than the scan. */
    Py_UCS4 enough = maxc < 0x100 ? 0x80 : maxc < 0x10000 ? 0x100 : 0x10000;
    if (width_class(or_all(out, enough)) == width_class(maxc))
        return out;
    PyObject *canon = PyUnicode_FromKindAndData(PyUnicode_KIND(out), PyUnicode_DATA(out), total);
    Py_DECREF(out);
    return canon;
}

/* Whether the dot at p (of a text ending at e) is followed by a letter, as the
 * pattern \.[^\W\d_] reads one: alphanumeric, not a decimal digit. */
INLINE int
dot_letter(int kind, const void *data, Py_ssize_t p, Py_ssize_t e)
{
    if (PyUnicode_READ(kind, data, p) != '.' || p + 1 >= e)
        return 0;
    Py_UCS4 c = PyUnicode_READ(kind, data, p + 1);
    return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c);
}

/* Index of the first ASCII character c at or after i (before e), or e: memchr for
 * one-byte strings, else eight bytes at a time (a lane is zero after XOR with c). */
INLINE Py_ssize_t
next_ascii(int kind, const void *data, Py_ssize_t i, Py_ssize_t e, unsigned c)
{
    if (i >= e)
        return e;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = (const Py_UCS1 *)data;
        const void *hit = memchr(d + i, (int)c, (size_t)(e - i));
        return hit == NULL ? e : (Py_ssize_t)((const Py_UCS1 *)hit - d);
    }
    uint64_t lanes = kind == PyUnicode_2BYTE_KIND ? 0x0001000100010001ULL : 0x0000000100000001ULL;
    uint64_t high = kind == PyUnicode_2BYTE_KIND ? 0x8000800080008000ULL : 0x8000000080000000ULL;
    Py_ssize_t step = 8 / kind;
    const char *base = (const char *)data;
    for (; i + step <= e; i += step) {
        uint64_t w;
        memcpy(&w, base + i * kind, 8);
        w ^= c * lanes;
        if ((w - lanes) & ~w & high)
            break;
    }
    for (; i < e; i++)
        if (PyUnicode_READ(kind, data, i) == c)
            return i;
    return e;
}

INLINE Py_ssize_t
foreign_dot_k(int kind, const void *data, Py_ssize_t s, Py_ssize_t e, Py_ssize_t p,
              Py_ssize_t host_max)
{
    for (; (p = next_ascii(kind, data, p, e, '.')) < e; p++) {
        if (!dot_letter(kind, data, p, e))
            continue;
        Py_ssize_t lo = p - host_max > s ? p - host_max : s;
        Py_ssize_t hi = p + host_max < e ? p + host_max : e;
        Py_ssize_t a = p, b = p;
        while (a > lo && PyUnicode_READ(kind, data, a - 1) != ' ')
            a--;
        while (b < hi && PyUnicode_READ(kind, data, b) != ' ')
            b++;
        for (Py_ssize_t k = a; k < b; k++)
            if (PyUnicode_READ(kind, data, k) >= 0x80)
                return p;
        if (b > p)
            p = b - 1; /* the word's other dots too: on from its end */
    }
    return -1;
}

/* foreign_dot(text, s, e, start, host_max) -> the first dot followed by a letter at or
 * after start in text[s:e] whose word holds a character beyond ASCII, or -1.  The
 * word: from after the last space before the dot (at most host_max back, and not
 * before s) to the first space after it (at most host_max on, and not past e); a dot
 * in an ASCII word is passed over with the rest of its word.  (Host names hold such
 * a word; which are host names is decided by the engine.) */
static PyObject *
foreign_dot(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t s, e, start, host_max;
    if (!PyArg_ParseTuple(args, "Unnnn", &text, &s, &e, &start, &host_max))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    clamp(n, &s, &e);
    if (start < s)
        start = s;
    if (host_max < 1) {
        PyErr_SetString(PyExc_ValueError, "host_max must be at least 1");
        return NULL;
    }
    if (PyUnicode_IS_ASCII(text))
        return PyLong_FromSsize_t(-1);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
#define FOREIGN(K) foreign_dot_k(K, data, s, e, start, host_max)
    Py_ssize_t hit = BY_KIND(kind, FOREIGN);
#undef FOREIGN
    return PyLong_FromSsize_t(hit);
}

/* foreign_dots(text, spans, host_max) -> [(index, position), ...]: foreign_dot of each
 * span (a tuple starting with its start and end) from its start, for the spans that
 * have one: one call for all the units of a text, most of which have none. */
static PyObject *
foreign_dots(PyObject *self, PyObject *args)
{
    PyObject *text, *spans_;
    Py_ssize_t host_max;
    if (!PyArg_ParseTuple(args, "UO!n", &text, &PyList_Type, &spans_, &host_max))
        return NULL;
    if (host_max < 1) {
        PyErr_SetString(PyExc_ValueError, "host_max must be at least 1");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL || PyUnicode_IS_ASCII(text))
        return out;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(spans_); k++) {
        PyObject *it = PyList_GET_ITEM(spans_, k);
        if (!PyTuple_Check(it) || PyTuple_GET_SIZE(it) < 2) {
            PyErr_SetString(PyExc_TypeError, "spans must be tuples (start, end, ...)");
            Py_DECREF(out);
            return NULL;
        }
        Py_ssize_t s = PyLong_AsSsize_t(PyTuple_GET_ITEM(it, 0));
        Py_ssize_t e = PyLong_AsSsize_t(PyTuple_GET_ITEM(it, 1));
        if (PyErr_Occurred()) {
            Py_DECREF(out);
            return NULL;
        }
        clamp(n, &s, &e);
#define FOREIGN(K) foreign_dot_k(K, data, s, e, s, host_max)
        Py_ssize_t hit = BY_KIND(kind, FOREIGN);
#undef FOREIGN
        if (hit < 0)
            continue;
        PyObject *pair = Py_BuildValue("(nn)", k, hit);
        if (pair == NULL || PyList_Append(out, pair) < 0) {
            Py_XDECREF(pair);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(pair);
    }
    return out;
}

/* untrack(recs, start, kind_type) -> None: the records of recs[start:] (tuples) are
 * untracked by the cyclic garbage collector when every item is untracked (ints,
 * strings, floats, None, booleans) or of kind_type (the record's Kind, an enum member
 * that refers to no record).  Such a record cannot be part of a reference cycle, and
 * CPython never untracks a tuple subclass itself: the records the engine makes in
 * Python would otherwise outlive two young collections and bring the next full
 * collection (which walks every record list) sooner.  The pure kernel does nothing:
 * it changes no result, only what the collector walks. */
static PyObject *
untrack(PyObject *self, PyObject *args)
{
    PyObject *recs, *kind_type;
    Py_ssize_t start;
    if (!PyArg_ParseTuple(args, "O!nO!", &PyList_Type, &recs, &start, &PyType_Type, &kind_type))
        return NULL;
    if (start < 0)
        start = 0;
    for (Py_ssize_t k = start; k < PyList_GET_SIZE(recs); k++) {
        PyObject *r = PyList_GET_ITEM(recs, k);
        if (!PyTuple_Check(r) || !PyObject_GC_IsTracked(r))
            continue;
        int atomic = 1;
        for (Py_ssize_t j = 0; atomic && j < PyTuple_GET_SIZE(r); j++) {
            PyObject *item = PyTuple_GET_ITEM(r, j);
            atomic = Py_TYPE(item) == (PyTypeObject *)kind_type ||
                     !PyObject_IS_GC(item) || !PyObject_GC_IsTracked(item);
        }
        if (atomic)
            PyObject_GC_UnTrack(r);
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"foreign_dot", foreign_dot, METH_VARARGS,
     "foreign_dot(text, s, e, start, host_max) -> first dot before a letter in a word beyond"
     " ASCII, or -1"},
    {"foreign_dots", foreign_dots, METH_VARARGS,
     "foreign_dots(text, spans, host_max) -> [(index, foreign_dot of the span), ...]"},
    {"untrack", untrack, METH_VARARGS,
     "untrack(recs, start, kind_type) -> None: records of atomic items left to refcounting"},
    {"units", units, METH_VARARGS,
     "units(text, start, cls, scr, unit_max) -> [(start, end, counts), ...] of the units"
     " holding a candidate"},
    {"words", words, METH_VARARGS,
     "words(text, spans, asks, cls, scr, tomap, rec_type, kind, why, high, look)"
     " -> (runs, complex)"},
    {"shifted", shifted, METH_VARARGS,
     "shifted(recs, by) -> the records (tuples) with items 0 and 1 moved by `by`"},
    {"counts", counts, METH_VARARGS,
     "counts(text, start, end, cls, scr) -> (unambiguous latin, any latin, natives, any cjk,"
     " letter forms, natives per script)"},
    {"runs", runs, METH_VARARGS,
     "runs(text, start, scr, scr_mask) -> [(start, end), ...] of characters with a scr_mask bit"},
    {"find", find, METH_VARARGS,
     "find(text, start, end, cls, cls_mask, scr, scr_mask) -> first matching index or -1"},
    {"word_end", word_end, METH_VARARGS,
     "word_end(text, pos, cls, end) -> end of the word run, no further than end"},
    {"edits", edits, METH_VARARGS, "edits(recs) -> the repairable, non-nested records"},
    {"apply", apply, METH_VARARGS, "apply(text, edits) -> text with the edits made"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "decloak._speedups",
    "C twins of decloak.kernel's scanning and counting primitives.", -1, methods, NULL, NULL,
    NULL, NULL,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    init_tally_inc();
    return PyModule_Create(&module);
}
