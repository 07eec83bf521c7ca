"""Generic cleaning rules, as data: what is never the article, on any site.

Each rule is one line you can explain. Site profiles (archiver/sites) extend these; nothing
here names a site. Class/id words match whole tokens of class and id values (split on spaces,
``-``, ``_`` and camelCase), so "ad" matches ``ad-slot`` and ``adSlot`` but not ``header``.
"""

from __future__ import annotations

# Elements that never hold article text.
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "form",
             "button", "input", "select", "textarea", "label", "svg", "canvas", "object",
             "embed", "link", "meta", "dialog", "menu", "nav")

# Page chrome: dropped unless it sits inside the article (an <article> header holds the h1).
CHROME_TAGS = ("header", "footer", "aside")

# Attribute markers of chrome, by kind: (attribute, value) exact pairs.
ROLE_KINDS = {
    "navigation": "nav", "banner": "nav", "contentinfo": "footer", "complementary": "related",
    "search": "nav", "dialog": "consent", "alertdialog": "consent", "menu": "nav",
    "toolbar": "share", "form": "form",
}

# class/id words (single tokens or hyphen-joined token runs) -> kind of boilerplate.
CLASS_WORDS: dict[str, tuple[str, ...]] = {
    "ad": ("ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit",
           "ad-slot", "ad-unit", "ad-container", "ad-wrapper", "dfp", "gpt-ad", "banner-ad",
           "sponsored", "sponsor", "taboola", "outbrain", "anzeige", "werbung", "native-ad",
           "incontent", "billboard", "skyscraper", "leaderboard", "mrec"),
    "upsell": ("paywall", "upsell", "subscribe", "subscription", "subscriber-promo", "piano",
               "tp-container", "offer", "abo", "regwall", "premium-promo", "meter"),
    "newsletter": ("newsletter", "newsletters", "signup", "sign-up", "mailchimp", "optin",
                   "opt-in", "email-signup"),
    # Not "cmp": Adobe Experience Manager names every component cmp-* (cmp-text holds articles);
    # consent platforms' panels are found by their other names and by what they say.
    "consent": ("cookie", "cookies", "consent", "gdpr", "privacy-banner", "onetrust",
                "didomi", "sp-message", "usercentrics"),
    "share": ("share", "sharing", "social", "social-share", "sharebar", "share-bar", "sharedaddy",
              "addthis", "shariff", "follow-us", "social-links", "print-button"),
    "comments": ("comment", "comments", "disqus", "wpdiscuz", "respond", "discussion",
                 "kommentare", "comment-form", "comments-area"),
    "related": ("related", "related-posts", "relatedposts", "most-popular", "mostpopular",
                "popular", "trending", "read-more", "readmore", "more-stories", "recommended",
                "recommendations", "further-reading", "you-may-like", "top-stories", "teaser",
                "teasers", "sidebar", "widget", "widgets", "next-article", "prev-next",
                "pagination", "jp-relatedposts", "crp", "yarpp", "more-from", "also-read"),
    "author_box": ("author-box", "author-bio", "authorbox", "about-author", "author-info",
                   "bio-box", "author-card", "byline-bio", "contributor-bio"),
    "breadcrumb": ("breadcrumb", "breadcrumbs", "crumbs"),
    "skip_link": ("skip-link", "skip-to-content", "skiplink", "screen-reader-text", "sr-only",
                  "visually-hidden", "visuallyhidden", "offscreen", "screenreader",
                  "screen-reader", "sr-text", "element-invisible", "assistive-text",
                  "hidden-visually"),
    "nav": ("nav", "navbar", "navigation", "menu", "masthead", "site-header", "site-footer",
            "topbar", "toolbar", "tags", "tag-list", "tagcloud", "post-tags", "categories",
            "subnav"),
    "popup": ("modal", "popup", "overlay", "lightbox-hidden", "interstitial", "tooltip", "tooltips"),
    "gallery": ("gallery", "slideshow", "carousel", "swiper", "slider"),
    "meta": ("byline", "bylines", "timestamp", "post-meta", "entry-meta", "article-meta", "meta",
             "published-date", "pubdate", "publish-date", "updated-date", "post-date",
             "entry-date", "article-date", "date", "dates", "updated", "author", "authors",
             "author-name", "contributor", "contributors", "posted-on", "reading-time",
             "read-time", "text-size", "font-size"),
    # Captions stay in a figure (html) but are never body text; outside a figure they go.
    "caption": ("caption", "captions", "credit", "credits", "image-credit", "photo-credit",
                "wp-caption-text", "image-caption", "figure-caption", "media-caption", "copyright"),
}

