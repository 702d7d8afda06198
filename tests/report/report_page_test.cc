// The whole page: every section, the numbers of the header, nothing loaded from anywhere, every text from
// the file escaped, and a crawl without data drawn without a NaN.
#include "report/report_page.h"

#include <gtest/gtest.h>

#include <regex>

#include "report/svg_checks.h"

namespace arachne::report {
namespace {

using test::CountOf;

const std::string kSamples = ARACHNE_TEST_DATA_DIR "/report/";

CrawlStatsFile Sample(const std::string& name) {
  Result<CrawlStatsFile> stats = ReadCrawlStatsFile(kSamples + name);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return stats.ok() ? *stats : CrawlStatsFile{};
}

ScalingInput Scaling() {
  return {"bench/results/scaling.csv",
          {{1, 1, 33257, 1.682, 19772.3}, {1, 2, 33257, 1.756, 18939.1}, {1, 4, 33257, 2.149, 15475.6}}};
}

// Every <svg>...</svg> of the page.
std::vector<std::string> Charts(const std::string& page) {
  std::vector<std::string> charts;
  for (std::size_t at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1)) {
    const std::size_t end = page.find("</svg>", at);
    if (end == std::string::npos) break;
    charts.push_back(page.substr(at, end + 6 - at));
  }
  return charts;
}

TEST(ReportPage, HasEverySection) {
  const std::string page = ReportPage(Sample("demo.stats.json"), Scaling());
  for (const char* id : {"summary", "timeline", "throughput", "statuses", "depths", "content-types", "errors",
                         "hosts", "slowest", "speedup"}) {
    EXPECT_NE(page.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
  for (const char* chart : {"timeline-chart", "throughput-chart", "status-chart", "depth-chart",
                            "content-type-chart", "error-chart", "speedup-chart"}) {
    EXPECT_NE(page.find(std::string("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"") + chart + "\""),
              std::string::npos)
        << chart;
  }
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_EQ(CountOf(page, "<section"), CountOf(page, "</section>"));
  EXPECT_EQ(CountOf(page, "<svg"), CountOf(page, "</svg>"));
  EXPECT_EQ(CountOf(page, "<g"), CountOf(page, "</g>"));
  EXPECT_TRUE(page.ends_with("</html>\n"));
  // The speedup chart only with a scaling file.
  EXPECT_EQ(ReportPage(Sample("demo.stats.json")).find("id=\"speedup\""), std::string::npos);
}

TEST(ReportPage, HeaderShowsTheCrawlAndItsTotals) {
  const std::string page = ReportPage(Sample("demo.stats.json"));
  EXPECT_NE(page.find("<title>Arachne crawl report: docsite</title>"), std::string::npos);
  EXPECT_NE(page.find("docsite<span class=\"state state-finished\">finished</span>"), std::string::npos);
  EXPECT_NE(page.find("Started 2026-12-01 21:33:00 UTC"), std::string::npos);
  EXPECT_NE(page.find("elapsed 20.4 s"), std::string::npos);
  EXPECT_NE(page.find("<dt>Pages</dt><dd>4,906</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>Errors</dt><dd>14</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>Received</dt><dd>116.8 MB</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dt>Pages/s</dt><dd>240.5</dd>"), std::string::npos);  // 4,906 / 20.4 s
  EXPECT_NE(page.find("<dd>61 / 880 ms</dd>"), std::string::npos);
}

TEST(ReportPage, DrawsTheSampleCrawl) {
  const std::string page = ReportPage(Sample("demo.stats.json"), Scaling());
  // Five processes, the restarted parser on a lane of its own after the one it replaced.
  EXPECT_EQ(CountOf(page, "<g class=\"lane\">"), 5u);
  EXPECT_LT(page.find(">parser 1</text>"), page.find(">parser 1 (restart 1)</text>"));
  EXPECT_NE(page.find(">no response</text>"), std::string::npos);  // status 0
  EXPECT_NE(page.find(">(none)</text>"), std::string::npos);       // no Content-Type
  EXPECT_NE(page.find("http://127.0.0.1:8080/docs/api/search.html"), std::string::npos);
  for (const std::string& chart : Charts(page)) {
    EXPECT_TRUE(test::GeometryProblems(chart).empty())
        << testing::PrintToString(test::GeometryProblems(chart)) << chart.substr(0, 200);
  }
}

// The start tags of `page` (text from the file is escaped, so it has none).
std::vector<std::string> Tags(const std::string& page) {
  std::vector<std::string> tags;
  const std::regex tag("<[a-zA-Z][^>]*>");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), tag); it != std::sregex_iterator(); ++it) {
    tags.push_back(it->str());
  }
  return tags;
}

TEST(ReportPage, LoadsNothing) {
  for (const char* sample : {"demo.stats.json", "hostile.stats.json", "empty.stats.json"}) {
    const std::string page = ReportPage(Sample(sample), Scaling());
    for (const char* element : {"<script", "<link", "<img", "<iframe", "<object", "<embed", "<image", "<use",
                                "<foreignObject", "<audio", "<video", "@import", "@font-face"}) {
      EXPECT_EQ(page.find(element), std::string::npos) << sample << ": " << element;
    }
    const std::vector<std::string> tags = Tags(page);
    EXPECT_GT(tags.size(), 100u);
    for (const std::string& tag : tags) {
      for (const char* loader : {" src=", " href=", "xlink:", "url(", "srcset", "action="}) {
        EXPECT_EQ(tag.find(loader), std::string::npos) << sample << ": " << tag;
      }
    }
    const std::string style = page.substr(page.find("<style>"), page.find("</style>") - page.find("<style>"));
    EXPECT_EQ(style.find("url("), std::string::npos);
    EXPECT_NE(
        page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                  "'unsafe-inline'\">"),
        std::string::npos);
  }
}

