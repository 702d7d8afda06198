"""The Scrapy side of bench/compare.sh: follow every in-scope link, one item per page (url, status, title),
as an ordinary Scrapy user would write it. Settings come from the command line (-s)."""
import scrapy
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule


class BenchSpider(CrawlSpider):
    name = "bench"
    rules = (Rule(LinkExtractor(), callback="parse_page", follow=True),)

    def __init__(self, start=None, domain=None, *args, **kwargs):
        self.start_urls = [start]
        self.allowed_domains = [domain]
        super().__init__(*args, **kwargs)

    def parse_start_url(self, response):
        return self.parse_page(response)

    def parse_page(self, response):
        yield {"url": response.url, "status": response.status, "title": response.css("title::text").get()}
