#include "coordinator/crawl_breakdown.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace arachne {
namespace {

Record Page(const std::string& url, int status, double fetch_ms, int depth = 1,
            const std::string& type = "text/html; charset=utf-8") {
  Record r;
  r.url = url;
  r.status = status;
  r.fetch_ms = fetch_ms;
  r.depth = depth;
  r.content_type = type;
  r.bytes = 100;
  return r;
}

TEST(CrawlBreakdown, CountsByTypeDepthAndHost) {
  CrawlBreakdown b;
  b.Count(Page("http://a.test/1", 200, 5, 0), 0.1, 1);
  b.Count(Page("http://a.test/2", 200, 5, 1, "Image/PNG"), 0.2, 2);
  Record failed = Page("http://b.test:8080/x", 0, 0, 1, "");
  failed.error = "timeout";
  b.Count(failed, 0.3, 3);
  nlohmann::json root;
  b.AddTo(root);
  EXPECT_EQ(root["by_content_type"], (nlohmann::json{{"", 1}, {"image/png", 1}, {"text/html", 1}}));
  EXPECT_EQ(root["by_depth"], (nlohmann::json{{"0", 1}, {"1", 2}}));
  ASSERT_EQ(root["by_host"].size(), 2u);
  EXPECT_EQ(root["by_host"][0]["host"], "http://a.test");
  EXPECT_EQ(root["by_host"][0]["pages"], 2);
  EXPECT_EQ(root["by_host"][1]["host"], "http://b.test:8080");
  EXPECT_EQ(root["by_host"][1]["errors"], 1);
  EXPECT_EQ(root["timings"]["fetch_ms"]["count"], 2) << "a record without a response has no fetch time";
}

TEST(CrawlBreakdown, QuantilesComeFromFivePercentBuckets) {
  CrawlBreakdown b;
  for (int ms = 1; ms <= 100; ++ms) b.Count(Page("http://a.test/" + std::to_string(ms), 200, ms), 1, ms);
  EXPECT_NEAR(b.FetchMsQuantile(0.5), 50, 50 * 0.05 + 1e-9);
  EXPECT_NEAR(b.FetchMsQuantile(0.9), 90, 90 * 0.05 + 1e-9);
  EXPECT_DOUBLE_EQ(b.FetchMsQuantile(1), 100);
  EXPECT_EQ(CrawlBreakdown().FetchMsQuantile(0.5), 0);
  nlohmann::json root;
  b.AddTo(root);
  EXPECT_DOUBLE_EQ(root["timings"]["fetch_ms"]["mean"].get<double>(), 50.5);
  EXPECT_DOUBLE_EQ(root["timings"]["fetch_ms"]["max"].get<double>(), 100);
}

TEST(CrawlBreakdown, KeepsTheTwentySlowestSlowestFirst) {
  CrawlBreakdown b;
  for (int i = 0; i < 100; ++i) b.Count(Page("http://a.test/" + std::to_string(i), 200, (i * 37) % 100), 1, i + 1);
  nlohmann::json root;
  b.AddTo(root);
  const nlohmann::json& slowest = root["slowest"];
  ASSERT_EQ(slowest.size(), CrawlBreakdown::kSlowest);
  for (std::size_t i = 0; i < slowest.size(); ++i) EXPECT_EQ(slowest[i]["fetch_ms"], 99 - static_cast<int>(i));
}

TEST(CrawlBreakdown, ThroughputHasAPointASecondAndStaysSmall) {
  CrawlBreakdown b;
  b.Count(Page("http://a.test/1", 200, 1), 0.2, 1);
  b.Count(Page("http://a.test/2", 200, 1), 0.7, 2);
  b.Count(Page("http://a.test/3", 200, 1), 2.5, 3);
  nlohmann::json root;
  b.AddTo(root);
  EXPECT_EQ(root["throughput"], nlohmann::json::parse(R"([{"t":0,"pages":0},{"t":1,"pages":2},{"t":3,"pages":3}])"));

  CrawlBreakdown hours;
  for (int s = 0; s < 5000; ++s) hours.Count(Page("http://a.test/", 200, 1), s + 0.5, static_cast<std::uint64_t>(s + 1));
  nlohmann::json long_root;
  hours.AddTo(long_root);
  const nlohmann::json& points = long_root["throughput"];
  EXPECT_LE(points.size(), CrawlBreakdown::kMaxThroughputPoints + 1);
  EXPECT_GT(points.size(), CrawlBreakdown::kMaxThroughputPoints / 4);
  EXPECT_EQ(points.back()["pages"], 5000);
  for (std::size_t i = 1; i < points.size(); ++i) EXPECT_LT(points[i - 1]["t"], points[i]["t"]);
}

}  // namespace
}  // namespace arachne
