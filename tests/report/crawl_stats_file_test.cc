// Reading output/<name>.stats.json (docs/stats-json.md): the documented example, the samples, and a
// clear refusal of each kind of bad file.
#include "report/crawl_stats_file.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

namespace arachne::report {
namespace {

using nlohmann::json;

// The example of docs/stats-json.md, as written there.
constexpr char kDocumentedExample[] = R"({
  "format": "arachne-stats/1",
  "name": "demo",
  "state": "running",
  "started_at": "2026-12-01T21:33:00Z",
  "updated_at": "2026-12-01T21:33:12Z",
  "elapsed_s": 12.04,
  "totals": {
    "pages": 1203, "errors": 4, "bytes": 31457280, "queued": 310, "in_flight": 64,
    "discovered": 1577, "retries": 3, "restarts": 0, "out_of_scope": 812, "robots_disallowed": 7
  },
  "by_status": {"0": 4, "200": 1150, "404": 49},
  "by_error": {"timeout": 3, "dns": 1},
  "by_content_type": {"text/html": 1100, "image/png": 60, "application/pdf": 43},
  "by_depth": {"0": 1, "1": 38, "2": 410, "3": 754},
  "by_host": [
    {"host": "http://127.0.0.1:8080", "pages": 1203, "errors": 4, "bytes": 31457280}
  ],
  "timings": {
    "fetch_ms": {"count": 1199, "mean": 4.1, "p50": 2.9, "p90": 8.0, "p99": 21.5, "max": 88.1}
  },
  "throughput": [{"t": 0, "pages": 0}, {"t": 1, "pages": 95}, {"t": 2, "pages": 230}],
  "slowest": [{"url": "http://127.0.0.1:8080/slow/1.html", "fetch_ms": 88.1, "status": 200}],
  "processes": [
    {"name": "fetcher 0", "role": "fetcher", "pid": 4242, "started_s": 0.01, "ended_s": null,
     "busy": [[0.02, 3.50], [3.61, 12.00]]},
    {"name": "parser 0", "role": "parser", "pid": 4243, "started_s": 0.01, "ended_s": null,
     "busy": [[0.05, 0.31], [0.40, 0.92]]}
  ]
})";

const std::string kSamples = ARACHNE_TEST_DATA_DIR "/report/";

// The error message of parsing `text`; fails the test when it parses.
std::string ErrorOf(const std::string& text) {
  Result<CrawlStatsFile> stats = ParseCrawlStats(text, "x.stats.json");
  EXPECT_FALSE(stats.ok()) << "parsed: " << text;
  if (stats.ok()) return "";
  EXPECT_EQ(stats.status().code(), Status::Code::kInvalidArgument);
  return stats.status().message();
}

// The documented example with one change made by `edit`.
std::string Edited(const std::function<void(json&)>& edit) {
  json root = json::parse(kDocumentedExample);
  edit(root);
  return root.dump();
}

