# Writes tests/data/pii_blind3.jsonl: a third blind set in the shape of real prompts
# (support tickets, CRM notes, logs, forms), written after every fix the first two sets led
# to and run once before any further change. Spans are marked [[TYPE|value]], offsets in
# code points; card and IBAN numbers get valid checksums from a fixed seed.
#   python3 tests/data/generate_pii_blind3.py
import json, os, random, re
random.seed(99173)

def luhn(prefix, length):
    d = [int(c) for c in prefix] + [random.randint(0, 9) for _ in range(length - len(prefix) - 1)]
    for check in range(10):
        s = 0
        for i, x in enumerate(reversed(d + [check])):
            if i % 2:
                x *= 2
                x -= 9 if x > 9 else 0
            s += x
        if s % 10 == 0:
            return ''.join(map(str, d + [check]))

def iban(country, bban):
    n = int(''.join(str(int(c, 36)) for c in bban + country + '00'))
    return f'{country}{98 - n % 97:02d}{bban}'

def g4(s, sep=' '):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))

cards = [luhn(p, n) for p, n in [('4', 16), ('4', 16), ('51', 16), ('55', 16), ('2221', 16),
                                 ('37', 15), ('6011', 16), ('35', 16), ('4', 16), ('52', 16),
                                 ('34', 15), ('4', 16)]]
ibans = [iban('DE', '500105175407324931'), iban('FR', '30006000011234567890189'),
         iban('ES', '00810200250001234567'), iban('IT', 'Z0306909606100000063271'),
         iban('NL', 'RABO0123456789'), iban('GB', 'BARC20000055779911'),
         iban('BE', '068899999404'), iban('AT', '3200000000012345'),
         iban('CH', '80808001234567890'), iban('PL', '114020040000300201355387'),
         iban('PT', '003300004531738102288'), iban('IE', 'BOFI90001710027952')]

