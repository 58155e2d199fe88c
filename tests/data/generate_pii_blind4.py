# Writes tests/data/pii_blind4.jsonl: a fourth blind set, larger (about 35 spans per type),
# written after every fix the first three sets led to and run once before any further
# change. Templates in eleven languages shaped like prompts (tickets, chats, forms, logs)
# take values made here: random but valid card and IBAN numbers, issuable SSNs, phone
# numbers in national and international formats, addresses and e-mail addresses; and
# distractors that must stay unmarked.   python3 tests/data/generate_pii_blind4.py
import random
from pii_sets import grouped, iban, luhn, spaced, write_marked
random.seed(314159)

def digits(n):
    return ''.join(random.choice('0123456789') for _ in range(n))

# --- cards: issuer prefixes and lengths, and how people write them
issuers = [('4', 16), ('4', 16), ('4', 16), ('51', 16), ('53', 16), ('55', 16), ('2223', 16),
           ('2720', 16), ('34', 15), ('37', 15), ('6011', 16), ('65', 16), ('3530', 16),
           ('3566', 16), ('62', 16)]
def card():
    prefix, n = random.choice(issuers)
    c = luhn(prefix, n)
    if n == 15:
        return grouped(c, [4, 6, 5], random.choice([' ', '-']))
    return random.choice([grouped(c, [4, 4, 4, 4]), grouped(c, [4, 4, 4, 4], '-'), c])

card_t = [
    "Please charge the remaining balance to my card [[CREDIT_CARD|{}]].",
    "Kreditkarte: [[CREDIT_CARD|{}]], gültig bis 10/28.",
    "Voici ma carte : [[CREDIT_CARD|{}]] (expire 02/27).",
    "Mi tarjeta es [[CREDIT_CARD|{}]], cárguenla hoy.",
    "Paga con la carta [[CREDIT_CARD|{}]] per favore.",
    "Mijn creditcard: [[CREDIT_CARD|{}]].",
    "Cartão de crédito [[CREDIT_CARD|{}]], validade 05/29.",
    "Karta płatnicza [[CREDIT_CARD|{}]] została odrzucona.",
    "customer card on file [[CREDIT_CARD|{}]], do not store the CVV",
    "The refund should go back to card [[CREDIT_CARD|{}]].",
    "payment_method=card number=[[CREDIT_CARD|{}]] status=declined",
    "Hi, I was charged twice on [[CREDIT_CARD|{}]] for the same order.",
    "Card: [[CREDIT_CARD|{}]] | Name: L. Moreau | Exp: 11/26",
    "Can you check whether [[CREDIT_CARD|{}]] is blocked? It's my debit card.",
    "Номер карты [[CREDIT_CARD|{}]], срок до 09/27.",
    "Betalkort [[CREDIT_CARD|{}]] fungerar inte i butiken.",
    "Replace my old card [[CREDIT_CARD|{}]] with the new one.",
    "Visa/MC accepted. Mine is [[CREDIT_CARD|{}]].",
    "I typed [[CREDIT_CARD|{}]] into the checkout and it failed.",
    "Corporate card [[CREDIT_CARD|{}]] — charge the hotel to this one.",
    "Carte bleue [[CREDIT_CARD|{}]], merci de rembourser.",
    "La tarjeta [[CREDIT_CARD|{}]] aparece dos veces en el extracto.",
    "My son's card [[CREDIT_CARD|{}]] was used without permission.",
    "Kartennummer [[CREDIT_CARD|{}]] bitte sperren!",
    "Use [[CREDIT_CARD|{}]] for the subscription renewal.",
    "Dispute the charge on [[CREDIT_CARD|{}]] from 3 March.",
    "carta di credito: [[CREDIT_CARD|{}]]",
    "Please update billing: card [[CREDIT_CARD|{}]].",
    "The terminal showed [[CREDIT_CARD|{}]] on the receipt, is that normal?",
    "cc [[CREDIT_CARD|{}]] exp 07/29 cvv on request",
    "Pagamento recusado no cartão [[CREDIT_CARD|{}]].",
    "Debit card [[CREDIT_CARD|{}]] — the bank says it is fine.",
    "Please remove [[CREDIT_CARD|{}]] from my account.",
    "Card ending 4421 is old; the new card is [[CREDIT_CARD|{}]].",
]

