"""German posts of the mirror (the-decoder.de). Our own writing about fictional companies.

As on the real German edition, some theme strings stay English (e.g. the image credit
"Midjourney prompted by THE DECODER"), while captions say "Bild:" and sources "Quelle:".
"""

from __future__ import annotations

from .model import Comment, LeadImage, Post

MJ = "Midjourney prompted by THE DECODER"

KESTREL = Post(
    id=412006, edition="de", slug="kestrel-ai-offenes-modell-mathe-benchmarks",
    title="Kestrel AI: Offenes Modell hält bei Mathe-Benchmarks mit viel größeren Konkurrenten mit",
    authors=("lena-hoffmann",),
    published="2025-02-11T16:02:40+01:00", modified="2025-02-11T16:40:12+01:00",
    section="ki-forschung", tags=("Open Source", "LLM", "Benchmarks"),
    image=LeadImage("/wp-content/uploads/2025/02/kestrel_math_model_header.png", MJ),
    key_points=(
        "Das Zürcher Start-up veröffentlicht die Gewichte eines Modells mit neun Milliarden "
        "Parametern.",
        "In eigenen Tests liegt es bei Mathe-Aufgaben gleichauf mit deutlich größeren Modellen.",
        "Unabhängige Überprüfungen stehen noch aus.",
    ),
    blocks=(
        ("lead", "Das Zürcher Start-up Kestrel AI hat ein offenes Sprachmodell mit neun Milliarden "
                 "Parametern veröffentlicht. Bei Mathe-Wettbewerbsaufgaben soll es fast so gut "
                 "abschneiden wie Modelle, die fünfmal so groß sind."),
        ("p", "Kestrel Nine steht unter der Apache-2.0-Lizenz und richtet sich an Entwicklerinnen "
              "und Entwickler, die ein leistungsfähiges Modell auf eigener Hardware betreiben "
              "wollen. Statt für eine Cloud-Schnittstelle zu bezahlen, können sie das Modell lokal "
              "auf einer einzelnen Grafikkarte ausführen."),
        ("ad", 1),
        ("p", "In der hauseigenen Auswertung erreicht das Modell 71 Prozent bei einem verbreiteten "
              "Satz von Aufgaben aus Mathematikwettbewerben für Schülerinnen und Schüler. Damit "
              "liegt es laut Kestrel nur zwei Punkte hinter deutlich größeren offenen Modellen."),
        ("h2", "Synthetische Daten statt schierer Größe"),
        ("p", "Den Erfolg führt das Team auf sein Trainingsverfahren zurück. Ein größeres "
              "Lehrermodell erzeugte mehrere Millionen Lösungswege, von denen nur diejenigen übrig "
              "blieben, die ein symbolischer Prüfer Schritt für Schritt bestätigen konnte. Etwa "
              "ein Drittel fiel dabei durch."),
        ("figure", "/wp-content/uploads/2025/02/kestrel_nine_benchmark_chart.png",
         "Kestrel Nine im Vergleich mit größeren offenen Modellen auf vier Mathe-Benchmarks.",
         "Bild: Kestrel AI", "srcset"),
        ("ad", 2),
        ("p", "Woher die ursprünglichen Aufgaben stammen, verrät Kestrel nicht. Damit lässt sich "
              "nicht ausschließen, dass Benchmark-Fragen oder enge Varianten davon in den "
              "Trainingsdaten gelandet sind. Ein technischer Bericht mit Details zur "
              "Datenaufbereitung soll in den kommenden Wochen folgen."),
    ),
    sources=(("Kestrel AI", "https://kestrel-ai.example/blog/kestrel-nine"),),
    source_label="Quelle:", twin=241503, in_feed=False,
)

