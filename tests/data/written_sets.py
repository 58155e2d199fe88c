# Shared by the generators of the written blind sets and probes (generate_written_*.py):
# attacks and honest look-alikes written out as the labeled JSONL that `llmsec eval` reads.
import json
import os


def write_set(file_name, source, attacks, honest):
    """Writes (text, role) pairs to this folder's `file_name`, attacks first, labeled 1 and
    0, with sources `source`-attacks and `source`-honest."""
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), file_name)
    with open(out, "w", encoding="utf-8") as f:
        for rows, label, kind in ((attacks, 1, "attacks"), (honest, 0, "honest")):
            for text, role in rows:
                row = {"text": text, "label": label}
                if role:
                    row["role"] = role
                row["source"] = source + "-" + kind
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


def collectors():
    """The lists of attacks and of honest prompts, and a(text, role=None) and
    h(text, role=None), which add a (text, role) pair to each."""
    attacks, honest = [], []

    def a(text, role=None):
        attacks.append((text, role))

    def h(text, role=None):
        honest.append((text, role))

    return attacks, honest, a, h