TEST(ReportPage, EscapesEveryTextFromTheFile) {
  const std::string page = ReportPage(Sample("hostile.stats.json"));
  // Nothing of the file became markup: the only elements are the page's own.
  for (const char* raw : {"<script>", "<b>", "<img src=x", "<iframe", "\"onmouseover=\"", "</text><script>",
                          "\" fill=\"url(", "]]> <!--"}) {
    EXPECT_EQ(page.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(page.find("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("http://a.example/&lt;script&gt;alert(5)&lt;/script&gt;?q=&#39;&quot;&amp;amp;"),
            std::string::npos);
  EXPECT_NE(page.find("http://a.example/&quot;onmouseover=&quot;alert(4)"), std::string::npos);
  EXPECT_NE(page.find("text/html&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;"), std::string::npos);
  // A URL is text, never a link, and an unknown state is no class name.
  EXPECT_NE(page.find("<td class=\"url\">javascript:alert(6)//&lt;/td&gt;"), std::string::npos);
  EXPECT_NE(page.find("class=\"state state-other\">&lt;b&gt;finished&lt;/b&gt;"), std::string::npos);
  // An unknown role is drawn grey, its text nowhere in an attribute.
  EXPECT_EQ(page.find("evil.example/x)\""), std::string::npos);
  EXPECT_EQ(page.find(std::string(1, '\0')), std::string::npos);
}

TEST(ReportPage, ManyContentTypesEndInOneOtherBar) {
  CrawlStatsFile stats = Sample("demo.stats.json");
  stats.by_content_type.clear();
  for (int i = 0; i < 15; ++i) stats.by_content_type["type/" + std::to_string(i)] = 100 + i;
  const std::string page = ReportPage(stats);
  EXPECT_NE(page.find(">type/14</text>"), std::string::npos);  // the largest ones by name
  EXPECT_NE(page.find(">type/3</text>"), std::string::npos);
  EXPECT_EQ(page.find(">type/2</text>"), std::string::npos);  // the three smallest summed
  EXPECT_NE(page.find("<title>other (3 more): 303</title>"), std::string::npos);
}

TEST(ReportPage, AOneSecondCrawlShowsItsRateAsADot) {
  CrawlStatsFile stats = Sample("demo.stats.json");
  stats.throughput = {{0, 0}, {1, 120}};
  const std::string page = ReportPage(stats);
  const std::size_t chart = page.find("id=\"throughput-chart\"");
  const std::string throughput = page.substr(chart, page.find("</svg>", chart) - chart);
  EXPECT_EQ(CountOf(throughput, "<circle"), 1u);
}

TEST(ReportPage, ACrawlWithoutDataStillRenders) {
  const std::string page = ReportPage(Sample("empty.stats.json"), ScalingInput{"empty.csv", {}});
  EXPECT_NE(page.find(">no processes</text>"), std::string::npos);
  EXPECT_GE(CountOf(page, ">no data</text>"), 6u);  // throughput, statuses, depths, types, errors, speedup
  EXPECT_NE(page.find("no hosts"), std::string::npos);
  EXPECT_NE(page.find("no fetches"), std::string::npos);
  EXPECT_NE(page.find("<dt>Pages/s</dt><dd>\xE2\x80\x93</dd>"), std::string::npos);  // 0 s elapsed: no rate
  for (const std::string& chart : Charts(page)) {
    EXPECT_TRUE(test::GeometryProblems(chart).empty())
        << testing::PrintToString(test::GeometryProblems(chart));
  }
  for (const char* bad : {"nan", "NaN", "inf\"", "-0\""}) EXPECT_EQ(page.find(bad), std::string::npos) << bad;
}

}  // namespace
}  // namespace arachne::report
