# Regenerate with: python3 tests/data/generate_pii_heldout.py (from the repository root).
# Writes tests/data/pii_heldout.jsonl: sentences written for the held-out evaluation of the
# PII recognisers, in several languages and formats, with distractors that must not match.
import json, random
random.seed(7)

def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix]
    while len(digits) < length - 1:
        digits.append(random.randint(0, 9))
    for check in range(10):
        cand = digits + [check]
        s = 0
        for i, d in enumerate(reversed(cand)):
            if i % 2 == 1:
                d *= 2
                if d > 9: d -= 9
            s += d
        if s % 10 == 0:
            return "".join(map(str, cand))

def iban(country, bban):
    rearranged = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(num) % 97
    return f"{country}{check:02d}{bban}"

def group(s, n=4, sep=" "):
    return sep.join(s[i:i+n] for i in range(0, len(s), n))

rows = []
def add(template, **values):
    # template uses {name} placeholders; values: name -> (type, text) or plain text
    text = ""
    spans = []
    parts = template.split("{")
    text = parts[0]
    for part in parts[1:]:
        name, rest = part.split("}", 1)
        v = values[name]
        if isinstance(v, tuple):
            t, s = v
            start = len(text)
            text += s
            spans.append({"type": t, "start": start, "end": len(text)})
        else:
            text += v
        text += rest
    rows.append({"id": f"heldout-{len(rows)}", "text": text, "spans": spans})

C = lambda p, l: luhn_complete(p, l)
visa, mc, amex, disc = C("4", 16), C("53", 16), C("37", 15), C("6011", 16)
add("Please charge my Visa {c}, expiry 09/27.", c=("CREDIT_CARD", group(visa)))
add("Kartennummer: {c} (Mastercard), gültig bis 11/26.", c=("CREDIT_CARD", group(mc, 4, "-")))
add("Amex on file: {c}. Do not store the CVV.", c=("CREDIT_CARD", amex[:4] + " " + amex[4:10] + " " + amex[10:]))
add("Numéro de carte {c}, merci de rembourser.", c=("CREDIT_CARD", disc))
add("The test card {c} keeps failing at checkout", c=("CREDIT_CARD", group(C("4", 16))))
add("Mi tarjeta es {c} y la fecha 03/28", c=("CREDIT_CARD", group(C("51", 16))))
add("Order {o} shipped on 2024-03-02; tracking {t}.", o="1234567890123", t="940011189922385")
add("ISBN 978-3-16-148410-0 is the second edition.")
add("Our build 4.12.0.3 fixed the crash; see commit 9f2c1e7a.")
add("Invoice total 1,299.00 EUR, reference 2023-118-0045.")

for country, bban in [("DE", "370400440532013000"), ("GB", "NWBK60161331926819"),
                      ("FR", "20041010050500013M02606"), ("ES", "21000418450200051332"),
                      ("NL", "ABNA0417164300"), ("IT", "X0542811101000000123456")]:
    i = iban(country, bban)
    add("Bitte überweisen Sie den Betrag auf {i}, Verwendungszweck Miete." if country == "DE" else
        "Wire it to IBAN {i} before Friday." if country == "GB" else
        "Mon IBAN : {i}" if country == "FR" else
        "Transferencia a la cuenta {i}, gracias." if country == "ES" else
        "Rekeningnummer {i} staat op de factuur." if country == "NL" else
        "Il mio IBAN è {i}.", i=("IBAN_CODE", group(i) if country in ("DE", "FR", "NL") else i))
add("The placeholder DE00 1234 5678 9012 3456 78 is not a real account.")

for ssn in ["536-90-4821", "219-44-7712", "401 23 9876"]:
    add("My social security number is {s}, please update my file.", s=("US_SSN", ssn))
add("SSN: {s}", s=("US_SSN", "609-12-3345"))
add("Employee ID 123-45-67890 and room 000-12-3456 are internal.")
add("Call the desk at ext. 666-12-3456 which is not an SSN area.")

phones = [
    ("Call me at {p} after 6pm.", "+1 (415) 555-0132"),
    ("Ruf mich an: {p}", "+49 30 901820"),
    ("Mon portable : {p}", "06 12 34 56 78"),
    ("Llámame al {p} cuando puedas.", "+34 612 345 678"),
    ("Our hotline {p} is open 24/7.", "(800) 555-0199"),
    ("Telefoonnummer {p}", "020-555 1234"),
    ("Phone: {p}", "+44 20 7946 0958"),
    ("WhatsApp me on {p}", "+91 98765 43210"),
    ("You can reach the office on {p}.", "415.555.0173"),
    ("Numero di telefono: {p}", "+39 06 6982 1234"),
    ("Позвоните по номеру {p}", "+7 495 123-45-67"),
    ("Please text {p} with the code.", "212-555-0148"),
]
for t, p in phones:
    add(t, p=("PHONE_NUMBER", p))
add("The meeting is on 12.03.2024 at 10:30 in room 4.12.")
add("Population grew from 1 234 567 to 2 345 678 between 1990 and 2020.")

emails = ["jane.doe@example.org", "m.mueller+news@firma.de", "soporte@empresa.com.mx",
          "j_smith@mail.co.uk", "contact@xn--bcher-kva.example"]
for e in emails:
    add("Schreiben Sie an {e} für Rückfragen." if "firma" in e else "Send the report to {e} by noon.", e=("EMAIL_ADDRESS", e))
add("Use the @mention syntax like @alice or user@ in templates.")

add("The server at {ip} stopped answering pings.", ip=("IP_ADDRESS", "203.0.113.45"))
add("Login attempts from {ip} and {ip2} were blocked.", ip=("IP_ADDRESS", "198.51.100.7"), ip2=("IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334"))
add("Connect to {ip}:5432 with the readonly role.", ip=("IP_ADDRESS", "10.20.30.40"))
add("IPv6 loopback is {ip} and the gateway is {ip2}.", ip=("IP_ADDRESS", "::1"), ip2=("IP_ADDRESS", "fe80::1ff:fe23:4567:890a"))
add("Version 2.4.10.1 and 999.1.1.1 are not addresses; neither is the time 12:30:45.")

with open("tests/data/pii_heldout.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), sum(len(r["spans"]) for r in rows))
