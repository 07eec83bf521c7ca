"""`scrapy crawl decoder`: The Decoder, English and German editions.

    scrapy crawl decoder [-a edition=en|de|all] [-a en_url=BASE] [-a de_url=BASE]
                         [-a since=YYYY-MM-DD] [-a limit=N]
"""

from archiver.sites.decoder import DECODER

from .profile import ProfileSpider


class DecoderSpider(ProfileSpider):
    name = "decoder"
    profile = DECODER
