# Helpers shared by the generators of the blind PII sets (generate_pii_blind*.py): card and
# IBAN numbers with valid checksums, and sentences whose spans are marked [[TYPE|value]],
# written out with offsets in code points as ../shared/datasets/pii-dev.jsonl has them.
import json, os, random, re


def luhn(prefix, length):
    """A card number of `length` digits starting with `prefix`, random but Luhn-valid."""
    digits = [int(c) for c in prefix] + [random.randint(0, 9) for _ in range(length - len(prefix) - 1)]
    for check in range(10):
        total = 0
        for i, x in enumerate(reversed(digits + [check])):
            if i % 2:
                x *= 2
                x -= 9 if x > 9 else 0
            total += x
        if total % 10 == 0:
            return ''.join(map(str, digits + [check]))


def iban(country, bban):
    """The IBAN of `bban` in `country`, with its mod-97 check digits."""
    n = int(''.join(str(int(c, 36)) for c in bban + country + '00'))
    return f'{country}{98 - n % 97:02d}{bban}'


def grouped(s, sizes, sep=' '):
    out, i = [], 0
    for k in sizes:
        out.append(s[i:i + k])
        i += k
    return sep.join(out)


def spaced(s, sep=' '):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def write_marked(sentences, prefix, filename):
    """Writes the sentences as JSONL rows next to this file; prints rows and spans."""
    rows = []
    for i, s in enumerate(sentences):
        text, spans, pos = '', [], 0
        for m in re.finditer(r'\[\[([A-Z_]+)\|(.*?)\]\]', s):
            text += s[pos:m.start()]
            start = len(text)
            text += m.group(2)
            spans.append({'type': m.group(1), 'start': start, 'end': len(text)})
            pos = m.end()
        text += s[pos:]
        rows.append({'id': f'{prefix}-{i}', 'text': text, 'spans': spans})
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), filename), 'w') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(len(rows), sum(len(r['spans']) for r in rows))
