// sitemap_fuzzer: the input is a fetched sitemap (sitemap/sitemap.h), read as the parser process reads
// one; then, gzip-compressed here, read again (the gzip path must find the same URLs); and each reader on
// its own: the XML reader (sitemap_xml.h, expat), the text reader (text_sitemap.h) and Gunzip
// (gzip_decoder.h) on the raw input.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "sitemap/gzip_decoder.h"
#include "sitemap/sitemap.h"
#include "sitemap/sitemap_xml.h"
#include "sitemap/text_sitemap.h"
#include "url/url.h"

namespace arachne {
namespace {

constexpr std::string_view kSitemapUrl = "https://www.example.com/sitemap.xml";

// What sitemap.h promises: at most 50,000 URLs, each an absolute http(s) URL without fragment.
void CheckSitemap(const Sitemap& sitemap) {
  FUZZ_CHECK(sitemap.pages.size() + sitemap.sitemaps.size() <= kSitemapMaxUrls);
  for (const auto* list : {&sitemap.pages, &sitemap.sitemaps}) {
    for (const std::string& loc : *list) {
      Result<Url> url = Url::Parse(loc);
      FUZZ_CHECK(url.ok());
      FUZZ_CHECK(url->is_http());
      FUZZ_CHECK(!url->has_fragment());
    }
  }
}

bool SameResult(const Result<Sitemap>& a, const Result<Sitemap>& b) {
  if (a.ok() != b.ok()) return false;
  if (!a.ok()) return a.status().message() == b.status().message();
  return a->pages == b->pages && a->sitemaps == b->sitemaps && a->skipped == b->skipped &&
         a->truncated == b->truncated && a->error == b->error;
}

// `data` as a gzip file (RFC 1952), as a server would send sitemap.xml.gz.
std::optional<std::string> Gzip(std::string_view data) {
  z_stream z{};
  // 15 + 16: a 32 KiB window and a gzip header; level 1 is enough to make a valid file quickly.
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (result != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace
}  // namespace arachne

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arachne;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const Result<Sitemap> plain = ParseSitemap(input, kSitemapUrl);
  if (plain.ok()) CheckSitemap(*plain);

  // The same bytes gzipped give the same sitemap (only one level of gzip is undone, so not when the
  // input is itself gzip).
  if (std::optional<std::string> gzipped = Gzip(input)) {
    const Result<Sitemap> inflated = ParseSitemap(*gzipped, kSitemapUrl);
    if (inflated.ok()) CheckSitemap(*inflated);
    if (!LooksGzipped(input)) FUZZ_CHECK(SameResult(plain, inflated));
  }

  // The readers on their own; the last byte says whether the body was cut at the byte cap.
  const bool complete = size == 0 || (data[size - 1] & 1) == 0;
  if (const std::size_t lt = input.find('<'); lt != std::string_view::npos) {
    Sitemap xml;
    (void)ReadXmlSitemap(XmlSitemapInput{input.substr(lt), kSitemapUrl, 0, complete}, xml);
    CheckSitemap(xml);
  }
  Sitemap text;
  ReadTextSitemap(input, complete, text);
  CheckSitemap(text);

  Result<Inflated> inflated = Gunzip(input, 1 << 20);
  if (inflated.ok()) FUZZ_CHECK(inflated->bytes.size() <= (1u << 20));
  return 0;
}
