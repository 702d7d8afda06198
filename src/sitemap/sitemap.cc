#include "sitemap/sitemap.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "sitemap/gzip_decoder.h"
#include "sitemap/sitemap_loc.h"
#include "sitemap/sitemap_xml.h"
#include "sitemap/text_sitemap.h"

namespace arachne {

namespace {

// "sitemap https://x/s.xml: why": every message names the sitemap, since a crawl reads many.
Status Refused(std::string_view url, std::string_view why) {
  return Status::InvalidArgument("sitemap " + std::string(url) + ": " + std::string(why));
}

// The body's bytes as the protocol sees them: inflated when gzipped, and never more than 50 MiB
// (sitemaps.org: "no larger than 50MB (52,428,800 bytes)" uncompressed), so a gzip bomb stops there.
struct Content {
  std::string_view plain;  // the body, when it was not gzipped
  std::string inflated;    // else the inflated body
  bool gzipped = false;
  bool truncated = false;
  // Not a member view of `inflated`, which a move of a short string would leave dangling.
  std::string_view bytes() const { return gzipped ? std::string_view(inflated) : plain; }
};

Result<Content> Uncompressed(std::string_view body, std::string_view url) {
  Content content;
  if (!LooksGzipped(body)) {
    content.truncated = body.size() > kSitemapMaxBytes;
    content.plain = body.substr(0, kSitemapMaxBytes);
    return content;
  }
  Result<Inflated> inflated = Gunzip(body, kSitemapMaxBytes);
  if (!inflated.ok()) return Refused(url, inflated.status().message());
  content.inflated = std::move(inflated->bytes);
  content.gzipped = true;
  content.truncated = inflated->truncated;
  return content;
}

// An HTML page served where a sitemap should be (a soft 404, a login page) is rarely well-formed XML, so
// expat would only say "syntax error"; this says what it is.
bool LooksLikeHtml(std::string_view text) {
  const auto starts = [&](std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    return std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char p, char c) { return p == std::tolower(static_cast<unsigned char>(c)); });
  };
  return starts("<!doctype html") || starts("<html");
}

Result<Sitemap> ReadXml(std::string_view bytes, std::string_view text, bool complete, std::string_view url) {
  if (LooksLikeHtml(text)) return Refused(url, "not a sitemap (an HTML page)");
  // Expat refuses whitespace before an XML declaration, which servers add; lines_before keeps the line
  // numbers of messages those of the file.
  const std::string_view dropped = bytes.substr(0, static_cast<std::size_t>(text.data() - bytes.data()));
  XmlSitemapInput input{
      text, url, static_cast<std::uint64_t>(std::count(dropped.begin(), dropped.end(), '\n')), complete};
  Sitemap sitemap;
  sitemap.truncated = !complete;
  const Status read = ReadXmlSitemap(input, sitemap);
  if (read.ok()) return sitemap;
  // Broken XML after some URLs: keep them, and say what went wrong.
  if (sitemap.pages.empty() && sitemap.sitemaps.empty()) return read;
  sitemap.error = read.message();
  return sitemap;
}

Result<Sitemap> ReadText(std::string_view text, bool complete, std::string_view url) {
  Sitemap sitemap;
  sitemap.truncated = !complete;
  ReadTextSitemap(text, complete, sitemap);
  if (sitemap.pages.empty()) return Refused(url, "neither XML nor a list of URLs");
  return sitemap;
}

}  // namespace

Result<Sitemap> ParseSitemap(std::string_view body, std::string_view url) {
  Result<Content> content = Uncompressed(body, url);
  if (!content.ok()) return content.status();
  const bool complete = !content->truncated;
  const std::string_view bytes = content->bytes();
  std::string_view text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  const std::string_view trimmed = TrimSpace(text);
  if (trimmed.empty()) return Refused(url, "empty sitemap");
  // Only the leading space goes: a text sitemap cut at the cap needs its last newline to tell its last
  // whole line from the unfinished one after it.
  text = text.substr(static_cast<std::size_t>(trimmed.data() - text.data()));
  if (text.front() == '<') return ReadXml(bytes, text, complete, url);
  return ReadText(text, complete, url);
}

}  // namespace arachne