# Tokens that mark the article itself: an element carrying one is never removed by word rules.
KEEP_WORDS = ("article-body", "articlebody", "entry-content", "post-content", "story-body",
              "article-content", "main-content", "content-body", "article-text", "story-content",
              "post-body", "body-text", "articletext", "storytext")

# Exact texts (case-insensitive, trimmed) of small blocks that are labels of page furniture.
LABELS: dict[str, tuple[str, ...]] = {
    "nav": ("tags", "tags:", "tag", "tag:", "schlagworte", "close", "schließen", "text size",
            "back", "zurück", "voltar", "volver", "retour", "menu", "menü", "sign in", "log in",
            "login", "anmelden", "register", "registrieren", "more", "mehr", "print", "drucken",
            "email", "e-mail", "top", "nach oben", "back to top"),
    "share": ("share", "share:", "share this", "share this:", "teilen", "teilen:", "tweet",
              "pin", "whatsapp", "facebook", "twitter", "linkedin", "reddit", "flipboard"),
    "comments": ("comments", "comment", "kommentare", "kommentieren", "comentários",
                 "comentarios", "commentaires", "commenti", "комментарии"),
    "related": ("read more", "weiterlesen", "read next", "related",
                "more on this", "mehr zum thema"),
    "upsell": ("subscribe", "abonnieren", "sign up", "plus"),
}

# Exact texts (case-insensitive, trimmed) of ad labels, many languages.
AD_LABELS = ("ad", "ads", "advertisement", "advertising", "sponsored", "sponsored content",
             "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "publicidade",
             "advert", "adverts", "reclame", "advertentie", "annons", "reklame", "reklama", "mainos", "реклама",
             "広告", "광고", "annonsørinnhold", "annonse", "annonce", "annoncørindhold",
             "sponset", "sponsrat", "gesponsord", "gesponsert", "reklam", "contenu sponsorisé",
             "contenido patrocinado", "contenuto sponsorizzato", "conteúdo patrocinado",
             "publicidade", "advertorial", "paid content", "paid post", "partner content",
             "advertisement - scroll to continue",
             "story continues below advertisement", "article continues below advertisement",
             "continue reading below", "scroll to continue with content", "artikel wird unter "
             "der anzeige fortgesetzt", "weiterlesen nach der anzeige")