# --- e-mail
first = ['anna', 'jonas', 'marie', 'luca', 'sofia', 'piotr', 'emma', 'noah', 'chloe', 'mateo',
         'ines', 'yuki', 'olga', 'tomas', 'lea', 'arjun']
last = ['schmidt', 'dubois', 'garcia', 'rossi', 'kowalski', 'jansen', 'silva', 'berg',
        'nielsen', 'tanaka', 'ivanova', 'novak', 'oconnor', 'patel']
domains = ['example.com', 'example.org', 'mail.example.de', 'firma-example.fr', 'correo.example.es',
           'posta.example.it', 'example.co.uk', 'uni-example.edu', 'example.nl', 'example.com.br',
           'startup.example.io', 'example.pl']
def email():
    f, l, d = random.choice(first), random.choice(last), random.choice(domains)
    return random.choice([f'{f}.{l}@{d}', f'{f[0]}.{l}@{d}', f'{f}{random.randint(1, 99)}@{d}',
                          f'{f}_{l}@{d}', f'{l}.{f}+billing@{d}', f'{f}-{l}@{d}'])
email_t = [
    "Send the contract to [[EMAIL_ADDRESS|{}]] please.",
    "Meine E-Mail: [[EMAIL_ADDRESS|{}]]",
    "Écrivez-moi à [[EMAIL_ADDRESS|{}]].",
    "Mi correo es [[EMAIL_ADDRESS|{}]], gracias.",
    "Scrivimi a [[EMAIL_ADDRESS|{}]] quando puoi.",
    "Mail me op [[EMAIL_ADDRESS|{}]].",
    "Meu e-mail: [[EMAIL_ADDRESS|{}]]",
    "Mój adres: [[EMAIL_ADDRESS|{}]]",
    "From: [[EMAIL_ADDRESS|{}]]\nSubject: invoice question",
    "cc [[EMAIL_ADDRESS|{}]] on the reply",
    "user=[[EMAIL_ADDRESS|{}]] action=login result=failed",
    "Can you draft a reply to [[EMAIL_ADDRESS|{}]] declining the offer?",
    "The account [[EMAIL_ADDRESS|{}]] was locked after three attempts.",
    "Forward this to [[EMAIL_ADDRESS|{}]] and [[EMAIL_ADDRESS|{}]].",
    "Contact: [[EMAIL_ADDRESS|{}]] (sales)",
    "Please unsubscribe [[EMAIL_ADDRESS|{}]] from the newsletter.",
    "Is [[EMAIL_ADDRESS|{}]] a valid address format?",
    "Reset link went to [[EMAIL_ADDRESS|{}]] but never arrived.",
    "Kontakt: [[EMAIL_ADDRESS|{}]], Tel. folgt.",
    "Adresse e-mail du client : [[EMAIL_ADDRESS|{}]]",
    "Add [[EMAIL_ADDRESS|{}]] to the shared calendar.",
    "Электронная почта: [[EMAIL_ADDRESS|{}]]",
    "The invite came from [[EMAIL_ADDRESS|{}]]; is it phishing?",
    "Owner: [[EMAIL_ADDRESS|{}]]",
    "Invoice recipient [[EMAIL_ADDRESS|{}]], VAT ID follows.",
    "please change my login from [[EMAIL_ADDRESS|{}]] to [[EMAIL_ADDRESS|{}]]",
    "git config user.email \"[[EMAIL_ADDRESS|{}]]\"",
    "Reply-To: [[EMAIL_ADDRESS|{}]]",
    "Zgłoszenie od [[EMAIL_ADDRESS|{}]].",
    "Write a polite reminder to [[EMAIL_ADDRESS|{}]] about the overdue report.",
]

