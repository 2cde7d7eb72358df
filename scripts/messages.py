"""The translation catalogues: `make messages` and `make messages-check` run this.

Msgids are English, in the code. Chinese lives in one catalogue per app,
<app>/locale/zh_Hans/LC_MESSAGES/django.po, and in the project catalogue locale/ (LOCALE_PATHS)
for templates/ and config/; makemessages puts each string in the catalogue of the app (or
project) its file belongs to. Django merges them all into one table per language, so a msgid
has ONE Chinese everywhere: a short word that means different things in different places
takes a context (pgettext, `{% translate "Reason" context "award" %}`).

    python scripts/messages.py          update every catalogue from the code and compile it:
                                        a msgid already translated in another catalogue (code
                                        moved between apps) takes that Chinese; a new msgid
                                        gets an empty msgstr, to fill in the .po
    python scripts/messages.py --check  report (exit 1) what `make messages` would change
                                        (POT-Creation-Date aside), msgfmt -c errors, empty or
                                        fuzzy Chinese, one msgid translated two ways, and a
                                        .mo that does not match its .po
"""

import ast
import gettext
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = "zh_Hans"
IGNORE = (".venv", ".git", "tests", "bench", "scripts", "staticfiles", "media")
MAKEMESSAGES = (
    "makemessages",
    f"--locale={LOCALE}",
    "--no-obsolete",
    "--add-location=file",  # file names, no line numbers: moving code changes nothing
    *(f"--ignore={d}" for d in IGNORE),
)


def catalogues(root: Path = ROOT) -> list[Path]:
    tail = Path(LOCALE, "LC_MESSAGES", "django.po")
    return sorted(p for p in [root / "locale" / tail, *root.glob(f"*/locale/{tail}")] if p.exists())


def entries(po: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a list), flags."""
    return parse(po.read_text(encoding="utf-8"))


def parse(text: str) -> list[dict]:
    out, entry, field = [], None, None
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if entry is not None:
                out.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {"msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": [], "flags": []}
        if line.startswith("#,"):
            entry["flags"] += [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field == "msgstr":
                entry["msgstr"][-1] += ast.literal_eval(line)
            else:
                entry[field] += ast.literal_eval(line)
        else:
            keyword, _, value = line.partition(" ")
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            if field == "msgstr":
                entry["msgstr"].append(ast.literal_eval(value))
            else:
                entry[field] = ast.literal_eval(value)
    return out


def key(entry: dict) -> str:
    """The entry's key in a compiled catalogue: context, EOT, msgid."""
    if entry["msgctxt"] is None:
        return entry["msgid"]
    return f"{entry['msgctxt']}\x04{entry['msgid']}"


def manage(root: Path, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=root, check=True)


def translated(e: dict) -> bool:
    return "fuzzy" not in e["flags"] and all(e["msgstr"])


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(root: Path) -> int:
    """Give each empty or fuzzy entry the Chinese its msgid has in another catalogue (one
    msgid, one Chinese: see untranslated()). Returns how many entries it filled."""
    known: dict[str, list[str]] = {}
    for po in catalogues(root):
        known.update((key(e), e["msgstr"]) for e in entries(po)[1:] if translated(e))
    filled = 0
    for po in catalogues(root):
        blocks = po.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
        for i, block in enumerate(blocks[1:], start=1):
            e = parse(block)[0]
            if translated(e) or key(e) not in known:
                continue
            lines = [x for x in block.split("\n") if not x.startswith("#|")]
            lines = [x.replace("#, fuzzy, ", "#, ") for x in lines if x != "#, fuzzy"]
            lines = lines[: next(n for n, x in enumerate(lines) if x.startswith("msgstr"))]
            if e["msgid_plural"] is None:
                lines.append("msgstr " + _quote(known[key(e)][0]))
            else:
                lines += [f"msgstr[{n}] {_quote(t)}" for n, t in enumerate(known[key(e)])]
            blocks[i] = "\n".join(lines)
            filled += 1
        po.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return filled


