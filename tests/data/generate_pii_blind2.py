# Writes tests/data/pii_blind2.jsonl: a second blind set, written after the fixes that the
# first one (pii_blind.jsonl) led to, and run once before any further change. Spans are
# marked [[TYPE|value]], offsets in code points; card and IBAN numbers get valid checksums
# from a fixed seed.   python3 tests/data/generate_pii_blind2.py
import random
from pii_sets import iban, luhn, grouped, spaced, write_marked
random.seed(4242)

v1, v2 = luhn('4', 16), luhn('4', 13)
m1, m2 = luhn('53', 16), luhn('2720', 16)
a1 = luhn('34', 15)
d1 = luhn('65', 16)
u1 = luhn('62', 16)
bad = v1[:-1] + str((int(v1[-1]) + 5) % 10)

at = iban('AT', '1904300234573201'); dk = iban('DK', '00400440116243')
fi = iban('FI', '21421000001234'); ie = iban('IE', 'AIBK93115212345678')
lu = iban('LU', '0019400644750000'); no = iban('NO', '86011117947')
pt = iban('PT', '000201231234567890154'); se = iban('SE', '50000000058398257466')
cz = iban('CZ', '08000000192000145399')

S = [
 f"Zahlung mit Visa [[CREDIT_CARD|{grouped(v1,[4,4,4,4])}]] ist fehlgeschlagen.",
 f"Old 13-digit Visa: [[CREDIT_CARD|{v2}]] — does your terminal still take those?",
 f"Mastercard number [[CREDIT_CARD|{grouped(m1,[4,4,4,4],'-')}]] expires next month.",
 f"Nueva Mastercard serie 2: [[CREDIT_CARD|{grouped(m2,[4,4,4,4])}]].",
 f"Amex: [[CREDIT_CARD|{grouped(a1,[4,6,5],'-')}]]; the CID is on the front.",
 f"Discover [[CREDIT_CARD|{d1}]] charged twice for one booking.",
 f"UnionPay card [[CREDIT_CARD|{grouped(u1,[4,4,4,4])}]] from my trip to Shanghai.",
 f"Typo in the card {grouped(bad,[4,4,4,4])}: the checksum is off, so it was rejected.",
 "Tracking 9400 1000 0000 0000 0000 00 shows the parcel in Memphis.",
 "Questions? [[EMAIL_ADDRESS|help.desk@uni-example.ac.at]] answers within a day.",
 "Envoyez le dossier à [[EMAIL_ADDRESS|m.lefevre@mairie-exemple.fr]] avant lundi.",
 "cc: [[EMAIL_ADDRESS|Team.Lead_2@corp.example.com]], bcc: [[EMAIL_ADDRESS|audit+q3@corp.example.com]]",
 "Per favore scrivi a [[EMAIL_ADDRESS|giulia.rossi@posta.example.it]].",
 "My new address is [[EMAIL_ADDRESS|kenji.watanabe@example.co.jp]], the old one is closed.",
 "The decorator @property and the handle @nasa are not e-mail addresses.",
 "Send the CV to [[EMAIL_ADDRESS|jobs@example.org]] with subject 'Backend'.",
 "Pošlete to na [[EMAIL_ADDRESS|petr.novak@firma.example.cz]].",
 "Call [[PHONE_NUMBER|+1 (415) 555-0123]] to confirm the booking.",
 "Büro Wien: [[PHONE_NUMBER|+43 1 58858 0]], Fax geht nicht mehr.",
 "Ring oss på [[PHONE_NUMBER|+47 22 12 34 56]] eller send e-post.",
 "Soitto numeroon [[PHONE_NUMBER|+358 9 1234 5678]] toimii arkisin.",
 "Mobile: [[PHONE_NUMBER|07700 900123]] (UK), evenings only.",
 "Appelle-moi au [[PHONE_NUMBER|01 42 68 53 00]] demain matin.",
 "Mi número: [[PHONE_NUMBER|612 345 678]], llámame por la tarde.",
 "Zadzwoń pod [[PHONE_NUMBER|+48 22 123 45 67]], pytaj o Annę.",
 "Reach the night desk at [[PHONE_NUMBER|(646) 555-0148]].",
 "Our Mumbai office: [[PHONE_NUMBER|+91 22 6123 4567]].",
 "The part number 4500-1234-567 and lot 2023-09-15-A are on the label.",
 "Chapter 3.14.15 and version 2.7.18 are both mentioned in the changelog.",
 "Die Bestellnummer 100 234 5678 bitte bei Rückfragen angeben.",
 f"Bitte auf [[IBAN_CODE|{spaced(at)}]] überweisen.",
 f"Konto: [[IBAN_CODE|{dk}]] (Danske Bank).",
 f"Tilinumero [[IBAN_CODE|{spaced(fi)}]].",
 f"Pay rent to [[IBAN_CODE|{spaced(ie)}]] by the 1st.",
 f"IBAN [[IBAN_CODE|{lu}]], BIC BCEELULL.",
 f"Kontonummer [[IBAN_CODE|{spaced(no)}]].",
 f"NIB/IBAN: [[IBAN_CODE|{spaced(pt)}]].",
 f"Betala till [[IBAN_CODE|{se}]] senast fredag.",
 f"Číslo účtu [[IBAN_CODE|{spaced(cz)}]].",
 "SSN: [[US_SSN|123-45-6780]] — is that format right for the W-4?",
 "Her social security number is [[US_SSN|401-22-9375]].",
 "The applicant's SSN [[US_SSN|587 31 2046]] was mistyped on page two.",
 "ssn=[[US_SSN|234-56-7891]]&state=NY came through in the query string.",
 "Socials like 900-12-3456 start with 9 and are not issued as SSNs.",
 "Case number 123-45-67890 is a court docket, not an SSN.",
 "My SSN is [[US_SSN|312-84-6157]], please update my file.",
 "Employee SSN [[US_SSN|645-03-1288]] is missing from the payroll export.",
 "Ping [[IP_ADDRESS|8.8.4.4]] and [[IP_ADDRESS|9.9.9.9]] to test DNS.",
 "The attacker came from [[IP_ADDRESS|185.220.101.34]] over Tor.",
 "Set the static IP to [[IP_ADDRESS|192.168.1.50]] and the mask to 255.255.255.0.",
 "IPv6 peer [[IP_ADDRESS|2a00:1450:4001:82b::200e]] timed out.",
 "Link-local [[IP_ADDRESS|fe80::a00:27ff:fe4e:66a1]] shows up in ip addr.",
 "The load balancer at [[IP_ADDRESS|10.0.12.7]] forwards to [[IP_ADDRESS|10.0.12.8]].",
 "Version 4.3.2.1 of the plugin and OID 2.5.4.3 are unrelated to networking.",
 "Der Server [[IP_ADDRESS|172.20.10.3]] antwortet nicht mehr.",
 "Scores were 7.5, 8.0 and 9.25 on the three tests.",
]

write_marked(S, 'blind2', 'pii_blind2.jsonl')