TEST(CrawlStatsFile, ReadsTheDocumentedExample) {
  Result<CrawlStatsFile> stats = ParseCrawlStats(kDocumentedExample, "demo.stats.json");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->name, "demo");
  EXPECT_EQ(stats->state, "running");
  EXPECT_EQ(stats->started_at, "2026-12-01T21:33:00Z");
  EXPECT_EQ(stats->updated_at, "2026-12-01T21:33:12Z");
  EXPECT_DOUBLE_EQ(stats->elapsed_s, 12.04);
  EXPECT_EQ(stats->totals.pages, 1203u);
  EXPECT_EQ(stats->totals.bytes, 31457280u);
  EXPECT_EQ(stats->totals.in_flight, 64u);
  EXPECT_EQ(stats->totals.robots_disallowed, 7u);
  EXPECT_EQ(stats->by_status, (std::map<int, std::uint64_t>{{0, 4}, {200, 1150}, {404, 49}}));
  EXPECT_EQ(stats->by_error, (std::map<std::string, std::uint64_t>{{"dns", 1}, {"timeout", 3}}));
  EXPECT_EQ(stats->by_content_type.at("application/pdf"), 43u);
  EXPECT_EQ(stats->by_depth, (std::map<int, std::uint64_t>{{0, 1}, {1, 38}, {2, 410}, {3, 754}}));
  ASSERT_EQ(stats->by_host.size(), 1u);
  EXPECT_EQ(stats->by_host[0].host, "http://127.0.0.1:8080");
  EXPECT_EQ(stats->by_host[0].errors, 4u);
  EXPECT_EQ(stats->fetch_ms.count, 1199u);
  EXPECT_DOUBLE_EQ(stats->fetch_ms.p99, 21.5);
  EXPECT_DOUBLE_EQ(stats->fetch_ms.max, 88.1);
  ASSERT_EQ(stats->throughput.size(), 3u);
  EXPECT_DOUBLE_EQ(stats->throughput[2].t, 2);
  EXPECT_EQ(stats->throughput[2].pages, 230u);
  ASSERT_EQ(stats->slowest.size(), 1u);
  EXPECT_EQ(stats->slowest[0].url, "http://127.0.0.1:8080/slow/1.html");
  EXPECT_EQ(stats->slowest[0].status, 200);
  ASSERT_EQ(stats->processes.size(), 2u);
  const ProcessActivity& fetcher = stats->processes[0];
  EXPECT_EQ(fetcher.name, "fetcher 0");
  EXPECT_EQ(fetcher.role, "fetcher");
  EXPECT_EQ(fetcher.pid, 4242);
  EXPECT_DOUBLE_EQ(fetcher.started_s, 0.01);
  EXPECT_FALSE(fetcher.ended_s.has_value());
  ASSERT_EQ(fetcher.busy.size(), 2u);
  EXPECT_DOUBLE_EQ(fetcher.busy[1].start_s, 3.61);
  EXPECT_DOUBLE_EQ(fetcher.busy[1].end_s, 12.0);
}

TEST(CrawlStatsFile, ReadsTheSamples) {
  Result<CrawlStatsFile> demo = ReadCrawlStatsFile(kSamples + "demo.stats.json");
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  EXPECT_EQ(demo->state, "finished");
  ASSERT_EQ(demo->processes.size(), 5u);
  EXPECT_EQ(demo->processes[3].name, "parser 1");
  ASSERT_TRUE(demo->processes[3].ended_s.has_value());
  EXPECT_DOUBLE_EQ(*demo->processes[3].ended_s, 8.31);
  EXPECT_EQ(demo->by_content_type.at(""), 14u);  // records without a Content-Type

  Result<CrawlStatsFile> empty = ReadCrawlStatsFile(kSamples + "empty.stats.json");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(empty->totals.pages, 0u);
  EXPECT_TRUE(empty->processes.empty());
  EXPECT_EQ(empty->fetch_ms.p50, 0);  // null: no fetch, no percentile
}

TEST(CrawlStatsFile, RefusesTextThatIsNotJson) {
  const std::string error = ErrorOf("{\"format\": \"arachne-stats/1\",\n  \"name\": oops}");
  EXPECT_EQ(error.rfind("x.stats.json: not JSON: ", 0), 0u) << error;
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
  EXPECT_EQ(error.find("json.exception"), std::string::npos) << error;
  EXPECT_EQ(ErrorOf(""), "x.stats.json: not JSON: the file is empty");
  EXPECT_EQ(ErrorOf(" \n"), "x.stats.json: not JSON: the file is empty");
  // A file cut short, as a reader racing a writer without the rename would see it.
  EXPECT_NE(ErrorOf(std::string(kDocumentedExample).substr(0, 300)).find("not JSON"), std::string::npos);
}

TEST(CrawlStatsFile, RefusesAnotherFormat) {
  EXPECT_EQ(ErrorOf("[1, 2]"), "x.stats.json: not a stats file: expected a JSON object, found an array");
  EXPECT_EQ(ErrorOf(R"({"name": "x"})"),
            "x.stats.json: not a stats file: no \"format\" key (expected \"arachne-stats/1\")");
  const std::string newer = ErrorOf(Edited([](json& j) { j["format"] = "arachne-stats/2"; }));
  EXPECT_NE(newer.find("format \"arachne-stats/2\" is not \"arachne-stats/1\""), std::string::npos) << newer;
  EXPECT_NE(ErrorOf(Edited([](json& j) { j["format"] = 1; })).find("format 1 is not"), std::string::npos);
}

