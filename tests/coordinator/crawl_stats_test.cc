#include "coordinator/crawl_stats.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace arachne {
namespace {

Record WithStatus(int status, std::uint64_t bytes, const std::string& error = "") {
  Record r;
  r.url = "http://a/";
  r.status = status;
  r.bytes = bytes;
  r.error = error;
  return r;
}

// Every counter Save keeps, each with its own value.
CrawlStats Busy() {
  CrawlStats stats;
  stats.Count(WithStatus(200, 100));
  stats.Count(WithStatus(200, 200));
  stats.Count(WithStatus(404, 30));
  stats.Count(WithStatus(0, 0, "timeout"));
  stats.Count(WithStatus(0, 0, "dns"));
  stats.Count(WithStatus(0, 0, "timeout"));
  for (int i = 0; i < 7; ++i) stats.CountDiscovered();
  stats.CountOutOfScope(11);
  stats.CountRobotsDisallowed(13);
  stats.CountNofollow(17);
  for (int i = 0; i < 2; ++i) stats.CountFromSitemap();
  for (int i = 0; i < 5; ++i) stats.CountRetry();
  stats.CountLimited("url_length", 3);
  stats.CountLimited("redirects");
  stats.CountQuarantined();
  return stats;
}

void ExpectSameCounters(const Summary& a, const Summary& b) {
  EXPECT_EQ(a.pages, b.pages);
  EXPECT_EQ(a.by_status, b.by_status);
  EXPECT_EQ(a.errors_by_kind, b.errors_by_kind);
  EXPECT_EQ(a.bytes, b.bytes);
  EXPECT_EQ(a.discovered, b.discovered);
  EXPECT_EQ(a.out_of_scope, b.out_of_scope);
  EXPECT_EQ(a.robots_disallowed, b.robots_disallowed);
  EXPECT_EQ(a.nofollow, b.nofollow);
  EXPECT_EQ(a.from_sitemaps, b.from_sitemaps);
  EXPECT_EQ(a.retries, b.retries);
  EXPECT_EQ(a.limited, b.limited);
  EXPECT_EQ(a.quarantined, b.quarantined);
}

TEST(CrawlStats, SaveThenRestoreGivesTheSameCounters) {
  const CrawlStats before = Busy();
  CrawlStats after;
  ASSERT_TRUE(after.Restore(before.Save()));
  const Summary a = before.Finish(0, false);
  const Summary b = after.Finish(4, true);
  ExpectSameCounters(b, a);
  // The values themselves, so that a counter both sides lose is caught too.
  EXPECT_EQ(b.pages, 6u);
  EXPECT_EQ(b.by_status, (std::map<int, std::uint64_t>{{0, 3}, {200, 2}, {404, 1}}));
  EXPECT_EQ(b.errors_by_kind, (std::map<std::string, std::uint64_t>{{"dns", 1}, {"timeout", 2}}));
  EXPECT_EQ(b.bytes, 330u);
  EXPECT_EQ(b.discovered, 7u);
  EXPECT_EQ(b.out_of_scope, 11u);
  EXPECT_EQ(b.robots_disallowed, 13u);
  EXPECT_EQ(b.nofollow, 17u);
  EXPECT_EQ(b.from_sitemaps, 2u);
  EXPECT_EQ(b.retries, 5u);
  EXPECT_EQ(b.limited, (std::map<std::string, std::uint64_t>{{"redirects", 1}, {"url_length", 3}}));
  EXPECT_EQ(b.quarantined, 1u);
  EXPECT_EQ(b.left_in_queue, 4u);
  EXPECT_TRUE(b.stopped);

  EXPECT_EQ(after.pages(), 6u);
  EXPECT_EQ(after.errors(), 3u);
  EXPECT_EQ(after.Save(), before.Save());
}

TEST(CrawlStats, RestoredPagesCountAsResumed) {
  CrawlStats fresh;
  EXPECT_EQ(fresh.Finish(0, false).resumed_pages, 0u);
  CrawlStats after;
  ASSERT_TRUE(after.Restore(Busy().Save()));
  EXPECT_EQ(after.Finish(0, false).resumed_pages, 6u);
  after.Count(WithStatus(200, 1));
  const Summary s = after.Finish(0, false);
  EXPECT_EQ(s.pages, 7u);
  EXPECT_EQ(s.resumed_pages, 6u);
  EXPECT_EQ(s.by_status.at(200), 3u);
}

TEST(CrawlStats, PagesPerSecondCountsOnlyThisRunsPages) {
  CrawlStats after;
  ASSERT_TRUE(after.Restore(Busy().Save()));
  const Summary none = after.Finish(0, false);
  EXPECT_EQ(none.pages_per_s, 0) << "no page of this run yet";
  for (int i = 0; i < 5; ++i) after.Count(WithStatus(200, 1));
  const Summary s = after.Finish(0, false);
  ASSERT_GT(s.elapsed_s, 0);
  EXPECT_NEAR(s.pages_per_s * s.elapsed_s, 5.0, 1e-6);

  const Progress p = after.Snapshot(0, 0);  // the progress line goes on from the restored counters
  EXPECT_EQ(p.pages, 11u);
  EXPECT_EQ(p.errors, 3u);
  EXPECT_EQ(p.bytes, 335u);
  EXPECT_EQ(p.retries, 5u);
}

TEST(CrawlStats, SaveIsAJsonObject) {
  const auto j = nlohmann::json::parse(Busy().Save(), nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["pages"], 6);
  EXPECT_EQ(j["by_status"]["404"], 1);
}

// Restore of `text` fails and leaves a CrawlStats with one page as it was.
void ExpectRefused(const std::string& text) {
  CrawlStats stats;
  stats.Count(WithStatus(200, 9));
  stats.CountDiscovered();
  const std::string saved = stats.Save();
  EXPECT_FALSE(stats.Restore(text)) << text;
  EXPECT_EQ(stats.Save(), saved) << text;
  EXPECT_EQ(stats.pages(), 1u) << text;
  EXPECT_EQ(stats.errors(), 0u) << text;
  EXPECT_EQ(stats.Finish(0, false).resumed_pages, 0u) << text;
}

TEST(CrawlStats, RestoreRejectsWhatSaveDidNotWriteAndChangesNothing) {
  for (const char* text : {"", "[]", "{\"pages\":\"x\"}", "not json", "{}", "null", "42", "{\"pages\":1"}) {
    ExpectRefused(text);
  }
}

TEST(CrawlStats, RestoreRejectsAnObjectMissingAnyKey) {
  const nlohmann::json full = nlohmann::json::parse(Busy().Save());
  ASSERT_EQ(full.size(), 13u);
  for (const auto& [key, value] : full.items()) {
    nlohmann::json missing = full;
    missing.erase(key);
    ExpectRefused(missing.dump());
  }
}

TEST(CrawlStats, RestoreRejectsValuesOfTheWrongType) {
  const nlohmann::json full = nlohmann::json::parse(Busy().Save());
  for (const char* key : {"pages", "errors", "bytes", "discovered", "quarantined"}) {
    nlohmann::json wrong = full;
    wrong[key] = "1";
    ExpectRefused(wrong.dump());
    wrong[key] = nlohmann::json::array();
    ExpectRefused(wrong.dump());
  }
  nlohmann::json wrong = full;
  wrong["by_status"] = {{"two hundred", 1}};
  ExpectRefused(wrong.dump());
  wrong["by_status"] = {{"200", "one"}};
  ExpectRefused(wrong.dump());
  wrong["by_status"] = {{"99999999999", 1}};  // past int
  ExpectRefused(wrong.dump());
  wrong = full;
  wrong["limited"] = {{"url_length", "3"}};
  ExpectRefused(wrong.dump());
  wrong = full;
  wrong["errors_by_kind"] = "timeout";
  ExpectRefused(wrong.dump());
}

// Fails: Restore reads each counter with json's get<std::uint64_t>(), which converts a negative number or a
// fraction by a cast instead of throwing, so "-1" is restored as 18446744073709551615
// (src/coordinator/crawl_stats.cc, Restore). Save never writes such values, and crawl_stats.h says Restore
// fails on text Save did not write. Run with --gtest_also_run_disabled_tests.
TEST(CrawlStats, RestoreRejectsNegativeAndFractionalCounters) {
  const nlohmann::json full = nlohmann::json::parse(Busy().Save());
  for (const char* key : {"pages", "errors", "bytes", "discovered", "quarantined"}) {
    for (const nlohmann::json& bad : {nlohmann::json(-1), nlohmann::json(1.5)}) {
      nlohmann::json wrong = full;
      wrong[key] = bad;
      ExpectRefused(wrong.dump());
    }
  }
  nlohmann::json wrong = full;
  wrong["by_status"] = {{"200", -1}};
  ExpectRefused(wrong.dump());
  wrong["by_status"] = {{"200abc", 1}};  // std::stoi stops at the first non-digit
  ExpectRefused(wrong.dump());
}

}  // namespace
}  // namespace arachne