# --- phones: written by hand, each in a format people use
phones = ['+1 415 555 0198', '(617) 555-0143', '+1-202-555-0177', '+44 20 7946 0312',
          '+44 7700 900812', '020 7946 0455', '+49 30 12345678', '+49 151 2345 6789',
          '030 98765432', '+33 1 42 68 53 21', '06 45 78 12 90', '+33 6 78 90 12 34',
          '+34 915 123 456', '+34 678 901 234', '+39 02 1234 5678', '+39 347 123 4567',
          '+31 20 123 4567', '+31 6 2345 6789', '+351 21 123 4567', '+48 601 234 567',
          '+46 8 123 456 78', '+45 32 12 34 56', '+358 40 123 4567', '+41 44 123 45 67',
          '+43 664 1234567', '+61 2 9876 5432', '+81 90-1234-5678', '+55 11 91234-5678',
          '+52 55 1234 5678', '+91 98765 43210', '(312) 555-0161', '+1 (646) 555-0110',
          '+353 1 234 5678', '+47 912 34 567']
phone_t = [
    "Call me at [[PHONE_NUMBER|{}]] after five.",
    "Meine Nummer: [[PHONE_NUMBER|{}]]",
    "Mon numéro : [[PHONE_NUMBER|{}]]",
    "Mi teléfono es [[PHONE_NUMBER|{}]].",
    "Il mio cellulare è [[PHONE_NUMBER|{}]].",
    "Bel me op [[PHONE_NUMBER|{}]].",
    "Meu telefone: [[PHONE_NUMBER|{}]]",
    "Zadzwoń na [[PHONE_NUMBER|{}]].",
    "phone: [[PHONE_NUMBER|{}]]",
    "tel=[[PHONE_NUMBER|{}]]&lang=en",
    "The customer left a callback number, [[PHONE_NUMBER|{}]].",
    "WhatsApp me on [[PHONE_NUMBER|{}]] if the parcel is late.",
    "Reception desk: [[PHONE_NUMBER|{}]]",
    "Text [[PHONE_NUMBER|{}]] with the code.",
    "Can you format [[PHONE_NUMBER|{}]] for our CRM?",
    "Emergency contact: my sister, [[PHONE_NUMBER|{}]].",
    "Телефон для связи: [[PHONE_NUMBER|{}]]",
    "Ring mig på [[PHONE_NUMBER|{}]].",
    "The caller ID showed [[PHONE_NUMBER|{}]] twice last night.",
    "Mobile [[PHONE_NUMBER|{}]], landline not in use.",
    "Our helpline is [[PHONE_NUMBER|{}]], open 9 to 5.",
    "Appelez le [[PHONE_NUMBER|{}]] pour confirmer.",
    "Llame al [[PHONE_NUMBER|{}]] para cambiar la cita.",
    "Kontakt telefoniczny: [[PHONE_NUMBER|{}]]",
    "Tel.: [[PHONE_NUMBER|{}]] (Büro)",
    "Is [[PHONE_NUMBER|{}]] a mobile or a landline?",
    "The delivery driver's phone is [[PHONE_NUMBER|{}]].",
    "Fax: [[PHONE_NUMBER|{}]]",
    "Mobil: [[PHONE_NUMBER|{}]]",
    "Reach our office on [[PHONE_NUMBER|{}]].",
    "Telefonnummer [[PHONE_NUMBER|{}]], bitte zurückrufen.",
    "numéro de portable [[PHONE_NUMBER|{}]]",
    "contact number [[PHONE_NUMBER|{}]]",
    "Soita numeroon [[PHONE_NUMBER|{}]].",
]

