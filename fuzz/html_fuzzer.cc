// html_fuzzer: the input is the body of a fetched HTML page, read as the parser process reads one
// (parser_process.cc): its charset sniffed and the text converted to UTF-8 (charset.h), the page's title,
// description, canonical, base, meta robots and links extracted by both page readers, the streaming
// scanner (html_scanner.h, also on the raw bytes) and Gumbo (html_extractor.h), and the links to follow
// chosen by meta robots, rel=nofollow and the scope (link_selection.h); and [[extract]] rules of every
// kind of selector and take (extract/extraction_rules.h) applied to Gumbo's tree of it.
//
// With ARACHNE_FUZZ_DIFFERENTIAL=1 in the environment (scripts/fuzz.sh sets it), an input on which the
// two readers disagree is a finding too, unless it holds markup where the scanner is known to part from
// Gumbo (html_scanner.h): tables, foreign content, select, frameset, template, a numeric character
// reference past Gumbo's int, a repeated attribute without a value (Gumbo 0.10.1 then glues the
// repeated name to the next attribute's: <a x x href=/p> has no href there), or a NUL byte (Gumbo drops
// one that starts an attribute name: <meta \0name=robots> has a "name" there, not "\uFFFDname"). The short runs in the test suite leave this off: they check what each
// reader promises on its own, so that no known, documented difference can fail the suite.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "arachne/config.h"
#include "common/utf8.h"
#include "fuzz_check.h"
#include "extract/extraction_rules.h"
#include "parser/charset.h"
#include "parser/encoding_sniffer.h"
#include "parser/html_extractor.h"
#include "parser/gumbo_document.h"
#include "parser/html_scanner.h"
#include "parser/link_selection.h"
#include "scope/scope.h"
#include "url/url.h"

