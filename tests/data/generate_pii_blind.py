# Writes tests/data/pii_blind.jsonl: sentences written for this set, spans marked
# [[TYPE|value]], offsets in code points. Card and IBAN numbers are made with valid
# checksums from a fixed seed.   python3 tests/data/generate_pii_blind.py
import random
from pii_sets import grouped, iban, luhn as luhn_complete, spaced, write_marked
random.seed(20261126)


visa = luhn_complete('4', 16); mc = luhn_complete('51', 16); mc2 = luhn_complete('2221', 16)
amex = luhn_complete('37', 15); disc = luhn_complete('6011', 16); jcb = luhn_complete('3530', 16)
visa2 = luhn_complete('4', 16); mc3 = luhn_complete('55', 16)
bad_luhn = visa2[:-1] + str((int(visa2[-1]) + 1) % 10)

de = iban('DE', '370400440532013000'); fr = iban('FR', '20041010050500013M02606')
es = iban('ES', '21000418450200051332'); nl = iban('NL', 'ABNA0417164300')
it = iban('IT', 'X0542811101000000123456'); gb = iban('GB', 'NWBK60161331926819')
ch = iban('CH', '00762011623852957'); pl = iban('PL', '109010140000071219812874')
be = iban('BE', '539007547034')
bad_iban = de[:2] + ('%02d' % ((int(de[2:4]) + 1) % 100)) + de[4:]