# --- IBAN: countries, lengths and the shape of their account part
def bban(country):
    shapes = {'DE': 'n18', 'FR': 'n23', 'ES': 'n20', 'IT': 'a1n22', 'NL': 'a4n10', 'BE': 'n12',
              'AT': 'n16', 'CH': 'n17', 'PL': 'n24', 'PT': 'n21', 'SE': 'n20', 'DK': 'n14',
              'FI': 'n14', 'NO': 'n11', 'IE': 'a4n14', 'GB': 'a4n14', 'LU': 'n16', 'CZ': 'n20',
              'SK': 'n20', 'HU': 'n24', 'RO': 'a4n16', 'GR': 'n23', 'HR': 'n17', 'SI': 'n15',
              'LT': 'n16', 'EE': 'n16'}
    out = ''
    for kind, count in __import__('re').findall(r'([an])(\d+)', shapes[country]):
        alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' if kind == 'a' else '0123456789'
        out += ''.join(random.choice(alphabet) for _ in range(int(count)))
    return out
countries = ['DE', 'FR', 'ES', 'IT', 'NL', 'BE', 'AT', 'CH', 'PL', 'PT', 'SE', 'DK', 'FI', 'NO',
             'IE', 'GB', 'LU', 'CZ', 'SK', 'HU', 'RO', 'GR', 'HR', 'SI', 'LT', 'EE']
def an_iban():
    i = iban(c := random.choice(countries), bban(c))
    return random.choice([spaced(i), i])
iban_t = [
    "Please transfer the deposit to [[IBAN_CODE|{}]].",
    "IBAN: [[IBAN_CODE|{}]]",
    "Bankverbindung [[IBAN_CODE|{}]], Verwendungszweck Miete.",
    "Mon IBAN est [[IBAN_CODE|{}]].",
    "Mi IBAN: [[IBAN_CODE|{}]]",
    "Il mio IBAN è [[IBAN_CODE|{}]].",
    "Rekeningnummer [[IBAN_CODE|{}]]",
    "Numer konta [[IBAN_CODE|{}]]",
    "payout_account=[[IBAN_CODE|{}]]",
    "Refund to [[IBAN_CODE|{}]], account holder J. Berg.",
    "Is [[IBAN_CODE|{}]] a valid IBAN?",
    "Change my salary account to [[IBAN_CODE|{}]].",
    "Supplier bank details: [[IBAN_CODE|{}]]",
    "Kontonummer: [[IBAN_CODE|{}]]",
    "The SEPA mandate lists [[IBAN_CODE|{}]].",
    "Überweisen Sie bitte auf [[IBAN_CODE|{}]].",
    "Virement sur le compte [[IBAN_CODE|{}]] demain.",
    "Cuenta bancaria: [[IBAN_CODE|{}]]",
    "Conto corrente [[IBAN_CODE|{}]]",
    "Bankrekening [[IBAN_CODE|{}]] graag gebruiken.",
    "NIB [[IBAN_CODE|{}]]",
    "Tilinumero [[IBAN_CODE|{}]]",
    "Kontonr. [[IBAN_CODE|{}]]",
    "Číslo účtu: [[IBAN_CODE|{}]]",
    "Bankszámla: [[IBAN_CODE|{}]]",
    "Cont bancar [[IBAN_CODE|{}]]",
    "Send the rent to [[IBAN_CODE|{}]] before the 5th.",
    "The invoice says pay to [[IBAN_CODE|{}]].",
    "Account: [[IBAN_CODE|{}]] (business)",
    "Please verify [[IBAN_CODE|{}]] before paying.",
    "Old account [[IBAN_CODE|{}]] is closed.",
    "Erstattung bitte auf [[IBAN_CODE|{}]].",
    "IBAN du bénéficiaire : [[IBAN_CODE|{}]]",
    "Beneficiary IBAN [[IBAN_CODE|{}]]",
]