namespace arachne {
namespace {

// The Content-Type header the page came with: the input's last byte picks one, so that a header's
// charset (each decoder glibc's iconv or Arachne provides) meets every body, as does its absence.
constexpr std::string_view kContentTypes[] = {
    "text/html",
    "",
    "text/html; charset=utf-8",
    "text/html; charset=windows-1252",
    "text/html;charset=\"Shift_JIS\"",
    "text/html; charset=euc-jp",
    "text/html; charset=iso-2022-jp",
    "text/html; charset=gb18030",
    "text/html; charset=gbk",
    "text/html; charset=big5",
    "text/html; charset=euc-kr",
    "text/html; charset=utf-16le",
    "text/html; Charset=UTF-16BE",
    "text/html; charset=x-user-defined",
    "text/html; charset=iso-2022-kr",  // the "replacement" encoding
    "text/html; charset=koi8-u",
};
static_assert(std::size(kContentTypes) == 16);

// What every input is parsed against: the page's URL, a crawl of its site with one deny rule, and rules
// that take text, inner HTML and attributes through every combinator and pseudo-class.
struct Setup {
  Url page_url;
  Scope scope;
  ExtractionRules rules;
};

std::vector<ExtractRule> FuzzRules() {
  const auto rule = [](std::string field, std::string css, std::string take, bool all) {
    ExtractRule r;
    r.field = std::move(field);
    r.css = std::move(css);
    r.take = std::move(take);
    r.all = all;
    r.absolute = r.take.starts_with("attr:");
    return r;
  };
  return {rule("title", "title", "text", false),
          rule("all_text", "*", "text", true),
          rule("all_html", "body *", "html", true),
          rule("hrefs", "a[href], area[href]", "attr:href", true),
          rule("nth", "ul > li:nth-child(2n+1):not(.x) ~ li, div + p", "text", true),
          rule("first", "body > :first-child, :last-child[class~=a i]", "html", false),
          rule("attrs", "[id^=a][id$=z], [lang|=en], [data-x*=\"y\"]", "attr:id", true)};
}

const Setup& GetSetup() {
  static const Setup setup = [] {
    Result<Url> page_url = Url::Parse("https://www.example.com/dir/page.html?lang=en");
    ScopeConfig config;
    config.deny = {"/private/"};
    Result<Scope> scope = Scope::Create(config, {"https://www.example.com/"});
    Result<ExtractionRules> rules = ExtractionRules::Compile(FuzzRules());
    FUZZ_CHECK(page_url.ok() && scope.ok() && rules.ok());
    return Setup{std::move(*page_url), std::move(*scope), std::move(*rules)};
  }();
  return setup;
}

// What html_extractor.h promises of every page: valid UTF-8 everywhere, a base URL, and links that are
// absolute http(s) URLs without fragment, each once.
void CheckPage(const PageInfo& page) {
  FUZZ_CHECK(IsValidUtf8(page.title));
  FUZZ_CHECK(IsValidUtf8(page.description));
  FUZZ_CHECK(IsValidUtf8(page.robots));
  FUZZ_CHECK(Url::Parse(page.base).ok());
  if (!page.canonical.empty()) FUZZ_CHECK(Url::Parse(page.canonical).ok());
  for (const std::string& link : page.links) {
    Result<Url> url = Url::Parse(link);
    FUZZ_CHECK(url.ok());
    FUZZ_CHECK(url->is_http());
    FUZZ_CHECK(!url->has_fragment());
  }
  FUZZ_CHECK(std::set<std::string_view>(page.links.begin(), page.links.end()).size() == page.links.size());
  FUZZ_CHECK(page.link_urls.size() == page.links.size());
  for (std::size_t i = 0; i < page.links.size(); ++i) FUZZ_CHECK(page.link_urls[i].WithoutFragment() == page.links[i]);
  // SelectLinks relies on nofollow_links being in the order of `links`.
  std::size_t next = 0;
  for (const std::string& link : page.links) {
    if (next < page.nofollow_links.size() && page.nofollow_links[next] == link) ++next;
  }
  FUZZ_CHECK(next == page.nofollow_links.size());
}

bool DifferentialRun() {
  static const bool on = [] {
    const char* value = std::getenv("ARACHNE_FUZZ_DIFFERENTIAL");
    return value != nullptr && std::string_view(value) == "1";
  }();
  return on;
}

// Whether some tag repeats an attribute name without a value: roughly, so as to skip more rather than less.
bool HasRepeatedBareAttribute(std::string_view lower) {
  for (std::size_t lt = lower.find('<'); lt != std::string_view::npos; lt = lower.find('<', lt + 1)) {
    const std::size_t gt = lower.find('>', lt);
    const std::string_view tag = lower.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1);
    std::set<std::string_view> names;
    std::size_t i = 0;
    while (i < tag.size()) {
      while (i < tag.size() && (std::isspace(static_cast<unsigned char>(tag[i])) || tag[i] == '/')) ++i;
      const std::size_t start = i;
      while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i])) && tag[i] != '/' && tag[i] != '=') ++i;
      const std::string_view name = tag.substr(start, i - start);
      if (!name.empty() && !names.insert(name).second) return true;
      if (i < tag.size() && tag[i] == '=') {
        while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
      }
    }
  }
  return false;
}

// `html` with ASCII letters lowercased: the checks below look for tags in any case.
std::string AsciiLowercase(std::string_view html) {
  std::string lower(html);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; });
  return lower;
}

// Whether the page (`lower`: AsciiLowercase of it) holds markup where the scanner may part from Gumbo by
// design (html_scanner.h).
bool HasKnownDifference(std::string_view lower) {
  if (lower.find('\0') != std::string_view::npos) return true;
  for (std::string_view word : {"<table", "<svg", "<math", "<select", "<frameset", "<template"}) {
    if (lower.find(word) != std::string_view::npos) return true;
  }
  // Gumbo 0.10.1 reads a numeric character reference into an int, which 8 hex or 10 decimal digits overflow.
  for (std::size_t at = lower.find("&#"); at != std::string_view::npos; at = lower.find("&#", at + 2)) {
    std::size_t i = at + 2;
    if (i < lower.size() && lower[i] == 'x') ++i;
    std::size_t digits = 0;
    while (i < lower.size() && std::isxdigit(static_cast<unsigned char>(lower[i]))) ++i, ++digits;
    if (digits >= 8) return true;
  }
  return HasRepeatedBareAttribute(lower);
}