TEST(CrawlStatsFile, NamesEachMissingKey) {
  for (const char* key :
       {"name", "state", "started_at", "updated_at", "elapsed_s", "totals", "by_status", "by_error",
        "by_content_type", "by_depth", "by_host", "timings", "throughput", "slowest", "processes"}) {
    EXPECT_EQ(ErrorOf(Edited([key](json& j) { j.erase(key); })),
              std::string("x.stats.json: missing key \"") + key + "\"");
  }
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["totals"].erase("discovered"); })),
            "x.stats.json: missing key \"totals.discovered\"");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["timings"]["fetch_ms"].erase("p90"); })),
            "x.stats.json: missing key \"timings.fetch_ms.p90\"");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["processes"][1].erase("busy"); })),
            "x.stats.json: missing key \"processes[1].busy\"");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["slowest"][0].erase("url"); })),
            "x.stats.json: missing key \"slowest[0].url\"");
}

TEST(CrawlStatsFile, NamesTheKeyOfAWrongValue) {
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["totals"]["pages"] = -1; })),
            "x.stats.json: key \"totals.pages\": expected a whole number >= 0, found -1");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["totals"]["pages"] = 1.5; })),
            "x.stats.json: key \"totals.pages\": expected a whole number >= 0, found 1.5");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["elapsed_s"] = "12"; })),
            "x.stats.json: key \"elapsed_s\": expected a number >= 0, found a string");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["name"] = nullptr; })),
            "x.stats.json: key \"name\": expected a string, found a null");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["by_status"]["abc"] = 1; })),
            "x.stats.json: key \"by_status.abc\": expected a key from 0 to 999");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["by_status"]["1000"] = 1; })),
            "x.stats.json: key \"by_status.1000\": expected a key from 0 to 999");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["by_error"]["dns"] = "1"; })),
            "x.stats.json: key \"by_error.dns\": expected a whole number >= 0, found a string");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["processes"][1]["pid"] = "4243"; })),
            "x.stats.json: key \"processes[1].pid\": expected an integer, found a string");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["processes"][0]["ended_s"] = -1; })),
            "x.stats.json: key \"processes[0].ended_s\": expected a number >= 0, found -1");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["throughput"] = json::object(); })),
            "x.stats.json: key \"throughput\": expected an array, found an object");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["slowest"][0]["status"] = 1000; })),
            "x.stats.json: key \"slowest[0].status\": expected an HTTP status from 0 to 999");
}

TEST(CrawlStatsFile, RefusesMalformedBusySpans) {
  EXPECT_EQ(ErrorOf(Edited([](json& j) {
              j["processes"][0]["busy"][1] = {5, 4};
            })),
            "x.stats.json: key \"processes[0].busy[1]\": the span ends before it starts: [5,4]");
  EXPECT_EQ(ErrorOf(Edited([](json& j) { j["processes"][0]["busy"][0] = {5}; })),
            "x.stats.json: key \"processes[0].busy[0]\": expected [start, end] in seconds, found [5]");
  EXPECT_EQ(ErrorOf(Edited([](json& j) {
              j["processes"][0]["busy"][0] = {1, "2"};
            })),
            "x.stats.json: key \"processes[0].busy[0][1]\": expected a number >= 0, found a string");
}

TEST(CrawlStatsFile, RefusesNumbersTooLargeForADouble) {
  // JSON has no infinity; a number beyond a double's range is refused as the parser reads it.
  std::string text = kDocumentedExample;
  text.replace(text.find("12.04"), 5, "1e999");
  EXPECT_EQ(ErrorOf(text), "x.stats.json: not JSON: number overflow parsing '1e999'");
}

TEST(CrawlStatsFile, ReadingAMissingFileOrAFolderSaysSo) {
  test::TempDir dir;
  Result<CrawlStatsFile> missing = ReadCrawlStatsFile(dir.File("none.stats.json"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.status().message(),
            dir.File("none.stats.json") + ": cannot read: No such file or directory");
  Result<CrawlStatsFile> folder = ReadCrawlStatsFile(dir.path());
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().code(), Status::Code::kIoError);
  EXPECT_NE(folder.status().message().find(dir.path() + ": cannot read: Is a directory"), std::string::npos);
}

}  // namespace
}  // namespace arachne::report