# --- US SSN: issuable area (not 000, 666, 900-999), group and serial not zero
def ssn():
    while True:
        area = random.randint(1, 899)
        if area != 666:
            break
    s = f'{area:03d}{random.randint(1, 99):02d}{random.randint(1, 9999):04d}'
    return random.choice([f'{s[:3]}-{s[3:5]}-{s[5:]}', f'{s[:3]}-{s[3:5]}-{s[5:]}', f'{s[:3]} {s[3:5]} {s[5:]}'])
ssn_t = [
    "My SSN is [[US_SSN|{}]].",
    "SSN: [[US_SSN|{}]]",
    "Social Security number [[US_SSN|{}]] for the W-2.",
    "ssn=[[US_SSN|{}]]",
    "The applicant's SSN, [[US_SSN|{}]], does not match the tax return.",
    "Please update my social security number to [[US_SSN|{}]].",
    "Employee SSN [[US_SSN|{}]] is missing from payroll.",
    "Is [[US_SSN|{}]] a valid SSN format?",
    "His SSN is [[US_SSN|{}]] and his date of hire is on file.",
    "social security no. [[US_SSN|{}]]",
    "Tax ID (SSN) [[US_SSN|{}]]",
    "Dependent SSN [[US_SSN|{}]]",
    "SSN on the 1099: [[US_SSN|{}]].",
    "Patient SSN [[US_SSN|{}]]; insurance card attached.",
    "I entered [[US_SSN|{}]] as my SSN on the form.",
    "Spouse SSN: [[US_SSN|{}]]",
    "The credit check used SSN [[US_SSN|{}]].",
    "SSN (last four hidden): no, full: [[US_SSN|{}]]",
    "Número de Seguro Social: [[US_SSN|{}]]",
    "Sozialversicherungsnummer (USA): [[US_SSN|{}]]",
    "My social is [[US_SSN|{}]], can you fill in the form?",
    "Verify SSN [[US_SSN|{}]] against the I-9.",
    "Member SSN [[US_SSN|{}]]",
    "ssn: [[US_SSN|{}]] dob: withheld",
    "SSN [[US_SSN|{}]] belongs to the account holder.",
    "Fill in SSN [[US_SSN|{}]] on line 3.",
    "The SSA letter lists SSN [[US_SSN|{}]].",
    "Correct SSN: [[US_SSN|{}]] (the old one was mistyped).",
    "SSN of the deceased: [[US_SSN|{}]]",
    "Borrower SSN [[US_SSN|{}]]",
    "Co-signer social security number [[US_SSN|{}]].",
    "SSN [[US_SSN|{}]], state NJ.",
]

