"""Consent walls: a page that is only the question "cookies, or pay?" is not an article.

German publishers in particular answer every request with a wall until consent is given
("Willkommen bei …: mit Werbung lesen oder im Pur-Abo werbefrei"), and the wall can hold a few
hundred words about purposes, partners and data. Such a page is told by what its text is
about: most of its blocks speak the language of consent (cookies, partners, personal data,
purposes, accept/reject, the ad-free subscription), and they speak to the reader ("we and our
partners", "your consent"). A news article about cookie rules also uses those words, but it
reports in the third person, and it does not greet the reader.
"""

from __future__ import annotations

import re

# Words of consent dialogs, in English, German, French, Spanish, Italian, Dutch (lowercase).
_VOCABULARY = re.compile(
    r"cookie|consent|einwillig|zustimm|consentement|consentimiento|consenso|toestemming"
    r"|partner|partenaires|socios|partners"
    r"|personal data|personenbezogen|données personnelles|datos personales|dati personali"
    r"|persoonsgegevens|privacy|datenschutz|confidentialit|privacidad|riservatezza"
    r"|tracking|tracker|legitimate interest|berechtigte[ns]? interesse|intérêt légitime"
    r"|interés legítimo|legittimo interesse|vendor|drittanbieter|fournisseurs|proveedores"
    r"|accept|akzeptier|accepter|aceptar|accetta|reject|ablehnen|refuser|rechazar|rifiuta"
    r"|werbefrei|ad-free|sans publicité|sin publicidad|senza pubblicità|pur-abo|\bpur\b"
    r"|store and/or access|auf einem gerät|sur un appareil|en un dispositivo"
    r"|personalised ads|personalisierte werbung|publicités personnalisées", re.I)
# Literal pieces of the vocabulary (lowercase): a cheap test before the pattern.
_ANCHORS = ("cookie", "consent", "einwillig", "zustimm", "consentimiento", "consenso",
            "toestemming", "partner", "socios", "personal", "personenbezogen", "données",
            "datos", "dati", "persoonsgegevens", "privacy", "datenschutz", "confidentialit",
            "privacidad", "riservatezza", "track", "interest", "interesse", "intérêt", "interés",
            "vendor", "drittanbieter", "fournisseurs", "proveedores", "accept", "akzeptier",
            "aceptar", "accetta", "reject", "ablehnen", "refuser", "rechazar", "rifiuta",
            "werbefrei", "ad-free", "publicit", "pubblicit", "pur", "store and/or", "gerät",
            "appareil", "dispositivo")
# The dialog speaks to the reader: first person plural and second person.
_ADDRESS = re.compile(
    r"\b(?:we|our|us|you|your|wir|uns|unser\w*|ihre?[mnrs]?|du|dein\w*|nous|nos|notre|vous"
    r"|votre|vos|noi|nostr\w|tu|tuo|tue|puoi|nosotros|nuestr\w+|usted|tus?|wij|onze|jij|uw)\b", re.I)
# Headlines that greet the reader instead of telling news.
_GREETING = re.compile(
    r"^(?:welcome to|willkommen (?:bei|auf)|bienvenue (?:sur|à|chez)|bienvenid[oa] a"
    r"|benvenut[oa] (?:su|a)|welkom bij|before you continue|bevor sie fortfahren"
    r"|wir brauchen ihre zustimmung|we need your consent|your privacy|ihre privatsphäre"
    r"|datenschutz|privacy|cookies?\b)", re.I)
WALL_SHARE = 0.5         # of the text's blocks speak consent, on a greeting page
WALL_SHARE_ALONE = 0.8   # … without the greeting
WALL_MAX_WORDS = 600


def consent_share(text: str) -> float:
    """Share of the text's blocks that use consent vocabulary and speak to the reader."""
    blocks = [b for b in re.split(r"\n+", text) if b.strip()]
    if not blocks:
        return 0.0
    return sum(1 for b in blocks if speaks_consent(b)) / len(blocks)


def speaks_consent(block: str) -> bool:
    """Consent vocabulary, addressed to the reader."""
    lowered = block.lower()
    return (any(a in lowered for a in _ANCHORS) and bool(_VOCABULARY.search(block))
            and bool(_ADDRESS.search(block)))


PANEL_SHARE = 0.6        # of a box's blocks speak consent to the reader: a settings panel
PANEL_MAX = 8000         # characters
_PANEL_TAGS = frozenset(("div", "section", "aside"))


def sized_like_a_panel(el, size: int) -> bool:
    return el.tag in _PANEL_TAGS and 0 < size <= PANEL_MAX


def is_consent_panel(el, blocks: int, block_chars: int, consent_chars: int) -> bool:
    """A cookie/privacy-settings panel (a CMP's layer of purposes and partners), told by its
    words: at least three text blocks, most of their text consent language addressed to the
    reader (by characters: the many short labels of a settings layer do not dilute it)."""
    if el.tag not in _PANEL_TAGS or blocks < 3 or block_chars > PANEL_MAX:
        return False
    return consent_chars >= PANEL_SHARE * block_chars


def is_consent_wall(text: str, words: int, headlines: tuple[str, ...]) -> bool:
    """The extracted text is a consent dialog, not news (see the module docstring)."""
    if words > WALL_MAX_WORDS:
        return False
    share = consent_share(text)
    greets = any(h and _GREETING.search(h.strip()) for h in headlines)
    return share >= WALL_SHARE_ALONE or (greets and share >= WALL_SHARE)