# Phrases that start a boilerplate block (case-insensitive prefix of the block's text), by kind.
PHRASES: dict[str, tuple[str, ...]] = {
    "newsletter": (
        "sign up for our newsletter", "subscribe to our newsletter",
        "get our newsletter", "join our newsletter", "stay in the loop", "newsletter abonnieren",
        "jetzt newsletter", "melden sie sich für unseren newsletter", "abonnieren sie unseren newsletter",
        "your email address", "ihre e-mail-adresse", "enter your email",
    ),
    "upsell": (
        "subscribe now", "subscribe today", "become a subscriber", "already a subscriber",
        "support our journalism", "jetzt abonnieren", "jetzt abo abschließen",
        "start your free trial", "already have an account", "sie haben bereits ein abo",
        "click here to get", "click here to subscribe", "subscribe to ", "get the app",
        "download the app", "this slideshow requires javascript",
    ),
    # Prompts that stand where the rest of a truncated article would be: also mark it paywalled.
    "paywall": (
        "to continue reading", "continue reading with", "subscribe to continue",
        "subscribe to read", "this article is for subscribers", "this content is for subscribers",
        "this article is exclusive to subscribers", "unlock this article",
        "dieser artikel ist nur für abonnenten", "weiterlesen mit", "lesen sie jetzt weiter mit",
        "um diesen artikel zu lesen", "この記事は会員限定です", "この記事は有料会員限定です",
        "有料会員限定", "会員限定記事",
    ),
    "share": (
        "share this article", "share this story", "share on facebook", "share on twitter",
        "copy the url", "copy link", "artikel teilen", "teilen sie diesen artikel", "share this:",
        "click to share", "tweet this", "email this", "share this on", "compartilhe",
        "comparte", "partager", "condividi", "поделиться", "bagikan",
    ),
    "comments": (
        "go to comment section", "leave a comment", "leave a reply", "comments are closed",
        "join the discussion", "zur kommentarsektion", "kommentar schreiben", "post a comment",
        "show comments", "view comments", "tell us what you think", "добавить отзыв",
        "добавить комментарий", "deixe seu comentário", "deja tu comentario",
        "laisser un commentaire", "lascia un commento",
    ),
    "related": (
        "read more:", "read also:", "related:", "related articles", "related stories",
        "related posts", "you may also like", "you might also like", "more from", "most popular",
        "most read", "top stories", "don't miss", "recommended for you", "auch interessant",
        "mehr zum thema", "das könnte sie auch interessieren", "lesen sie auch", "meistgelesen",
        "weitere artikel", "more stories", "trending now", "what to read next", "further reading",
        "tag:", "tags:", "leggi anche", "vedi anche", "leia também",
        "leia mais", "veja também", "lee también", "lea también", "te puede interesar",
        "lire aussi", "à lire aussi", "voir aussi", "читайте также", "смотрите также",
        "похожие статьи", "самые популярные", "관련기사", "関連記事", "baca juga", "lihat juga",
        "see also:", "siehe auch", "also:",
    ),
    "credits": (
        "reporting by", "additional reporting by", "editing by", "write to ", "contact the author",
        "follow us on", "mitarbeit:",
    ),
    "consent": (
        "we use cookies", "this website uses cookies", "this site uses cookies",
        "we value your privacy", "wir verwenden cookies", "diese website verwendet cookies",
        "accept all cookies", "alle akzeptieren", "cookie settings", "cookie-einstellungen",
    ),
    "skip_link": ("skip to content", "skip to main content", "zum inhalt springen",
                  "direkt zum inhalt", "jump to content"),
    # Placeholders of embedded players and posts: the reader's browser shows a video or a post
    # there, or asks for consent to load it ("two-click" embeds); the archive has neither.
    "embed": ("to view this video please enable javascript", "please enable javascript to view",
              "your browser does not support the video", "your browser does not support html5",
              "this video is not available", "ihr browser unterstützt", "empfohlener redaktioneller inhalt",
              "an dieser stelle findest du einen externen inhalt",
              "an dieser stelle finden sie einen externen inhalt",
              "an dieser stelle findet ihr einen externen inhalt", "externer inhalt",
              "ich bin damit einverstanden, dass mir externe inhalte",
              "ich bin damit einverstanden, dass mir inhalte von",
              "personenbezogene daten können an drittplattformen übermittelt werden",
              "we need your consent to load", "to display this content", "load external content",
              "click here to display content from", "contenu externe", "cliquez pour afficher",
              "contenido externo", "contenuto esterno"),
}

# Endings of short blocks that are not the article (taglines), by kind.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "credits": ("contributed to this report.", "contributed to this report",
                "contributed reporting.", "trug zu diesem bericht bei."),
}

# Longest text a phrase-matched block may have and still be removed whole (longer: keep it).
PHRASE_BLOCK_MAX = 400
BYLINE_MAX = 80          # "By Jane Doe and John Roe": short, no sentence
DATELINE_MAX = 100       # "Updated 1:39 am EST, Wednesday, November 20, 2019"
BYLINE_WORDS = ("by", "von", "par", "por", "di", "door", "av", "af", "przez", "от")
DATE_WORDS = frozenset("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
august september october november december januar februar märz mai juni juli oktober dezember
janvier février mars avril juin juillet août septembre octobre novembre décembre enero febrero
marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre janeiro fevereiro
março maio junho julho setembro outubro novembro dezembro gennaio febbraio aprile maggio
giugno luglio settembre ottobre dicembre mon tue wed thu fri sat sun monday tuesday wednesday
thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag sonntag
segunda terça quarta quinta sexta sábado domingo feira lunes martes miércoles jueves viernes
lundi mardi mercredi jeudi vendredi samedi dimanche am pm a m p est edt pst pdt cst cdt mst
mdt et pt ct gmt utc bst cet cest mez mesz ist updated update published posted last modified
aktualisiert veröffentlicht stand erstellt am um uhr on at de às à le el of the à h publié
mis jour atualizado publicado actualizado publicerad uppdaterad publisert oppdatert publiceret
opdateret gepubliceerd bijgewerkt pubblicato aggiornato opublikowano zaktualizowano yayınlanma
güncelleme güncellenme kl klo okt des mei maj juni juli aug sep sept kl. ocak şubat mart nisan
mayıs haziran temmuz ağustos eylül ekim kasım aralık januari februari maart april augustus
oktober mars augusti desember gennaio febbraio maggio giugno luglio agosto ottobre dicembre
stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada
grudnia""".split())