S = [
 # cards
 f"My Visa is [[CREDIT_CARD|{grouped(visa,[4,4,4,4])}]], please update the subscription.",
 f"Bitte belasten Sie die Mastercard [[CREDIT_CARD|{grouped(mc,[4,4,4,4],'-')}]] mit dem Restbetrag.",
 f"Carte bancaire : [[CREDIT_CARD|{mc2}]], date d'expiration 04/28.",
 f"AMEX [[CREDIT_CARD|{grouped(amex,[4,6,5])}]] was declined twice at checkout yesterday.",
 f"Tarjeta Discover terminada en 1234? No, el número completo es [[CREDIT_CARD|{grouped(disc,[4,4,4,4])}]].",
 f"JCB card [[CREDIT_CARD|{grouped(jcb,[4,4,4,4])}]] belongs to my mother.",
 f"The test card number {grouped(bad_luhn,[4,4,4,4])} fails the checksum, so the form rejects it.",
 f"Pago con la tarjeta [[CREDIT_CARD|{grouped(mc3,[4,4,4,4])}]] (caduca 12/27) y el CVV por teléfono.",
 "Order 4417 2291 3350 took three weeks to arrive; the tracking number was 1Z999AA10123456784.",
 # e-mail
 "Write to [[EMAIL_ADDRESS|jean-luc.picard+work@starfleet.example.fr]] for the transfer papers.",
 "Mi correo es [[EMAIL_ADDRESS|lucia.fernandez@correo.example.es]] y prefiero que me escriban por la tarde.",
 "Contact: [[EMAIL_ADDRESS|o'brien@mail.example.ie]] (Ops), [[EMAIL_ADDRESS|ops-team@sub.example.co.uk]] (backup).",
 "Schreiben Sie an [[EMAIL_ADDRESS|jürgen.müller@beispiel.de]], er kümmert sich darum.",
 "The placeholder x@y in the template is not an address, and neither is @handle on social media.",
 "Reply-To: <[[EMAIL_ADDRESS|support@helpdesk.example.com]]>",
 "git log shows the commit author as [[EMAIL_ADDRESS|a.nakamura@example.jp]], from last Tuesday.",
 # phones
 "Call me at [[PHONE_NUMBER|(212) 555-0187]] after 6pm, or text the same number.",
 "Our London office: [[PHONE_NUMBER|+44 20 7946 0958]], open Monday to Friday.",
 "Rufen Sie mich unter [[PHONE_NUMBER|+49 30 901820]] oder mobil unter [[PHONE_NUMBER|0151 23456789]] an.",
 "Mon portable : [[PHONE_NUMBER|06 12 34 56 78]]. Le fixe ne marche plus.",
 "Llámame al [[PHONE_NUMBER|+34 912 345 678]] cuando llegues al hotel.",
 "Il numero dello studio è [[PHONE_NUMBER|+39 06 6982 1234]], chiedi di Marta.",
 "Bel gerust naar [[PHONE_NUMBER|+31 20 794 6000]] als er vragen zijn.",
 "Sydney support line: [[PHONE_NUMBER|+61 2 9374 4000]].",
 "The hotel in Tokyo is [[PHONE_NUMBER|+81 3-1234-5678]], reservation under Kim.",
 "US number for the claim: [[PHONE_NUMBER|+1-646-555-0199]], extension 42.",
 "Meu telefone é [[PHONE_NUMBER|+55 11 98765-4321]], pode chamar no WhatsApp.",
 "Fax [[PHONE_NUMBER|212.555.0143]] is still the fastest way to reach the county clerk.",
 "The build number 2024.11.26.3 and version 10.4.12 are both on the release page.",
 "Section 12.3.4 of the contract and clause 4.5.6 cover the penalties.",
 "The invoice INV-4455-9921 was paid on 2025-03-14 at 09:26:53 UTC.",
 "ISBN 978-3-16-148410-0 is the second edition; the first one is out of print.",
 "Population grew from 1,234,567 to 2,345,678 between the two censuses.",
 # IBAN
 f"Überweisung bitte auf [[IBAN_CODE|{spaced(de)}]] bei der Commerzbank.",
 f"Mon RIB : [[IBAN_CODE|{spaced(fr)}]], au nom de Claire Dubois.",
 f"Transferencia a [[IBAN_CODE|{es}]] antes del viernes.",
 f"Rekeningnummer [[IBAN_CODE|{spaced(nl)}]] t.n.v. J. de Vries.",
 f"IBAN: [[IBAN_CODE|{it}]] (Banca Popolare).",
 f"Pay the deposit to [[IBAN_CODE|{spaced(gb)}]], reference FLAT-2B.",
 f"Konto in der Schweiz: [[IBAN_CODE|{spaced(ch)}]].",
 f"Numer konta [[IBAN_CODE|{spaced(pl)}]] jest w umowie.",
 f"Rekening [[IBAN_CODE|{be}]] voor de huur.",
 f"The IBAN {spaced(bad_iban)} bounced because its check digits are wrong.",
 # SSN
 "My SSN is [[US_SSN|536-22-8104]] and my date of birth is on the form.",
 "Social security number: 219 09 9999 (a sample number from old advertising), spouse's is [[US_SSN|078-05-1121]]?",
 "SSN 000-12-3456 and 666-45-1234 are never issued, so the validator should flag the form.",
 "Employee ID 123-45-678 is not a social security number; it has one digit too few.",
 "The tax form lists SSN [[US_SSN|472-86-3310]] for the dependent.",
 # IP
 "The server at [[IP_ADDRESS|203.0.113.45]] refused the connection on port 443.",
 "Block [[IP_ADDRESS|198.51.100.7]] and [[IP_ADDRESS|192.0.2.200]] at the firewall, they scan us nightly.",
 "IPv6: [[IP_ADDRESS|2001:db8:85a3::8a2e:370:7334]] answers, but [[IP_ADDRESS|fe80::1ff:fe23:4567:890a]] does not.",
 "Bind to [[IP_ADDRESS|::1]] for local testing only.",
 "The subnet [[IP_ADDRESS|10.20.0.0]]/16 is reserved for the lab.",
 "Version 1.2.840.113549 is an OID, and 999.10.10.10 is not a valid address.",
 "Gateway [[IP_ADDRESS|172.16.254.1]], DNS [[IP_ADDRESS|1.1.1.1]].",
 "Le serveur [[IP_ADDRESS|192.168.178.20]] ne répond plus depuis la mise à jour.",
 # mixed
 f"Name: Ana Souza, email [[EMAIL_ADDRESS|ana.souza@example.com.br]], phone [[PHONE_NUMBER|+55 21 2345-6789]], card [[CREDIT_CARD|{grouped(visa2,[4,4,4,4])}]].",
 "Please forward the logs from [[IP_ADDRESS|100.64.12.9]] to [[EMAIL_ADDRESS|secops@example.org]] by noon.",
 "No personal data here: the meeting is at 14:30 in room 4.12, bring the Q3 report.",
 "The coordinates 48.8566, 2.3522 point to Paris; the elevation is 35 m.",
]

write_marked(S, 'blind', 'pii_blind.jsonl')