def refresh(root: Path) -> None:
    """The catalogues under `root` brought up to date with its code (not compiled)."""
    for app in root.glob("*/apps.py"):  # a new app gets its own catalogue
        (app.parent / "locale" / LOCALE / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    manage(root, *MAKEMESSAGES, "--verbosity=0")
    if fill(root):
        manage(root, *MAKEMESSAGES, "--verbosity=0")  # the same wrapping as makemessages'


def update() -> None:
    refresh(ROOT)
    manage(ROOT, "compilemessages", f"--locale={LOCALE}", "--ignore=.venv", "--verbosity=0")
    for problem in untranslated():
        print(problem)


def _without_date(po: Path) -> list[str]:
    return [x for x in po.read_text(encoding="utf-8").splitlines() if "POT-Creation-Date" not in x]


def stale() -> list[str]:
    """What `make messages` would change: run it on a copy of the tree and compare."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(
            ROOT, copy, ignore=shutil.ignore_patterns(*IGNORE, "__pycache__", "*.sqlite3", ".*")
        )
        refresh(copy)
        for po in catalogues(copy):
            mine = ROOT / po.relative_to(copy)
            if not mine.exists():
                problems.append(f"{mine.relative_to(ROOT)}: missing, run make messages")
            elif _without_date(po) != _without_date(mine):
                problems.append(f"{mine.relative_to(ROOT)}: out of date, run make messages")
    return problems


def invalid() -> list[str]:
    """msgfmt -c: format strings that do not match, bad headers, bad plural forms."""
    problems = []
    for po in catalogues():
        run = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        if run.returncode:
            problems.append(run.stderr.strip())
    return problems


def untranslated() -> list[str]:
    """Empty or fuzzy Chinese (Django shows the English msgid), and a msgid whose Chinese
    differs between catalogues (Django would show one of them, whichever it merged last)."""
    problems, seen = [], {}
    for po in catalogues():
        name = po.relative_to(ROOT)
        for e in entries(po)[1:]:
            if not translated(e):
                problems.append(f"{name}: untranslated or fuzzy: {key(e)!r}")
            first = seen.setdefault(key(e), (name, e["msgstr"]))
            if first[1] != e["msgstr"]:
                problems.append(f"{name} and {first[0]} translate {key(e)!r} differently")
    return problems


def uncompiled() -> list[str]:
    """A .mo that does not say what its .po says (compiled files are committed)."""
    problems = []
    for po in catalogues():
        mo = po.with_suffix(".mo")
        if not mo.exists():
            problems.append(f"{po.relative_to(ROOT)}: no .mo, run make messages")
            continue
        with mo.open("rb") as f:
            compiled = gettext.GNUTranslations(f)
        for e in entries(po)[1:]:
            if not translated(e):
                continue  # untranslated(): msgfmt leaves these out
            if _compiled(compiled, e) != _wanted(compiled, e):
                problems.append(
                    f"{mo.relative_to(ROOT)}: does not match its .po, run make messages"
                )
                break
    return problems


def _compiled(t: gettext.GNUTranslations, e: dict) -> list[str]:
    ctx, msgid, plural = e["msgctxt"], e["msgid"], e["msgid_plural"]
    if plural is None:
        return [t.gettext(msgid) if ctx is None else t.pgettext(ctx, msgid)]
    return [
        t.ngettext(msgid, plural, n) if ctx is None else t.npgettext(ctx, msgid, plural, n)
        for n in (1, 2, 5)
    ]


def _wanted(t: gettext.GNUTranslations, e: dict) -> list[str]:
    if e["msgid_plural"] is None:
        return [e["msgstr"][0]]
    return [e["msgstr"][t.plural(n)] for n in (1, 2, 5)]


def problems(*, tools: bool = True) -> list[str]:
    """Every check; `tools=False` skips those that need gettext (makemessages, msgfmt)."""
    found = untranslated() + uncompiled()
    if tools:
        found = stale() + invalid() + found
    return found


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        found = problems()
        print("\n".join(found) or "catalogues: up to date, valid, translated and compiled")
        raise SystemExit(1 if found else 0)
    if sys.argv[1:]:
        raise SystemExit(__doc__)
    update()