TESSIN = Post(
    id=414530, edition="de", slug="tessin-audio-offline-uebersetzung-sprachassistent",
    title="Tessin Audio: Sprachassistent übersetzt Gespräche jetzt auch offline",
    authors=("felix-brandt",),
    published="2025-05-22T11:20:00+02:00", modified="2025-05-22T13:05:18+02:00",
    section="short-news", tags=("Übersetzung", "Edge AI"),
    image=LeadImage("/wp-content/uploads/2025/05/tessin_audio_assistent.jpg",
                    "Bild: Tessin Audio"),
    key_points=(
        "Das Übersetzungsmodell läuft direkt auf dem Gerät.",
        "Unterstützt werden zunächst zwölf Sprachen.",
    ),
    blocks=(
        ("lead", "Der Schweizer Hersteller Tessin Audio hat seinen Sprachassistenten um eine "
                 "Übersetzungsfunktion erweitert, die ohne Internetverbindung auskommt. Das Modell "
                 "läuft vollständig auf dem Gerät."),
        ("p", "Zum Start unterstützt die Funktion zwölf Sprachen, darunter Deutsch, Englisch, "
              "Französisch, Italienisch und Türkisch. Gespräche werden nahezu in Echtzeit "
              "übersetzt und über den eingebauten Lautsprecher wiedergegeben. Laut Hersteller "
              "liegt die Verzögerung bei unter einer Sekunde."),
        ("ad", None),
        ("p", "Weil keine Daten das Gerät verlassen, zielt Tessin Audio vor allem auf "
              "Arztpraxen, Behörden und Beratungsstellen. Das Update wird ab Juni für alle Geräte "
              "der zweiten Generation verteilt, ältere Modelle erhalten die Funktion wegen zu "
              "geringer Rechenleistung nicht."),
    ),
    sources=(("Tessin Audio", "https://tessin-audio.example/de/news/offline-uebersetzung"),),
    source_label="Quelle:", in_feed=False,
)

NETZ = Post(
    id=417215, edition="de", slug="ki-rechenzentren-stromnetze-netzbetreiber-warnen",
    title="Netzbetreiber warnen: KI-Rechenzentren bringen Stromnetze an ihre Grenzen",
    authors=("felix-brandt",),
    published="2025-07-30T18:12:09+02:00", modified="2025-07-31T09:00:00+02:00",
    section="ki-und-gesellschaft", tags=("Rechenzentren", "Energie"),
    image=LeadImage("/wp-content/uploads/2025/07/rechenzentrum_stromnetz.png", MJ),
    key_points=(
        "Der Verband rechnet mit einer Verdreifachung des Strombedarfs von Rechenzentren bis 2030.",
        "Neue Anschlüsse sollen künftig nach Netzkapazität vergeben werden.",
        "Betreiber sollen Lasten flexibel verschieben können.",
    ),
    blocks=(
        ("lead", "Der Netzbetreiberverband Nordnetz warnt vor Engpässen durch den Bau neuer "
                 "KI-Rechenzentren. Bis 2030 könnte sich deren Strombedarf in der Region "
                 "verdreifachen, heißt es in einem internen Papier."),
        ("p", "Vor allem in der Umgebung großer Internetknoten häufen sich die Anfragen nach "
              "neuen Netzanschlüssen. Einzelne Projekte verlangen nach Angaben des Verbands so "
              "viel Leistung wie eine mittelgroße Stadt. Der Ausbau der Leitungen halte mit diesem "
              "Tempo nicht Schritt."),
        ("ad", 1),
        ("p", "Nordnetz schlägt deshalb vor, neue Anschlüsse künftig nach verfügbarer "
              "Netzkapazität statt nach Eingang der Anträge zu vergeben. Rechenzentren, die ihre "
              "Last flexibel verschieben können, etwa indem sie Trainingsläufe in Zeiten mit viel "
              "Wind- und Solarstrom legen, sollen bevorzugt werden."),
        ("figure", "/wp-content/uploads/2025/07/prognose_strombedarf_rechenzentren.png",
         "Prognose des Strombedarfs von Rechenzentren im Verbandsgebiet bis 2030.",
         "Bild: Nordnetz"),
        ("h2", "Training lässt sich verschieben, Anfragen kaum"),
        ("p", "Fachleute weisen darauf hin, dass sich nur ein Teil der Last tatsächlich "
              "verschieben lässt. Während das Training großer Modelle über Tage geplant werden "
              "kann, müssen Anfragen von Nutzerinnen und Nutzern sofort beantwortet werden. Dieser "
              "Anteil wächst mit der Verbreitung von KI-Anwendungen."),
        ("ad", 2),
        ("p", "Die Betreiber von Rechenzentren reagierten zurückhaltend auf den Vorschlag. Ein "
              "Branchenverband erklärte, man unterstütze flexible Modelle grundsätzlich, lehne "
              "aber eine Rangfolge bei Netzanschlüssen ab, weil sie Investitionen in der Region "
              "unsicher mache."),
        ("pixel", "https://vg08.met.vgwort.de/na/5f1c0d9e8b7a4c3d2e1f0a9b8c7d6e5f"),
    ),
    sources=(("Bloomberg", "https://www.bloomberg.com/news/articles/2025-07-30/nordnetz-ai-data-centers"),
             ("Datenwerk", "https://datenwerk.example/2025/07/nordnetz-papier")),
    source_label="Quelle:", in_feed=False,   # "Quelle: A | B", as the real German page writes it
    comments=(
        Comment("Stromer", "vor 4 Monaten",
                "Interessant wäre, wie viel davon wirklich Training ist und wie viel Inferenz."),
        Comment("K. Weber", "vor 4 Monaten",
                "Die Rangfolge nach Flexibilität klingt vernünftig, wenn sie transparent ist."),
    ),
)

