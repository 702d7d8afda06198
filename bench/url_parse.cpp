// Resolves typical links against a page URL, as the parser does for every <a href>, and prints the
// cost per link, then the cost of UrlNormalizer::Normalize (the crawler's dedup key) on the resolved links.
// Usage: bench_url_parse [rounds]   (default 200 rounds of 4000 links)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "scope/url_normalizer.h"
#include "url/url.h"

namespace {

// Links shaped like those on news, documentation and shop pages: mostly relative paths and absolute
// links to the same or a CDN host, some with queries and fragments.
std::vector<std::string> TypicalLinks(int count) {
  const char* const shapes[] = {
      "/section/%d/",
      "article-%d.html",
      "../images/photo-%d.jpg",
      "/search?q=term%d&page=2",
      "https://www.example.com/news/2024/05/a-fairly-long-headline-slug-%d",
      "//cdn.example.net/assets/app.%d.js",
      "#comment-%d",
      "?page=%d",
      "https://Other-Site.example.org/path/%d/index.html#top",
      "./docs/v%d/reference/api.html",
  };
  std::vector<std::string> links;
  links.reserve(static_cast<std::size_t>(count));
  char buffer[160];
  for (int i = 0; i < count; ++i) {
    std::snprintf(buffer, sizeof buffer, shapes[i % 10], i);
    links.emplace_back(buffer);
  }
  return links;
}

// Normalizes every link `rounds` times with the default drop patterns, `sort` as given; prints ns per link.
bool BenchNormalize(const std::vector<arachne::Url>& urls, int rounds, bool sort) {
  arachne::Result<arachne::UrlNormalizer> normalizer =
      arachne::UrlNormalizer::Create({arachne::UrlNormalizer::DefaultDroppedParams(), sort});
  if (!normalizer.ok() || urls.empty()) return false;
  std::size_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < rounds; ++round) {
    for (const arachne::Url& url : urls) bytes += normalizer->Normalize(url).size();
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const double per_link = std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(rounds) /
                          static_cast<double>(urls.size());
  std::printf("normalize%s: %zu bytes of keys, %.0f ns per link, %.2f M links/s\n", sort ? " (sorted)" : "",
              bytes, per_link, 1000.0 / per_link);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 200;
  const std::vector<std::string> links = TypicalLinks(4000);
  const arachne::Result<arachne::Url> base =
      arachne::Url::Parse("https://www.example.com/news/2024/05/some-article-title.html?ref=home");
  if (!base.ok() || rounds <= 0) return 1;

  std::size_t resolved = 0, bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < rounds; ++round) {
    for (const std::string& link : links) {
      const arachne::Result<arachne::Url> url = arachne::Url::Parse(link, *base);
      if (url.ok()) {
        ++resolved;
        bytes += url->href().size();
      }
    }
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const double ns = std::chrono::duration<double, std::nano>(elapsed).count();
  const double per_link = ns / static_cast<double>(rounds) / static_cast<double>(links.size());
  std::printf("%zu links resolved (%zu bytes of href), %.0f ns per link, %.2f M links/s\n", resolved, bytes,
              per_link, 1000.0 / per_link);
  if (resolved != static_cast<std::size_t>(rounds) * links.size()) return 1;

  std::vector<arachne::Url> urls;
  for (const std::string& link : links) urls.push_back(*arachne::Url::Parse(link, *base));
  return BenchNormalize(urls, rounds, false) && BenchNormalize(urls, rounds, true) ? 0 : 1;
}
