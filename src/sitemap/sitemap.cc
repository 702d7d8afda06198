#include "sitemap/sitemap.h"

#include <expat.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "sitemap/gzip_decoder.h"
#include "url/url.h"

namespace arachne {

namespace {

// Expat reports a namespaced element as "uri" + kNamespaceSeparator + "local".
constexpr char kNamespaceSeparator = '\x01';

std::string_view LocalName(const XML_Char* name) {
  std::string_view full(name);
  const std::size_t separator = full.rfind(kNamespaceSeparator);
  if (separator != std::string_view::npos) return full.substr(separator + 1);
  const std::size_t colon = full.rfind(':');  // a prefix whose namespace was never declared
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

std::string_view Trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

struct ExpatDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

// Collects the <loc>s of <url> and <sitemap> elements, whatever the root; the root says which.
class SitemapReader {
 public:
  explicit SitemapReader(Sitemap& out) : out_(out) {}

  Status Read(std::string_view xml, std::string_view source) {
    std::unique_ptr<XML_ParserStruct, ExpatDeleter> parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator));
    if (!parser) return Status::Internal("expat: out of memory");
    parser_ = parser.get();
    // No DTD, external entity or parameter entity is ever loaded: no handler is set for them, and
    // parameter entity parsing stays off.
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &SitemapReader::OnStart, &SitemapReader::OnEnd);
    XML_SetCharacterDataHandler(parser_, &SitemapReader::OnText);
    const XML_Status status = XML_Parse(parser_, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
    if (root_known_ && !is_sitemap_) {
      return Status::InvalidArgument("sitemap " + std::string(source) + ": not a sitemap (root element <" +
                                     root_ + ">)");
    }
    if (status == XML_STATUS_ERROR && !stopped_) {
      return Status::InvalidArgument("sitemap " + std::string(source) + ": line " +
                                     std::to_string(XML_GetCurrentLineNumber(parser_)) + ": " +
                                     XML_ErrorString(XML_GetErrorCode(parser_)));
    }
    if (!root_known_) return Status::InvalidArgument("sitemap " + std::string(source) + ": no root element");
    return Status::Ok();
  }

 private:
  static void XMLCALL OnStart(void* self, const XML_Char* name, const XML_Char**) {
    static_cast<SitemapReader*>(self)->Start(LocalName(name));
  }
  static void XMLCALL OnEnd(void* self, const XML_Char* name) {
    static_cast<SitemapReader*>(self)->End(LocalName(name));
  }
  static void XMLCALL OnText(void* self, const XML_Char* text, int length) {
    auto* reader = static_cast<SitemapReader*>(self);
    if (reader->in_loc_ && reader->text_.size() < kMaxLocBytes) reader->text_.append(text, static_cast<std::size_t>(length));
  }

  void Start(std::string_view name) {
    if (!root_known_) {
      root_known_ = true;
      root_ = std::string(name.substr(0, 64));
      is_sitemap_ = name == "urlset" || name == "sitemapindex";
    }
    // The <loc> that counts is a child of <url> or <sitemap>, which are children of the root.
    if (name == "loc" && depth_ == 2 && (parent_ == "url" || parent_ == "sitemap")) {
      in_loc_ = true;
      text_.clear();
    }
    if (depth_ == 1) parent_ = std::string(name);
    ++depth_;
  }

  void End(std::string_view name) {
    --depth_;
    if (depth_ == 1) parent_.clear();
    if (!in_loc_ || name != "loc") return;
    in_loc_ = false;
    Add(Trim(text_), parent_ == "sitemap");
  }

  void Add(std::string_view loc, bool is_sitemap) {
    Result<Url> url = Url::Parse(loc);
    if (!url.ok() || !url->is_http()) {
      ++out_.skipped;
      return;
    }
    (is_sitemap ? out_.sitemaps : out_.pages).push_back(url->WithoutFragment());
    if (out_.pages.size() + out_.sitemaps.size() >= kSitemapMaxUrls) {
      out_.truncated = true;
      stopped_ = true;
      XML_StopParser(parser_, XML_FALSE);
    }
  }

  // No URL worth crawling is longer; a longer text is a trap or an attack.
  static constexpr std::size_t kMaxLocBytes = 8000;

  Sitemap& out_;
  XML_Parser parser_ = nullptr;
  bool root_known_ = false;
  bool is_sitemap_ = false;
  std::string root_;
  std::string parent_;  // the current child of the root
  int depth_ = 0;
  bool in_loc_ = false;
  std::string text_;
  bool stopped_ = false;
};

// sitemaps.org "Text file": one URL a line, nothing else.
void ReadTextSitemap(std::string_view text, Sitemap& out) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(begin, end - begin));
    begin = end + 1;
    if (line.empty()) continue;
    Result<Url> url = Url::Parse(line);
    if (!url.ok() || !url->is_http()) {
      ++out.skipped;
      continue;
    }
    out.pages.push_back(url->WithoutFragment());
    if (out.pages.size() >= kSitemapMaxUrls) {
      out.truncated = begin < text.size();
      return;
    }
  }
}

// An HTML page served where a sitemap should be (a soft 404, a login page) is rarely well-formed XML, so
// expat would only say "syntax error"; this says what it is.
bool LooksLikeHtml(std::string_view content) {
  const auto starts = [&](std::string_view prefix) {
    if (content.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(content[i])) != prefix[i]) return false;
    }
    return true;
  };
  return starts("<!doctype html") || starts("<html");
}

}  // namespace

Result<Sitemap> ParseSitemap(std::string_view body, std::string_view url) {
  Sitemap sitemap;
  std::string inflated;
  if (LooksGzipped(body)) {
    Result<Inflated> gunzipped = Gunzip(body, kSitemapMaxBytes);
    if (!gunzipped.ok()) return Status::InvalidArgument("sitemap " + std::string(url) + ": " + gunzipped.status().message());
    inflated = std::move(gunzipped->bytes);
    sitemap.truncated = gunzipped->truncated;
    body = inflated;
  } else if (body.size() > kSitemapMaxBytes) {
    body = body.substr(0, kSitemapMaxBytes);
    sitemap.truncated = true;
  }
  std::string_view content = Trim(body);
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  if (content.empty()) return Status::InvalidArgument("sitemap " + std::string(url) + ": empty");
  if (content.front() != '<') {
    ReadTextSitemap(content, sitemap);
    if (sitemap.pages.empty()) {
      return Status::InvalidArgument("sitemap " + std::string(url) + ": neither XML nor a list of URLs");
    }
    return sitemap;
  }
  if (LooksLikeHtml(content)) {
    return Status::InvalidArgument("sitemap " + std::string(url) + ": not a sitemap (an HTML page)");
  }
  SitemapReader reader(sitemap);
  Status read = reader.Read(body, url);
  if (read.ok()) return sitemap;
  // Broken XML after some URLs: keep them, and say what went wrong.
  if (sitemap.pages.empty() && sitemap.sitemaps.empty()) return read;
  sitemap.error = read.message();
  return sitemap;
}

}  // namespace arachne