STUDIE = Post(
    id=420981, edition="de", slug="studie-sprachmodelle-ueberschaetzen-sicherheit-aktuelle-ereignisse",
    title="Studie: Sprachmodelle überschätzen ihre Sicherheit bei Fragen zu aktuellen Ereignissen",
    authors=("lena-hoffmann",),
    published="2025-12-02T09:45:00+01:00", modified="2025-12-02T10:20:31+01:00",
    section="ki-forschung", tags=("LLM", "Forschung", "Halluzinationen"),
    image=LeadImage("/wp-content/uploads/2025/12/sprachmodelle_sicherheit_studie.png", MJ),
    key_points=(
        "Zwölf Modelle beantworteten mehr als 4.000 Fragen zu Nachrichtenereignissen.",
        "Nach dem Trainingsstichtag bricht die Trefferquote ein, die angegebene Sicherheit kaum.",
    ),
    blocks=(
        ("lead", "Große Sprachmodelle sind sich bei Fragen zu aktuellen Ereignissen fast genauso "
                 "sicher wie bei älteren Themen. Ihre Trefferquote sinkt jedoch drastisch, sobald "
                 "ein Ereignis nach dem Ende ihrer Trainingsdaten liegt."),
        ("p", "Das Team um die Informatikerin Hannah Hartmann stellte zwölf kommerziellen und "
              "offenen Modellen mehr als 4.000 Fragen zu Nachrichtenereignissen. Die Hälfte der "
              "Ereignisse lag vor dem jeweiligen Trainingsstichtag, die andere Hälfte danach. Zu "
              "jeder Antwort sollten die Modelle angeben, wie sicher sie sich sind."),
        ("ad", 1),
        ("p", "Vor dem Stichtag passte die durchschnittlich angegebene Sicherheit von 81 recht gut "
              "zur Trefferquote von 77 Prozent. Bei späteren Ereignissen sank die Sicherheit nur "
              "auf 74, die Trefferquote dagegen auf 23 Prozent. Größere Modelle schnitten dabei "
              "nicht besser ab als kleinere."),
        ("figure", "/wp-content/uploads/2025/12/sicherheit_trefferquote_stichtag.png",
         "Angegebene Sicherheit und Trefferquote vor und nach dem Trainingsstichtag, gemittelt "
         "über zwölf Modelle.", "Bild: Hartmann et al."),
        ("ad", 2),
        ("p", "Die Autorinnen und Autoren raten davon ab, die Selbsteinschätzung eines Modells "
              "als Signal für eine Websuche zu nutzen. Systeme, die anhand des Datums einer Frage "
              "entscheiden, ob sie zusätzliche Quellen abrufen, schnitten in ihren Tests besser "
              "ab."),
    ),
    sources=(("Paper", "https://arxiv.org/abs/2511.01847"),),
    source_label="Quelle:", twin=249918,
)

