// Every page reader against the same expectations: ScanPage (the fast path) and ExtractPage (Gumbo).
#include "parser/html_extractor.h"
#include "parser/html_scanner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "common/utf8.h"
#include "parser/small_stack.h"

namespace arachne {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::string_view kPage = "http://example.com/dir/page.html";

using PageReader = PageInfo (*)(std::string_view, const Url&);

class PageReaderTest : public ::testing::TestWithParam<PageReader> {
 protected:
  PageInfo Extract(std::string_view html, std::string_view page = kPage) const {
    Result<Url> url = Url::Parse(page);
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    return GetParam()(html, *url);
  }

  std::vector<std::string> Links(std::string_view html) const { return Extract(html).links; }
};

std::string ReaderName(const ::testing::TestParamInfo<PageReader>& info) {
  return info.param == &ScanPage ? "Scanner" : "Gumbo";
}

class PageBase : public PageReaderTest {};
class PageCanonical : public PageReaderTest {};
class PageDescription : public PageReaderTest {};
class PageLinkCaps : public PageReaderTest {};
class PageLinks : public PageReaderTest {};
class PageMalformed : public PageReaderTest {};
class PageTitle : public PageReaderTest {};

void ExpectValidUtf8(const PageInfo& info) {
  EXPECT_TRUE(IsValidUtf8(info.title));
  EXPECT_TRUE(IsValidUtf8(info.description));
  EXPECT_TRUE(IsValidUtf8(info.canonical));
  for (const std::string& link : info.links) EXPECT_TRUE(IsValidUtf8(link)) << link;
}

// --- links -------------------------------------------------------------------------------------------

TEST_P(PageLinks, EveryLinkElementKind) {
  EXPECT_THAT(Links(R"(<link rel=stylesheet href="/style.css">
                       <a href="/a">a</a>
                       <map><area href="/area"></map>
                       <iframe src="/iframe"></iframe>)"),
              ElementsAre("http://example.com/style.css", "http://example.com/a", "http://example.com/area",
                          "http://example.com/iframe"));
  EXPECT_THAT(Links(R"(<frameset><frame src="/frame"></frameset>)"), ElementsAre("http://example.com/frame"));
}

TEST_P(PageLinks, OtherElementsAndAttributesAreNotLinks) {
  EXPECT_THAT(Links(R"(<img src="/img.png"><script src="/s.js"></script><a name="x">no href</a>
                       <iframe href="/wrong-attribute"></iframe><a src="/wrong-attribute">x</a>
                       <form action="/form"></form><div href="/div"></div>)"),
              IsEmpty());
}

TEST_P(PageLinks, RelativeFormsResolveAgainstThePage) {
  EXPECT_THAT(Links(R"(<a href="sibling.html"></a><a href="../up.html"></a><a href="/root"></a>
                       <a href="//other.example/x"></a><a href="?q=1"></a><a href="sub/./a/../b"></a>
                       <a href="HTTPS://Example.COM:443/abs"></a>)"),
              ElementsAre("http://example.com/dir/sibling.html", "http://example.com/up.html",
                          "http://example.com/root", "http://other.example/x",
                          "http://example.com/dir/page.html?q=1", "http://example.com/dir/sub/b",
                          "https://example.com/abs"));
}

TEST_P(PageLinks, EachLinkComesParsedToo) {
  const PageInfo info = Extract(R"(<a href="/b#one"></a><a href="x?q=1"></a><a href="mailto:me@example.com"></a>)");
  ASSERT_EQ(info.link_urls.size(), info.links.size());
  for (std::size_t i = 0; i < info.links.size(); ++i) EXPECT_EQ(info.link_urls[i].WithoutFragment(), info.links[i]);
  EXPECT_EQ(info.link_urls[0].href(), "http://example.com/b#one");
}

TEST_P(PageLinks, EmptyAndFragmentOnlyHrefsPointAtThePageItself) {
  EXPECT_THAT(Links(R"(<a href=""></a><a href="#top"></a>)"), ElementsAre("http://example.com/dir/page.html"));
}

TEST_P(PageLinks, SurroundingWhitespaceIsIgnored) {
  EXPECT_THAT(Links("<a href=\"  \n/spaced\t \">x</a>"), ElementsAre("http://example.com/spaced"));
}

TEST_P(PageLinks, FragmentsAreDroppedAndDuplicatesRemovedInFirstSeenOrder) {
  EXPECT_THAT(Links(R"(<a href="/b#one"></a><a href="/a"></a><a href="/b#two"></a>
                       <a href="http://example.com/a"></a><a href="/b"></a><a href="/a"></a><a href="/c#"></a>)"),
              ElementsAre("http://example.com/b", "http://example.com/a", "http://example.com/c"));
}

TEST_P(PageLinks, NonHttpSchemesAreDropped) {
  EXPECT_THAT(Links(R"html(<a href="mailto:me@example.com"></a><a href="javascript:void(0)"></a>
                       <a href="data:text/html,hi"></a><a href="tel:+123"></a><a href="ftp://example.com/f"></a>
                       <a href="file:///etc/passwd"></a><a href="https://example.com/kept"></a>)html"),
              ElementsAre("https://example.com/kept"));
}

TEST_P(PageLinks, UnresolvableHrefsAreSkipped) {
  EXPECT_THAT(Links(R"(<a href="http://"></a><a href="http://exa mple.com/"></a><a href="http://[::1"></a>
                       <a href="https://example.com:99999/"></a><a href="/ok"></a>)"),
              ElementsAre("http://example.com/ok"));
}

TEST_P(PageLinks, EntitiesInHrefsAreDecoded) {
  EXPECT_THAT(Links(R"(<a href="/p?a=1&amp;b=2"></a>)"), ElementsAre("http://example.com/p?a=1&b=2"));
}

TEST_P(PageLinks, UppercaseTagsAndAttributes) {
  EXPECT_THAT(Links(R"(<A HREF="/upper">x</A><IFRAME SRC="/frame"></IFRAME>)"),
              ElementsAre("http://example.com/upper", "http://example.com/frame"));
}

TEST_P(PageLinks, TemplateContentsAreNotPartOfThePage) {
  EXPECT_THAT(Links(R"(<template><a href="/inert"></a></template><a href="/live"></a>)"),
              ElementsAre("http://example.com/live"));
}

// --- base --------------------------------------------------------------------------------------------

TEST_P(PageBase, IsThePageUrlWithoutABaseElement) {
  EXPECT_EQ(Extract("<a href=x>x</a>").base, kPage);
}

TEST_P(PageBase, AbsoluteBaseHrefResolvesEveryLink) {
  PageInfo info = Extract(R"(<head><base href="https://cdn.example.org/root/"></head>
                             <a href="rel"></a><a href="/abs"></a><a href="//third.example/"></a>)");
  EXPECT_EQ(info.base, "https://cdn.example.org/root/");
  EXPECT_THAT(info.links, ElementsAre("https://cdn.example.org/root/rel", "https://cdn.example.org/abs",
                                      "https://third.example/"));
}

TEST_P(PageBase, RelativeBaseHrefIsResolvedAgainstThePage) {
  PageInfo info = Extract(R"(<base href="../other/"><a href="x.html"></a>)");
  EXPECT_EQ(info.base, "http://example.com/other/");
  EXPECT_THAT(info.links, ElementsAre("http://example.com/other/x.html"));
}

TEST_P(PageBase, FirstBaseWithHrefWinsEvenAfterTheLinks) {
  // The document base URL is one value for the whole document (HTML Standard 4.2.3).
  PageInfo info = Extract(R"(<a href="x"></a><base target="_blank"><base href="/first/"><base href="/second/">)");
  EXPECT_EQ(info.base, "http://example.com/first/");
  EXPECT_THAT(info.links, ElementsAre("http://example.com/first/x"));
}

TEST_P(PageBase, UnusableBaseFallsBackToThePage) {
  EXPECT_EQ(Extract(R"(<base href="http://"><a href="x"></a>)").base, kPage);
  EXPECT_EQ(Extract(R"html(<base href="javascript:alert(1)">)html").base, kPage);
  EXPECT_EQ(Extract(R"(<base href="data:text/html,x">)").base, kPage);
}

// --- title -------------------------------------------------------------------------------------------

TEST_P(PageTitle, MissingOrEmptyIsEmpty) {
  EXPECT_EQ(Extract("<p>no title</p>").title, "");
  EXPECT_EQ(Extract("<title></title>").title, "");
  EXPECT_EQ(Extract("<title> \t\r\n </title>").title, "");
}

TEST_P(PageTitle, WhitespaceIsCollapsedAndTrimmed) {
  EXPECT_EQ(Extract("<title>\n  Hello \t\r\n  World\f </title>").title, "Hello World");
}

TEST_P(PageTitle, OnlyAsciiWhitespaceIsCollapsed) {
  EXPECT_EQ(Extract("<title>a&nbsp; b</title>").title, "a\u00A0 b");
}

TEST_P(PageTitle, EntitiesAreDecodedAndNonAsciiKept) {
  EXPECT_EQ(Extract("<title>Fish &amp; Chips &eacute;&#x41;&#65; &lt;b&gt; \u65E5\u672C\u00FC</title>").title,
            "Fish & Chips \u00E9AA <b> \u65E5\u672C\u00FC");
}

TEST_P(PageTitle, MarkupInsideIsText) {
  // <title> is RCDATA (HTML Standard 13.2.5.2): tags inside it are not elements.
  EXPECT_EQ(Extract("<title>A <b>bold</b> move</title>").title, "A <b>bold</b> move");
}

TEST_P(PageTitle, FirstOfSeveralWins) {
  EXPECT_EQ(Extract("<title>First</title><title>Second</title><body><title>Third</title>").title, "First");
}

TEST_P(PageTitle, SvgTitleIsNotTheDocumentTitle) {
  EXPECT_EQ(Extract("<body><svg><title>drawing</title></svg><title>Real</title>").title, "Real");
}

TEST_P(PageTitle, UppercaseTag) {
  EXPECT_EQ(Extract("<HTML><HEAD><TITLE>Shout</TITLE></HEAD></HTML>").title, "Shout");
}

TEST_P(PageTitle, UnclosedTitleRunsToTheEnd) {
  EXPECT_EQ(Extract("<title>Never closed <a href=x>").title, "Never closed <a href=x>");
}

// --- description -------------------------------------------------------------------------------------

TEST_P(PageDescription, MissingIsEmpty) {
  EXPECT_EQ(Extract(R"(<meta name="keywords" content="a, b">)").description, "");
  EXPECT_EQ(Extract(R"(<meta property="og:description" content="open graph">)").description, "");
}

TEST_P(PageDescription, EmptyContentIsEmpty) {
  EXPECT_EQ(Extract(R"(<meta name="description" content=""><meta name="description" content="later">)")
                .description,
            "");
}

TEST_P(PageDescription, FirstWithContentWins) {
  EXPECT_EQ(Extract(R"(<meta name="description"><meta name="description" content="one">
                       <meta name="description" content="two">)")
                .description,
            "one");
}

TEST_P(PageDescription, NameIsCaseInsensitiveAndUppercaseAttributesWork) {
  EXPECT_EQ(Extract(R"(<META NAME="DeScRiPtIoN" CONTENT="Loud">)").description, "Loud");
}

TEST_P(PageDescription, NameMustMatchExactly) {
  EXPECT_EQ(Extract(R"(<meta name=" description" content="padded"><meta name="descriptions" content="plural">)")
                .description,
            "");
}

TEST_P(PageDescription, WhitespaceCollapsedAndEntitiesDecoded) {
  EXPECT_EQ(Extract("<meta name=description content=\"  Caf&eacute;\n\n &amp;   bar  \">").description,
            "Caf\u00E9 & bar");
}

// --- canonical ---------------------------------------------------------------------------------------

TEST_P(PageCanonical, MissingIsEmpty) {
  EXPECT_EQ(Extract(R"(<link rel="alternate" href="/alt"><link rel="noncanonical" href="/no">)").canonical, "");
  EXPECT_EQ(Extract(R"(<link rel="canonical">)").canonical, "");
}

TEST_P(PageCanonical, ResolvedAgainstTheBaseAndCountedAsALink) {
  PageInfo info = Extract(R"(<base href="/b/"><link rel="canonical" href="canon?x=1#frag">)");
  EXPECT_EQ(info.canonical, "http://example.com/b/canon?x=1#frag");
  EXPECT_THAT(info.links, ElementsAre("http://example.com/b/canon?x=1"));
}

TEST_P(PageCanonical, RelIsACaseInsensitiveTokenList) {
  EXPECT_EQ(Extract("<LINK REL=\"alternate\tCANONICAL\" HREF=\"/c\">").canonical, "http://example.com/c");
}

TEST_P(PageCanonical, FirstWins) {
  EXPECT_EQ(Extract(R"(<link rel=canonical href="/one"><link rel=canonical href="/two">)").canonical,
            "http://example.com/one");
}

TEST_P(PageCanonical, EmptyHrefIsThePage) {
  EXPECT_EQ(Extract(R"(<link rel=canonical href="">)").canonical, kPage);
}

TEST_P(PageCanonical, UnresolvableIsEmpty) {
  EXPECT_EQ(Extract(R"(<link rel=canonical href="http://">)").canonical, "");
}

// --- malformed input ---------------------------------------------------------------------------------

TEST_P(PageMalformed, EmptyInput) {
  PageInfo info = Extract("");
  EXPECT_EQ(info.title, "");
  EXPECT_EQ(info.description, "");
  EXPECT_EQ(info.canonical, "");
  EXPECT_EQ(info.base, kPage);
  EXPECT_THAT(info.links, IsEmpty());
}

TEST_P(PageMalformed, UnclosedAndMisnestedTags) {
  PageInfo info = Extract(R"(<html><head><title>T</title><body><div><a href="/x">x<p><table><tr><td>
                             <a href=/y>y<b><i></b></i><a href='/z'>)");
  EXPECT_EQ(info.title, "T");
  EXPECT_THAT(info.links, ElementsAre("http://example.com/x", "http://example.com/y", "http://example.com/z"));
}

TEST_P(PageMalformed, GarbageBytesBecomeReplacementCharacters) {
  PageInfo info = Extract("<title>ok\xFF\xFE done</title><meta name=description content=\"d\xC3\"><a href=\"/p\xE9\">x</a>");
  ExpectValidUtf8(info);
  EXPECT_EQ(info.title, "ok\uFFFD\uFFFD done");
  EXPECT_EQ(info.description, "d\uFFFD");
  // U+FFFD in a path is percent-encoded as its UTF-8 bytes (WHATWG URL, path percent-encode set).
  EXPECT_THAT(info.links, ElementsAre("http://example.com/p%EF%BF%BD"));
}

// The parsers hand ill-formed UTF-8 to the readers as it came (DecodeHtml with Utf8Repair::kLeaveToReader):
// each reader must make of it what it would make of the repaired text.
TEST_P(PageMalformed, IllFormedUtf8ReadsAsItsRepair) {
  for (std::string_view html : {
           std::string_view("<title>a\xC3(b \xE2\x82 c\xF0\x9F\x98\xFF\xED\xA0\x80</title>"),
           std::string_view("<a href=\"/p\xE9q\">x</a><meta name=description content=\"\xC0\xAFz\">"),
           std::string_view("<base href=\"/\xF4\x90\x80\x80/\"><a href=x>\xFE<link rel=canonical href=\xC3>"),
           std::string_view("<title>cut at the end \xE6\x97"),
       }) {
    const PageInfo raw = Extract(html);
    const PageInfo repaired = Extract(SanitizeUtf8(html));
    EXPECT_EQ(raw.title, repaired.title) << html;
    EXPECT_EQ(raw.description, repaired.description) << html;
    EXPECT_EQ(raw.base, repaired.base) << html;
    EXPECT_EQ(raw.canonical, repaired.canonical) << html;
    EXPECT_EQ(raw.links, repaired.links) << html;
    ExpectValidUtf8(raw);
  }
}

TEST_P(PageMalformed, NulBytesDoNotTruncate) {
  std::string html = "<title>a";
  html += '\0';
  html += "b</title><a href=\"/after-nul\">x</a>";
  PageInfo info = Extract(html);
  ExpectValidUtf8(info);
  EXPECT_EQ(info.title, "a\uFFFDb");
  EXPECT_THAT(info.links, ElementsAre("http://example.com/after-nul"));
}

// Found by fuzz/html_fuzzer (fuzz/corpus/html/charref_past_int.html): Gumbo 0.10.1 turns a numeric
// character reference past its int into a byte that is not UTF-8, where the standard says U+FFFD.
TEST_P(PageMalformed, CharacterReferencesPastGumbosIntGiveValidUtf8) {
  PageInfo info = Extract(
      "<title>a&#xEEEEEEEE;b</title><meta name=description content=\"c&#xEEEEEEEE;d\">"
      "<meta name=robots content=\"&#xEEEEEEEE;nofollow\">");
  ExpectValidUtf8(info);
  EXPECT_TRUE(IsValidUtf8(info.robots)) << info.robots;
  EXPECT_EQ(info.title, "a\uFFFDb");
  EXPECT_EQ(info.description, "c\uFFFDd");
  EXPECT_EQ(info.robots, "\uFFFDnofollow");
}

TEST_P(PageMalformed, BinaryDataYieldsValidUtf8) {
  std::mt19937 random(12345);  // fixed seed: the same bytes every run
  std::string bytes(1 << 20, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  bytes += "<a href=\"/tail\">tail</a>";
  PageInfo info = Extract(bytes);
  ExpectValidUtf8(info);
  EXPECT_EQ(info.base, kPage);
  for (const std::string& link : info.links) EXPECT_TRUE(link.starts_with("http")) << link;
}

TEST_P(PageMalformed, HundredThousandDeepNestingOnASmallStack) {
  // Spans rather than divs: every <div> start tag makes Gumbo scan the stack of open elements for a <p>
  // in button scope, so 100,000 nested divs take seconds (quadratic), while spans nest as deep cheaply.
  std::string html = "<title>Deep</title>";
  for (int i = 0; i < 100'000; ++i) html += (i % 2 == 0) ? "<span>" : "<em>";
  html += "<a href=\"/bottom\">bottom</a>";
  PageInfo info;
  ASSERT_TRUE(RunOnSmallStack([&] { info = Extract(html); }));
  EXPECT_EQ(info.title, "Deep");
  EXPECT_THAT(info.links, ElementsAre("http://example.com/bottom"));
}

TEST_P(PageMalformed, FiveMegabytePageWithTwoHundredThousandLinksKeepsTheFirstHundredThousand) {
  constexpr int kLinks = 200'000;
  std::string html = "<!doctype html><title>Big</title><ul>";
  for (int i = 0; i < kLinks; ++i) {
    html += "<li><a href=\"/p/" + std::to_string(i) + "#f\">page</a>";
  }
  ASSERT_GT(html.size(), 5'000'000u);
  PageInfo info = Extract(html);
  EXPECT_EQ(info.title, "Big");
  ASSERT_EQ(info.links.size(), kMaxPageLinks);
  EXPECT_EQ(info.links.front(), "http://example.com/p/0");
  EXPECT_EQ(info.links[12345], "http://example.com/p/12345");
  EXPECT_EQ(info.links.back(), "http://example.com/p/99999");
  EXPECT_EQ(info.links_dropped, kLinks - kMaxPageLinks);
}

TEST_P(PageLinkCaps, PastTheCapHrefsAreCountedOnceAndKeptLinksStillCount) {
  std::string html;
  for (std::size_t i = 0; i < kMaxPageLinks; ++i) {
    html += "<a rel=nofollow href=/k/" + std::to_string(i) + ">";
  }
  // Past the cap: three new hrefs (one twice), and a kept link again, this time without rel=nofollow.
  html += "<a href=/new/1><a href=/new/2><a href=/new/1><a href=mailto:x@example.com><a href=/k/7>";
  PageInfo info = Extract(html);
  ASSERT_EQ(info.links.size(), kMaxPageLinks);
  EXPECT_EQ(info.links.back(), "http://example.com/k/" + std::to_string(kMaxPageLinks - 1));
  EXPECT_EQ(info.links_dropped, 3u);  // /new/1, /new/2 and the mailto:, not resolved so not told apart
  EXPECT_EQ(info.nofollow_links.size(), kMaxPageLinks - 1);  // /k/7 is followable after all
}

TEST_P(PageLinkCaps, ALongBaseCannotMakeTheLinksOutgrowTheirByteCap) {
  // 1,000 two-byte hrefs under a 100 KB base would be 100 MB of links.
  const std::string base = "http://example.com/" + std::string(100'000, 'd') + "/";
  std::string html = "<base href=\"" + base + "\">";
  for (int i = 0; i < 1000; ++i) html += "<a href=" + std::to_string(i) + ">";
  PageInfo info = Extract(html);
  std::size_t bytes = 0;
  for (const std::string& link : info.links) bytes += link.size();
  EXPECT_LE(bytes, kMaxPageLinkBytes);
  EXPECT_GT(bytes, kMaxPageLinkBytes - base.size() - 8);  // as many as fit
  ASSERT_FALSE(info.links.empty());
  EXPECT_EQ(info.links.front(), base + "0");
  EXPECT_EQ(info.links.size() + info.links_dropped, 1000u);
}

TEST_P(PageLinkCaps, AnOrdinaryPageDropsNothing) {
  PageInfo info = Extract("<a href=/a>a</a><a href=/b>b</a><a href=/a>again</a><a href=javascript:x>j</a>");
  EXPECT_THAT(info.links, ElementsAre("http://example.com/a", "http://example.com/b"));
  EXPECT_EQ(info.links_dropped, 0u);
}

INSTANTIATE_TEST_SUITE_P(Readers, PageBase, ::testing::Values(&ScanPage, &ExtractPage), ReaderName);
INSTANTIATE_TEST_SUITE_P(Readers, PageCanonical, ::testing::Values(&ScanPage, &ExtractPage), ReaderName);
INSTANTIATE_TEST_SUITE_P(Readers, PageDescription, ::testing::Values(&ScanPage, &ExtractPage), ReaderName);
INSTANTIATE_TEST_SUITE_P(Readers, PageLinkCaps, ::testing::Values(&ScanPage, &ExtractPage), ReaderName);
INSTANTIATE_TEST_SUITE_P(Readers, PageLinks, ::testing::Values(&ScanPage, &ExtractPage), ReaderName);
INSTANTIATE_TEST_SUITE_P(Readers, PageMalformed, ::testing::Values(&ScanPage, &ExtractPage), ReaderName);
INSTANTIATE_TEST_SUITE_P(Readers, PageTitle, ::testing::Values(&ScanPage, &ExtractPage), ReaderName);

}  // namespace
}  // namespace arachne