# --- IP addresses
def ip():
    if random.random() < 0.25:
        return random.choice(['2001:db8:4:1::12', '2a02:1205:34c1::7', 'fe80::1c2b:3dff:fe4a:9b10',
                              '2606:4700:4700::1001', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'])
    return random.choice([f'{random.randint(11, 223)}.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}',
                          f'10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}',
                          f'192.168.{random.randint(0, 255)}.{random.randint(1, 254)}'])
ip_t = [
    "The server [[IP_ADDRESS|{}]] is not responding.",
    "Block [[IP_ADDRESS|{}]] at the firewall.",
    "ssh admin@[[IP_ADDRESS|{}]] fails with a timeout.",
    "Der Host [[IP_ADDRESS|{}]] ist nicht erreichbar.",
    "L'adresse IP [[IP_ADDRESS|{}]] est bloquée.",
    "La IP [[IP_ADDRESS|{}]] aparece en los logs.",
    "L'indirizzo IP [[IP_ADDRESS|{}]] non risponde.",
    "client_ip=[[IP_ADDRESS|{}]] status=403",
    "Failed login from [[IP_ADDRESS|{}]].",
    "Whitelist [[IP_ADDRESS|{}]] for the API.",
    "DNS resolves to [[IP_ADDRESS|{}]].",
    "My router's IP is [[IP_ADDRESS|{}]].",
    "ping [[IP_ADDRESS|{}]] shows 40% packet loss",
    "The VM got [[IP_ADDRESS|{}]] from DHCP.",
    "Traffic spike from [[IP_ADDRESS|{}]] at 02:00.",
    "Set the proxy to [[IP_ADDRESS|{}]]:3128.",
    "Gateway: [[IP_ADDRESS|{}]]",
    "Is [[IP_ADDRESS|{}]] a private address?",
    "curl http://[[IP_ADDRESS|{}]]/health returns 502",
    "Node [[IP_ADDRESS|{}]] left the cluster.",
    "Подключение к [[IP_ADDRESS|{}]] не удалось.",
    "De server op [[IP_ADDRESS|{}]] is traag.",
    "Requests from [[IP_ADDRESS|{}]] hit the rate limit.",
    "The printer is at [[IP_ADDRESS|{}]].",
    "Allow inbound from [[IP_ADDRESS|{}]] on port 22.",
    "remote_addr: [[IP_ADDRESS|{}]]",
    "The NAS [[IP_ADDRESS|{}]] shows a disk error.",
    "Lookup whois for [[IP_ADDRESS|{}]].",
    "Endereço IP [[IP_ADDRESS|{}]] bloqueado.",
    "Adres IP [[IP_ADDRESS|{}]] nie odpowiada.",
    "Bind the service to [[IP_ADDRESS|{}]].",
    "Our office egress IP is [[IP_ADDRESS|{}]].",
    "The attacker used [[IP_ADDRESS|{}]] and then another host.",
]

# --- distractors: numbers of the right shapes that are none of these
distractors = [
    "Order 1234-5678-9012-3456 shipped from the warehouse in Leipzig.",
    "Tracking number 1Z 999 AA1 01 2345 6784 shows the parcel in transit.",
    "The build is 24.10.3.1872 and the API version is 2.3.1.",
    "Invoice INV-2025-004512, amount 1.234,56 EUR, due 30.06.2025.",
    "ISBN 978-0-306-40615-7 is the paperback edition.",
    "The meeting is on 2025-03-14 at 09:30 in room 3.14.",
    "Our postcode is 10115 and the district number is 11.",
    "sha1 5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8 is the file's hash.",
    "Product code 4006381333931 is printed under the barcode.",
    "Population 3 644 826 (2022), area 891.7 km².",
    "Flight LH 2034 departs at 14:55 from gate B 42.",
    "Serial S/N 2019-0042-7781 on the back of the router.",
    "Temperature readings 21.5, 22.1, 22.8 and 23.0 degrees.",
    "Case number 2024-CV-001234 was dismissed.",
    "The card number 4111 1111 1111 1112 fails the Luhn check.",
    "Version string 10.0.19045.3803 comes from Windows.",
    "Coordinates 52.5200, 13.4050 point to Berlin.",
    "The SSN field shows 000-00-0000 as a placeholder.",
    "Reference RF18 0000 0000 0000 0000 0 is a test creditor reference.",
    "Patent US 10,123,456 B2 describes the method.",
    "Room 101, floor 3, building 7.",
    "The price went from 1 299,00 to 1 099,00 euros.",
]

S = []
for t in card_t:
    S.append(t.format(card()))
for t in email_t:
    S.append(t.format(*[email() for _ in range(t.count('{}'))]))
for t in phone_t:
    S.append(t.format(phones.pop(random.randrange(len(phones))) if phones else '+1 415 555 0100'))
for t in iban_t:
    S.append(t.format(an_iban()))
for t in ssn_t:
    S.append(t.format(ssn()))
for t in ip_t:
    S.append(t.format(ip()))
S += distractors
random.shuffle(S)
write_marked(S, 'blind4', 'pii_blind4.jsonl')