// Whether Gumbo 0.10.1 is known to abort on the page (`lower`): a <select> met in foreign content (upstream issue
// google/gumbo-parser#331 and its kin; the long run found "<table><svg><select><title><select><tr>",
// an assertion in node_qualified_tag_is). A parser process that reads with Gumbo dies on such a page
// and the page is quarantined (tests/crawler/crawler_test.cc); the fuzz target gives them to the scanner
// alone, so that a long run goes on past this known bug.
bool CrashesGumbo(std::string_view lower) {
  return lower.find("<select") != std::string_view::npos &&
         (lower.find("<svg") != std::string_view::npos || lower.find("<math") != std::string_view::npos);
}

bool SameRecord(const PageInfo& a, const PageInfo& b) {
  std::set<std::string> a_links(a.links.begin(), a.links.end()), b_links(b.links.begin(), b.links.end());
  return a.title == b.title && a.description == b.description && a.canonical == b.canonical &&
         a.base == b.base && a.robots == b.robots && a_links == b_links;
}

}  // namespace
}  // namespace arachne

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arachne;
  const Setup& setup = GetSetup();
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const std::string_view content_type = size == 0 ? "" : kContentTypes[data[size - 1] % 16];

  // The sniffer's parts on their own, over more than the 1024 bytes DecodeHtml gives the prescan.
  (void)CharsetParameter(body.substr(0, 256));
  (void)PrescanForEncoding(body);

  const DecodedHtml html = DecodeHtml(body, content_type);
  FUZZ_CHECK(IsValidUtf8(html.text()));
  FUZZ_CHECK(!html.charset().empty());

  const PageInfo scanned = ScanPage(html.text(), setup.page_url);
  CheckPage(scanned);
  CheckPage(ScanPage(body, setup.page_url));  // bytes that are not UTF-8 reach the scanner too
  const std::string lower = AsciiLowercase(html.text());
  PageInfo page = CrashesGumbo(lower) ? scanned : ExtractPage(html.text(), setup.page_url);
  CheckPage(page);
  (void)RobotsSaysNofollow(page.robots);
  if (!CrashesGumbo(lower)) {
    // What extraction_rules.h promises: a value per rule, valid UTF-8, within the caps.
    const arachne::GumboDocument document(html.text());
    const std::vector<FieldValue> fields = setup.rules.Apply(document.document(), setup.page_url.href(), setup.page_url);
    FUZZ_CHECK(fields.size() == setup.rules.size());
    std::size_t total = 0;
    for (const FieldValue& field : fields) {
      FUZZ_CHECK(field.all || field.values.size() <= 1);
      FUZZ_CHECK(field.values.size() <= kMaxFieldMatches);
      for (const std::string& value : field.values) {
        FUZZ_CHECK(IsValidUtf8(value));
        FUZZ_CHECK(value.size() <= kMaxFieldValueBytes);
        total += value.size();
      }
    }
    FUZZ_CHECK(total <= kMaxPageFieldBytes);
  }
  if (DifferentialRun() && !HasKnownDifference(lower)) FUZZ_CHECK(SameRecord(page, scanned));

  // Every link ends in exactly one of the three results, whatever the crawl's robots settings.
  const std::size_t links = page.links.size();
  RobotsConfig robots;
  const SelectedLinks obeyed = SelectLinks(page, robots, setup.scope);
  FUZZ_CHECK(obeyed.follow.size() + obeyed.nofollow + obeyed.out_of_scope == links);
  robots.obey_meta = false;
  robots.follow_nofollow = true;
  const SelectedLinks ignored = SelectLinks(std::move(page), robots, setup.scope);
  FUZZ_CHECK(ignored.follow.size() + ignored.nofollow + ignored.out_of_scope == links);
  FUZZ_CHECK(ignored.nofollow == 0);
  return 0;
}