VERWALTUNG = Post(
    id=423340, edition="de", slug="bundeslaender-testen-ki-assistenten-buergeranfragen",
    title="Drei Bundesländer testen KI-Assistenten für Bürgeranfragen",
    authors=("felix-brandt",),
    published="2026-02-17T14:30:00+01:00", modified="2026-02-17T15:02:44+01:00",
    section="short-news", tags=("Verwaltung", "Chatbots"),
    image=LeadImage("/wp-content/uploads/2026/02/ki_assistent_buergeramt.png", MJ,
                    caption="Der Assistent beantwortet zunächst Fragen zu Wohngeld und "
                            "Meldewesen."),
    key_points=(
        "Der Pilot läuft zwölf Monate in ausgewählten Bürgerämtern.",
        "Antworten stützen sich ausschließlich auf geprüfte Verwaltungstexte.",
    ),
    blocks=(
        ("lead", "Drei Bundesländer erproben gemeinsam einen KI-Assistenten, der Fragen von "
                 "Bürgerinnen und Bürgern zu Verwaltungsleistungen beantwortet. Der Pilotbetrieb "
                 "ist auf zwölf Monate angelegt."),
        # "Quelle" mid-sentence: body text, not a source line.
        ("p", "Der Assistent greift ausschließlich auf geprüfte Texte der beteiligten "
              "Verwaltungen zurück und nennt zu jeder Antwort die zugrunde liegende Quelle. Zum "
              "Start deckt er Fragen zu Wohngeld, Meldewesen und Kfz-Zulassung ab, weitere Themen "
              "sollen schrittweise folgen."),
        ("ad", None),
        ("p", "Anfragen, die der Assistent nicht sicher beantworten kann, leitet er an "
              "Mitarbeitende weiter. Die Länder wollen nach Ende der Testphase auswerten, wie oft "
              "das geschieht und ob sich die Wartezeiten in den Bürgerämtern dadurch verkürzen."),
    ),
    sources=(("Verwaltung Digital", "https://verwaltung-digital.example/ki-assistent-pilot"),),
    source_label="Quelle:",
)

ALEPH = Post(
    id=425102, edition="de", slug="aleph-forge-senkt-api-preise-flaggschiff-modell",
    title="Aleph Forge senkt API-Preise für sein Flaggschiff-Modell um 40 Prozent",
    authors=("lena-hoffmann",),
    published="2026-11-25T17:20:00+01:00", modified="2026-11-25T17:20:00+01:00",
    section="short-news", tags=("Aleph Forge", "KI-Preise"),
    image=LeadImage("/wp-content/uploads/2026/11/aleph_forge_preise.png", "Bild: Aleph Forge"),
    key_points=(
        "Eingabe-Tokens werden um 40 Prozent günstiger, Ausgabe-Tokens um 25 Prozent.",
        "Das Unternehmen verweist auf effizientere Inferenz-Hardware.",
    ),
    blocks=(
        ("lead", "Aleph Forge senkt die Preise für sein leistungsstärkstes Modell. Eingabe-Tokens "
                 "kosten ab sofort 40 Prozent weniger, Ausgabe-Tokens 25 Prozent weniger als "
                 "bisher."),
        ("p", "Das Unternehmen begründet den Schritt mit einer neuen Generation von "
              "Inferenz-Servern und einer effizienteren Bündelung von Anfragen. Bestehende "
              "Verträge mit festen Abnahmemengen werden zum nächsten Abrechnungszeitraum "
              "angepasst, schreibt Aleph Forge in seinem Entwicklerblog."),
        ("ad", 1),
        ("p", "Die Preissenkung setzt einen Trend fort: Vergleichbare Modellleistung ist in den "
              "vergangenen zwei Jahren um ein Vielfaches günstiger geworden. Profitieren dürften "
              "vor allem Anwendungen mit langen Eingaben, etwa die Analyse umfangreicher "
              "Dokumente oder Agenten, die ihren wachsenden Kontext immer wieder mitschicken."),
    ),
    sources=(("Aleph Forge", "https://alephforge.example/de/blog/preise"),),
    source_label="Quelle:", twin=253514, in_sitemap=False,   # only in the feed
)

PREVIEW = Post(
    id=425300, edition="de", slug="vorschau-intern", path_override="/vorschau-intern/",
    title="Sperrfrist: Kestrel AI bereitet zweites Modell vor",
    authors=("lena-hoffmann",),
    published="2026-11-26T07:00:00+01:00", modified="2026-11-26T07:00:00+01:00",
    section="ki-forschung", tags=("Open Source",),
    image=LeadImage("/wp-content/uploads/2026/11/kestrel_vorschau.png", MJ),
    key_points=("Entwurf unter Sperrfrist.",),
    blocks=(
        ("lead", "Dieser Entwurf unterliegt einer Sperrfrist und darf vorher weder gecrawlt noch "
                 "archiviert werden."),
        ("p", "Kestrel AI bereitet ein zweites Modell vor. Details folgen nach Ablauf der "
              "Sperrfrist."),
    ),
    sources=(("Kestrel AI", "https://kestrel-ai.example/"),), source_label="Quelle:",
    in_feed=False,
)

POSTS = (KESTREL, TESSIN, NETZ, STUDIE, VERWALTUNG, ALEPH, PREVIEW)
