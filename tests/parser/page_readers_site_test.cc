// ScanPage and ExtractPage against the generated test site, whose generator knows what every page says and links to:
// hundreds of pages with links in every form (relative, ../, scheme-relative, <base href>, entities,
// fragments, queries, mailto:, javascript:, links inside comments and scripts).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "parser/html_extractor.h"
#include "parser/html_scanner.h"
#include "testsite/site.h"

namespace arachne {
namespace {

constexpr const char* kOrigin = "http://127.0.0.1:8080";

using PageReader = PageInfo (*)(std::string_view, const Url&);

class PageReaderOnTestSite : public ::testing::TestWithParam<PageReader> {};

TEST_P(PageReaderOnTestSite, MatchesWhatTheGeneratorWrote) {
  testsite::Site site({.pages = 300, .seed = 11});
  testsite::Origin origin = testsite::Origin::Parse(kOrigin);
  int with_base = 0;
  for (int k = 0; k < site.options().pages; ++k) {
    testsite::PageSpec spec = site.map().Page(k, origin);
    testsite::Site::Body body = site.Get(spec.path, kOrigin);
    ASSERT_EQ(body.status, 200) << spec.path;
    Result<Url> url = Url::Parse(std::string(kOrigin) + spec.path);
    ASSERT_TRUE(url.ok()) << url.status().ToString();

    PageInfo info = GetParam()(body.bytes, *url);
    SCOPED_TRACE(spec.path);
    EXPECT_EQ(info.title, spec.title);
    EXPECT_EQ(info.description, spec.description);
    EXPECT_EQ(info.canonical, spec.canonical);
    std::vector<std::string> sorted = info.links;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, testsite::DistinctTargets(spec));
    if (!spec.base_href.empty()) ++with_base;
  }
  EXPECT_GT(with_base, 0) << "the sample should include pages with <base href>";
}

INSTANTIATE_TEST_SUITE_P(Readers, PageReaderOnTestSite, ::testing::Values(&ScanPage, &ExtractPage),
                         [](const ::testing::TestParamInfo<PageReader>& info) {
                           return std::string(info.param == &ScanPage ? "Scanner" : "Gumbo");
                         });

}  // namespace
}  // namespace arachne
