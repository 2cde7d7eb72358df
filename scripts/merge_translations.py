"""Fill locale/*/LC_MESSAGES/django.po from `ZH` (and `EN`) dicts in */translations_zh*.py files.

Run after `manage.py makemessages -l zh_Hans`; entries that already have a translation keep
it. Used while several people add strings at once; the .po file is the source of truth.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# locale → the dict name in */translations_zh*.py files that holds its strings. English
# needs only the few msgids written in Chinese (skill grade names).
LANGS = {"zh_Hans": "ZH", "en": "EN"}


def po_path(locale: str) -> Path:
    return ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"


def load_dicts(attr: str = "ZH") -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(ROOT.glob("*/translations_zh*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        merged.update(getattr(module, attr, {}))
    return merged


def po_unquote(lines: list[str]) -> str:
    out = []
    for line in lines:
        s = line.strip()
        if s.startswith('"') and s.endswith('"'):
            out.append(s[1:-1].encode().decode("unicode_escape").encode("latin-1").decode())
    return "".join(out)


def po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    for locale, attr in LANGS.items():
        if po_path(locale).exists():
            merge(po_path(locale), load_dicts(attr), report=locale == "zh_Hans")
    return 0


def merge(po: Path, zh: dict[str, str], *, report: bool) -> None:
    lines = po.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    i = filled = missing = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("msgid ") and not line.startswith('msgid ""\n'):
            block = [line[6:]]
            j = i + 1
            while j < len(lines) and lines[j].startswith('"'):
                block.append(lines[j])
                j += 1
            msgid = po_unquote(block)
            if j < len(lines) and lines[j].startswith("msgstr "):
                sblock = [lines[j][7:]]
                k = j + 1
                while k < len(lines) and lines[k].startswith('"'):
                    sblock.append(lines[k])
                    k += 1
                current = po_unquote(sblock)
                # makemessages' fuzzy guesses are often wrong: never let one through.
                comments = []
                while out and out[-1].startswith("#"):
                    comments.insert(0, out.pop())
                fuzzy = any(c.startswith("#, fuzzy") or c.startswith("#|") for c in comments)
                out.extend(
                    c for c in comments if not (c.startswith("#, fuzzy") or c.startswith("#|"))
                )
                if fuzzy and msgid:
                    current = ""
                out.extend(lines[i:j])
                if msgid and not current and msgid in zh:
                    out.append("msgstr " + po_quote(zh[msgid]))
                    filled += 1
                elif current:
                    out.extend(lines[j:k])
                else:
                    out.append('msgstr ""')
                    if msgid:
                        missing += 1
                        if report:
                            print("untranslated:", msgid, file=sys.stderr)
                i = k
                continue
        out.append(line)
        i += 1
    # Drop fuzzy flags that makemessages adds on guesses: a wrong guess is worse than English.
    text = "\n".join(x for x in out if not x.startswith("#, fuzzy")) + "\n"
    po.write_text(text, encoding="utf-8")
    if report:
        print(f"{po.parent.parent.name}: filled {filled}, still untranslated {missing}")


if __name__ == "__main__":
    raise SystemExit(main())
