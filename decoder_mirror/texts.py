"""Every piece of page chrome text the templates emit, per edition language.

One table on purpose: the tests (tests/support/mirror_expected.py) derive the list of boilerplate
strings that must never reach a cleaned article from it, so a template cannot grow new chrome
that the tests do not know about.
Marked "seen" where decoder-site.md / the as-read page confirm the wording; the rest is inferred.
As on the real German page, theme strings ("Skip to content", "Image description", title/aria
texts) stay English on both editions.
"""

from __future__ import annotations

_THEME = {  # theme strings, English on both editions
    "skip": "Skip to content",                                   # seen (also on the German page)
    "image_alt": "Image description",                            # seen
    "copy_url": "Copy the url to clipboard",                     # seen
    "view_posts": "View all posts by {name}",                    # seen
    "linkedin": "View the LinkedIn Profile of {name}",           # seen
    "read_full": "Read full article about: {title}",             # seen (card title attribute)
    "date_alt": "Date of publication",                           # seen (alt attribute)
    "plus": "Plus",                                              # seen
    "privacy_manager": "Privacy Manager",                        # seen (footer)
    "footer_brand": "THE DECODER by DEEP CONTENT by heise",      # seen
    "menu": "Menu",
    "search": "Search",
}

TEXTS: dict[str, dict[str, object]] = {
    "en": _THEME | {
        "ad": "Ad",                                              # seen
        "cmp_title": "We value your privacy",                    # inferred (CMP dialog)
        "cmp_body": "We and our partners store and access information on your device, such as "
                    "cookies, to show personalised ads and content and to measure their "
                    "performance.",
        "cmp_accept": "Accept all", "cmp_reject": "Reject all", "cmp_settings": "Settings",
        "login": "Log In", "subscribe": "Subscribe",             # seen
        "switch": ("DE", "Switch to German"),                    # seen
        "share": "Share this article",                           # seen
        "to_comments": "Go to comment section",                  # seen
        "key_points": "Key Points",                              # seen
        "ask": "Ask about this article…", "ask_button": "Ask",   # seen / inferred
        "sub_h3": "AI News Without the Hype – Curated by Humans",  # seen
        "sub_p": "With a THE DECODER subscription, you read ad-free and become part of our "
                 "community: discuss in the comment system, get our weekly AI newsletter, 6× a "
                 "year the “AI Radar” frontier newsletter with the latest developments from the "
                 "cutting edge of AI research, up to 25 % off AI Pro events and access to the "
                 "complete archive of the last ten years.",
        "sub_list": ("Read without distractions – no Google ad banners.",
                     "Access to the comment system and exchange with the community.",
                     "Weekly AI newsletter.",
                     "Access to the complete archive of the last ten years."),
        "sub_link": "Subscribe now",                             # seen
        "upsell_lines": ("Read on for the full picture.",        # seen
                         "Subscribe for hype-free coverage."),
        "upsell_list": ("Full access to every article on THE DECODER", "No ads",  # seen
                        "Weekly AI newsletter", "Discuss in the comments"),
        "upsell_link": "Subscribe now",
        "tags_label": "Tags:",
        "top_stories": "Top Stories", "dont_miss": "Don't Miss",  # seen
        "most_popular": "Most Popular",                           # seen
        "nl_title": "Stay in the loop on AI – the most important news every Friday.",  # seen start
        "nl_email": "Your email address", "nl_button": "Subscribe to our Newsletter",  # seen
        "nl_note": "You can unsubscribe at any time.",
        "footer": ("About", "Advertise", "Privacy Policy", "Privacy Manager", "Imprint",
                   "Terms and Conditions"),                      # seen
        "copyright": "© 2026 DEEP CONTENT GmbH. All rights reserved.",
        "comments_join": "Join the discussion",                  # wpDiscuz defaults
        "comments_notify": "Notify of", "comments_new": "new follow-up comments",
        "comments_replies": "new replies to my comments",
        "comments_count": "Comments", "comments_login": "Login",
        "comments_sort": ("Newest", "Oldest", "Most Voted"),
        "comments_inline": "Inline Feedbacks", "comments_all": "View all comments",
        "comments_reply": "Reply",
        "not_found": "Page not found",
        "not_found_p": "The page you are looking for does not exist or has been moved.",
        "more": "More articles", "next": "Next page", "prev": "Previous page",
        "feed_footer": "The article {a} appeared first on {site}.",   # seen
    },
    "de": _THEME | {
        "ad": "Anzeige",                                          # seen
        "cmp_title": "Wir respektieren deine Privatsphäre",       # inferred
        "cmp_body": "Wir und unsere Partner speichern Informationen auf deinem Gerät und greifen "
                    "darauf zu, etwa Cookies, um personalisierte Werbung und Inhalte anzuzeigen "
                    "und ihre Wirkung zu messen.",
        "cmp_accept": "Alle akzeptieren", "cmp_reject": "Alle ablehnen",
        "cmp_settings": "Einstellungen",
        "login": "Anmelden", "subscribe": "Abonnieren",
        "switch": ("EN", "Switch to English"),
        "share": "Artikel teilen",
        "to_comments": "Zur Kommentarsektion",
        "key_points": "Key Points",
        "ask": "Frag etwas zu diesem Artikel…", "ask_button": "Fragen",
        "sub_h3": "KI-News ohne Hype – von Menschen kuratiert",  # seen
        "sub_p": "Mit dem THE‑DECODER‑Abo liest du werbefrei und wirst Teil unserer Community: "
                 "Diskutiere im Kommentarsystem, erhalte unseren wöchentlichen KI‑Newsletter, 6× "
                 "im Jahr den „KI Radar“‑Frontier‑Newsletter mit den neuesten Entwicklungen aus "
                 "der Spitze der KI‑Forschung, bis zu 25 % Rabatt auf KI Pro‑Events und Zugriff "
                 "auf das komplette Archiv der letzten zehn Jahre.",   # seen
        "sub_list": (),       # the German list sits in the second box, after the source line
        "sub_link": None,
        "upsell_lines": ("KI-News ohne Hype", "Von Menschen kuratiert."),   # seen
        "upsell_list": ("Mehr als 20 Prozent Launch-Rabatt.",                # seen
                        "Lesen ohne Ablenkung – keine Google-Werbebanner.",
                        "Zugang zum Kommentarsystem und Austausch mit der Community.",
                        "Wöchentlicher KI-Newsletter.",
                        "6× jährlich: „KI Radar“ – Deep-Dives zu den wichtigsten KI-Themen.",
                        "Bis zu 25 % Rabatt auf KI Pro Online-Events.",
                        "Zugang zum kompletten Archiv der letzten zehn Jahre.",
                        "Die neuesten KI‑Infos von The Decoder – klar und auf den Punkt."),
        "upsell_link": "The Decoder abonnieren",                  # seen
        "tags_label": "Tags:",
        "top_stories": "Top-Storys", "dont_miss": "Nicht verpassen",
        "most_popular": "Meistgelesen",
        "nl_title": "Bleib auf dem Laufenden über KI – die wichtigsten News jeden Freitag.",
        "nl_email": "Deine E-Mail-Adresse", "nl_button": "Newsletter abonnieren",
        "nl_note": "Abmeldung jederzeit möglich.",
        "footer": ("Über uns", "Werbung", "Datenschutz", "Privacy Manager", "Impressum", "AGB"),
        "copyright": "© 2026 DEEP CONTENT GmbH. Alle Rechte vorbehalten.",
        "comments_join": "Beteilige dich an der Diskussion",
        "comments_notify": "Benachrichtige mich bei",
        "comments_new": "neuen Folgekommentaren",
        "comments_replies": "neuen Antworten auf meine Kommentare",
        "comments_count": "Kommentare", "comments_login": "Anmelden",
        "comments_sort": ("Neueste", "Älteste", "Beste Bewertung"),
        "comments_inline": "Inline-Feedbacks", "comments_all": "Alle Kommentare anzeigen",
        "comments_reply": "Antworten",
        "not_found": "Seite nicht gefunden",
        "not_found_p": "Die gesuchte Seite existiert nicht oder wurde verschoben.",
        "more": "Weitere Artikel", "next": "Nächste Seite", "prev": "Vorherige Seite",
        "feed_footer": "Der Artikel {a} erschien zuerst auf {site}.",  # seen
    },
}


def t(lang: str, key: str) -> object:
    return TEXTS[lang][key]


def chrome_strings(lang: str) -> list[str]:
    """All literal chrome texts of one language (templates with {placeholders} left out)."""
    out: list[str] = []
    for value in TEXTS[lang].values():
        items = value if isinstance(value, tuple) else (value,)
        out.extend(s for s in items if isinstance(s, str) and "{" not in s)
    return out