S = [
 f"Ticket #88213: customer says card [[CREDIT_CARD|{g4(cards[0])}]] was charged twice on 03/11.",
 f"CRM note — pays with Visa [[CREDIT_CARD|{cards[1]}]], prefers invoices by mail.",
 f"Please refund to the Mastercard ending in {cards[2][-4:]}, full number [[CREDIT_CARD|{g4(cards[2], '-')}]].",
 f"Karte: [[CREDIT_CARD|{g4(cards[3])}]] / Ablauf 08/29 / Inhaber: K. Brandt",
 f"log: payment_failed card=[[CREDIT_CARD|{cards[4]}]] reason=insufficient_funds",
 f"Amex [[CREDIT_CARD|{cards[5][:4]} {cards[5][4:10]} {cards[5][10:]}]] on the corporate account.",
 f"Discover card [[CREDIT_CARD|{g4(cards[6])}]] — customer asked us to delete it.",
 f"JCB: {g4(cards[7])} (Tokyo branch).",  # 35-18: no JCB range, so no card
 f"La carta [[CREDIT_CARD|{g4(cards[8])}]] è stata bloccata dalla banca.",
 f"Numer karty [[CREDIT_CARD|{g4(cards[9])}]], proszę o zwrot.",
 f"Amex corporate [[CREDIT_CARD|{cards[10]}]] used for the flights.",
 f"Visa: [[CREDIT_CARD|{g4(cards[11], '.')}]]",
 "Invoice 2024-000123-45 and PO 4500012345 are attached; the amount is 1 234,56 EUR.",
 "Serial number SN 1234 5678 9012 3456 is printed under the battery.",
 "Contact person: [[EMAIL_ADDRESS|r.oconnor@example-logistics.ie]], ext. 214.",
 "ticket opened by [[EMAIL_ADDRESS|noreply+bounce-4411@mailer.example.net]] (auto)",
 "From: Sabine Krüger <[[EMAIL_ADDRESS|sabine.krueger@firma-beispiel.de]]>",
 "Responder a [[EMAIL_ADDRESS|atencion.cliente@tienda.example.mx]] con el número de pedido.",
 "user [[EMAIL_ADDRESS|j_smith1987@example.com]] reset the password twice today",
 "Lettre de [[EMAIL_ADDRESS|contact@cabinet-martin.example.fr]] reçue hier.",
 "Mail an [[EMAIL_ADDRESS|info@verein.example.at]] und an [[EMAIL_ADDRESS|vorstand@verein.example.at]].",
 "[[EMAIL_ADDRESS|support@example.io]] never answered; try [[EMAIL_ADDRESS|sales@example.io]].",
 "Git config: user.email = [[EMAIL_ADDRESS|dev.ops@build.example.org]]",
 "Write to name at example dot com is how spammers' targets hide addresses; it is not one.",
 "The npm scope @types/node and the mention @channel are not addresses.",
 "Customer phone [[PHONE_NUMBER|+44 7700 900461]], prefers SMS.",
 "Callback requested: [[PHONE_NUMBER|(503) 555-0119]] between 2 and 4 pm.",
 "Tel. [[PHONE_NUMBER|+49 89 12345678]] (Zentrale München)",
 "Portable du client : [[PHONE_NUMBER|+33 7 81 23 45 67]]",
 "Telefono ufficio [[PHONE_NUMBER|02 1234 5678]], chiedere di Paolo.",
 "WhatsApp: [[PHONE_NUMBER|+34 655 12 34 56]]",
 "phone=[[PHONE_NUMBER|+1-312-555-0176]]&country=US",
 "Telefoonnummer: [[PHONE_NUMBER|+31 6 12345678]]",
 "Hotline [[PHONE_NUMBER|0800 123 4567]] is free from German landlines.",
 "Celular [[PHONE_NUMBER|+55 21 99876-5432]], pode mandar mensagem.",
 "Direct line: [[PHONE_NUMBER|+61 3 9123 4567]] (Melbourne).",
 "Call me on [[PHONE_NUMBER|020 7946 0321]] tomorrow.",
 "Release 2025.10.1 fixed issue 4521; build 20251001.3 is the current one.",
 "The meeting ID is 845 2231 9907 and the passcode is in the invite.",
 f"Bankverbindung: [[IBAN_CODE|{g4(ibans[0])}]], BIC COBADEFFXXX",
 f"RIB pour le remboursement : [[IBAN_CODE|{g4(ibans[1])}]]",
 f"Cuenta para el reembolso: [[IBAN_CODE|{ibans[2]}]]",
 f"IBAN del fornitore: [[IBAN_CODE|{g4(ibans[3])}]]",
 f"Graag terugstorten op [[IBAN_CODE|{g4(ibans[4])}]].",
 f"Payee account [[IBAN_CODE|{g4(ibans[5])}]] (Barclays).",
 f"Rekening: [[IBAN_CODE|{ibans[6]}]]",
 f"Konto [[IBAN_CODE|{g4(ibans[7])}]] lautend auf M. Huber.",
 f"IBAN [[IBAN_CODE|{g4(ibans[8])}]] for the Zurich office.",
 f"Przelew na [[IBAN_CODE|{g4(ibans[9])}]].",
 f"NIB: [[IBAN_CODE|{ibans[10]}]]",
 f"iban=[[IBAN_CODE|{ibans[11]}]]&amount=120.00",
 "The reference RF18 5390 0754 7034 is a creditor reference, not an account.",
 "Applicant SSN: [[US_SSN|521-44-7890]]",
 "ssn [[US_SSN|318-72-4406]] / dob withheld",
 "Her social security no. is [[US_SSN|203-58-1164]].",
 "W-2 shows SSN [[US_SSN|611 42 3095]] for the employee.",
 "Please verify SSN [[US_SSN|455-19-2731]] against the tax return.",
 "SSN on file: [[US_SSN|287-60-5512]]; the last four are 5512.",
 "Patient SSN [[US_SSN|532-07-4418]], insurance pending.",
 "Tax ID [[US_SSN|144-23-9876]] was entered in the SSN field.",
 "The numbers 000-45-6789, 666-12-3456 and 987-65-4320 can never be SSNs.",
 "Zip code 94107-1234 and phone extension 555-1234 are not SSNs.",
 "GET /api/v1/users 200 from [[IP_ADDRESS|203.0.113.77]] in 12ms",
 "Failed SSH login from [[IP_ADDRESS|45.155.205.233]] (port 22).",
 "DNS is [[IP_ADDRESS|1.0.0.1]]; the router is [[IP_ADDRESS|192.168.0.254]].",
 "Whitelist [[IP_ADDRESS|52.14.200.9]] for the webhook.",
 "client_ip=[[IP_ADDRESS|2001:db8:1::ab9:c0a8:102]] user_agent=curl/8.4",
 "The container got [[IP_ADDRESS|172.17.0.2]] from the docker bridge.",
 "Peer [[IP_ADDRESS|2606:4700:4700::1111]] answers over IPv6.",
 "X-Forwarded-For: [[IP_ADDRESS|198.51.100.23]], [[IP_ADDRESS|10.1.2.3]]",
 "Le NAS est à [[IP_ADDRESS|192.168.1.10]] sur le réseau local.",
 "Node [[IP_ADDRESS|10.244.1.17]] is NotReady.",
 "Python 3.11.4 and Node 20.10.0 are installed; OpenSSL 3.0.11 too.",
 "The ratio moved from 0.25.1 in the old schema to 1.2.3 in the new one.",
]

rows = []
for i, s in enumerate(S):
    text, spans, pos = '', [], 0
    for m in re.finditer(r'\[\[([A-Z_]+)\|(.*?)\]\]', s):
        text += s[pos:m.start()]
        start = len(text)
        text += m.group(2)
        spans.append({'type': m.group(1), 'start': start, 'end': len(text)})
        pos = m.end()
    text += s[pos:]
    rows.append({'id': f'blind3-{i}', 'text': text, 'spans': spans})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pii_blind3.jsonl'), 'w') as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(rows), sum(len(r['spans']) for r in rows))
