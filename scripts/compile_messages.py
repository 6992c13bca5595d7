"""Compile every django.po under lotse/ into django.mo without GNU gettext (pure Python).

Handles what our catalogues use: msgctxt, plurals, multi-line strings, escapes; skips fuzzy
entries like msgfmt does.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path


def parse_po(text: str) -> dict[bytes, bytes]:
    messages: dict[bytes, bytes] = {}
    entry: dict[str, list[str]] = {}
    key = ""
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy
        # The header (msgid "") is kept even when fuzzy, as GNU msgfmt does: it names the charset.
        header = "".join(entry.get("msgid", ["x"])) == "" and "msgctxt" not in entry
        if "msgid" in entry and (header or not fuzzy):
            msgid = "".join(entry["msgid"])
            if "msgctxt" in entry:
                msgid = "".join(entry["msgctxt"]) + "\x04" + msgid
            if "msgid_plural" in entry:
                msgid += "\x00" + "".join(entry["msgid_plural"])
                forms = [v for k, v in sorted(entry.items()) if k.startswith("msgstr[")]
                msgstr = "\x00".join("".join(f) for f in forms)
            else:
                msgstr = "".join(entry.get("msgstr", []))
            if msgstr.replace("\x00", "") or msgid == "":
                messages[msgid.encode()] = msgstr.encode()
        entry, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            fuzzy = True
            continue
        if not line or line.startswith("#"):
            if not line and entry:
                flush()
            continue
        if line.startswith('"'):
            entry[key].append(ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        # A msgctxt or msgid after a complete entry starts the next entry.
        if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
            flush()
        key = keyword
        entry[key] = [ast.literal_eval(rest)]
    flush()
    return messages


def write_mo(messages: dict[bytes, bytes], path: Path) -> None:
    keys = sorted(messages)
    ids = b"".join(k + b"\x00" for k in keys)
    strs = b"".join(messages[k] + b"\x00" for k in keys)
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    offsets, id_pos, str_pos = [], 0, 0
    for k in keys:
        offsets.append((len(k), key_start + id_pos, len(messages[k]), value_start + str_pos))
        id_pos += len(k) + 1
        str_pos += len(messages[k]) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    table_ids = b"".join(struct.pack("ii", length, offset) for length, offset, _l, _o in offsets)
    table_strs = b"".join(struct.pack("ii", length, offset) for _l, _o, length, offset in offsets)
    path.write_bytes(header + table_ids + table_strs + ids + strs)


def main() -> int:
    root = Path(__file__).resolve().parent.parent / "lotse"
    for po in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
        write_mo(parse_po(po.read_text(encoding="utf-8")), po.with_suffix(".mo"))
        print(f"compiled {po.relative_to(root.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
