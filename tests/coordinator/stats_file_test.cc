#include "coordinator/stats_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

namespace arachne {
namespace {

TEST(StatsJson, HasEveryKeyOfTheDocumentedFormat) {
  Progress progress;
  progress.pages = 3;
  progress.errors = 1;
  progress.queued = 7;
  progress.by_status = {{0, 1}, {200, 2}};
  progress.errors_by_kind = {{"timeout", 1}};
  Summary summary;
  summary.out_of_scope = 4;
  CrawlBreakdown breakdown;
  ProcessTimeline fetcher("fetcher 1", "fetcher", 10, 0.1);
  fetcher.Busy(0.2, 0.9);
  ProcessTimeline parser("parser 1", "parser", 11, 0.1);
  parser.End(1.5);
  StatsSnapshot snapshot{"site", "finished", 1764624780, 1764624790, 10.5, &progress, &summary, &breakdown,
                         {&fetcher, &parser}};
  const nlohmann::json j = nlohmann::json::parse(StatsJson(snapshot));
  for (const char* key : {"format", "name", "state", "started_at", "updated_at", "elapsed_s", "totals", "by_status",
                          "by_error", "by_content_type", "by_depth", "by_host", "timings", "throughput", "slowest",
                          "processes"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["format"], "arachne-stats/1");
  EXPECT_EQ(j["started_at"], "2025-12-01T21:33:00Z");
  EXPECT_EQ(j["updated_at"], "2025-12-01T21:33:10Z");
  EXPECT_EQ(j["totals"]["out_of_scope"], 4);
  EXPECT_EQ(j["totals"]["queued"], 7);
  EXPECT_EQ(j["by_status"], (nlohmann::json{{"0", 1}, {"200", 2}}));
  EXPECT_EQ(j["by_error"]["timeout"], 1);
  ASSERT_EQ(j["processes"].size(), 2u);
  EXPECT_EQ(j["processes"][0]["busy"], nlohmann::json::parse("[[0.2, 0.9]]"));
  EXPECT_TRUE(j["processes"][0]["ended_s"].is_null());
  EXPECT_EQ(j["processes"][1]["ended_s"], 1.5);
}

}  // namespace
}  // namespace arachne
