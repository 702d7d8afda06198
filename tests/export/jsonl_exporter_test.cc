#include "export/jsonl_exporter.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "tricky_record.h"

namespace arachne {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::TrickyRecord;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    EXPECT_NE(end, std::string::npos) << "the last line has no newline";
    if (end == std::string::npos) break;
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TEST(JsonlExporter, TrickyValuesRoundTrip) {
  TempDir dir;
  auto exporter = OpenJsonlExporter(dir.File("c.jsonl"));
  ASSERT_TRUE(exporter.ok()) << exporter.status().ToString();
  const Record r = TrickyRecord();
  ASSERT_TRUE((*exporter)->Write(r).ok());
  Record plain;
  plain.url = "http://127.0.0.1/";
  ASSERT_TRUE((*exporter)->Write(plain).ok());
  ASSERT_TRUE((*exporter)->Close().ok());

  const std::string text = ReadFile(dir.File("c.jsonl"));
  EXPECT_TRUE(IsValidUtf8(text));
  const std::vector<std::string> lines = Lines(text);
  ASSERT_EQ(lines.size(), 2u);
  const auto j = nlohmann::json::parse(lines[0]);  // throws, failing the test, on invalid JSON or UTF-8
  EXPECT_EQ(j["url"], r.url);
  EXPECT_EQ(j["final_url"], r.final_url);
  EXPECT_EQ(j["redirects"], r.redirects);
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["depth"], 3);
  EXPECT_EQ(j["referrer"], r.referrer);
  EXPECT_EQ(j["content_type"], r.content_type);
  EXPECT_EQ(j["bytes"].get<std::uint64_t>(), r.bytes);
  EXPECT_EQ(j["truncated"], true);
  EXPECT_EQ(j["charset"], "windows-1252");
  EXPECT_EQ(j["retries"], 2);
  EXPECT_EQ(j["robots"], r.robots);
  EXPECT_TRUE(j["fetch_ms"].is_number());
  EXPECT_DOUBLE_EQ(j["fetch_ms"].get<double>(), 12.3);
  EXPECT_EQ(j["title"], r.title);
  EXPECT_EQ(j["description"], r.description);
  EXPECT_EQ(j["canonical"], r.canonical);
  EXPECT_EQ(j["links"], 42);
  EXPECT_EQ(j["error"], testing::kTrickyErrorSanitized);

  const auto p = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(p["url"], plain.url);
  EXPECT_EQ(p["title"], "");
  EXPECT_EQ(p["fetch_ms"], 0);
  EXPECT_TRUE(p["redirects"].is_array());
  EXPECT_TRUE(p["redirects"].empty());
  EXPECT_EQ(p["truncated"], false);
}

TEST(JsonlExporter, KeysComeInTheDocumentedOrder) {
  TempDir dir;
  auto exporter = OpenJsonlExporter(dir.File("c.jsonl"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  const auto j = nlohmann::ordered_json::parse(ReadFile(dir.File("c.jsonl")));
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"url", "final_url", "redirects", "status", "depth", "referrer",
                                            "content_type", "bytes", "truncated", "charset", "fetch_ms",
                                            "retries", "title", "description", "canonical", "robots", "links",
                                            "error"}));
}

TEST(JsonlExporter, NoRecordsGiveAnEmptyFile) {
  TempDir dir;
  auto exporter = OpenJsonlExporter(dir.File("c.jsonl"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_EQ(ReadFile(dir.File("c.jsonl")), "");
}

TEST(JsonlExporter, WritesAreBufferedUntilFlush) {
  TempDir dir;
  auto exporter = OpenJsonlExporter(dir.File("c.jsonl"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  EXPECT_EQ(ReadFile(dir.File("c.jsonl")), "") << "a record was written without buffering";
  ASSERT_TRUE((*exporter)->Flush().ok());
  EXPECT_EQ(Lines(ReadFile(dir.File("c.jsonl"))).size(), 1u);
  ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_EQ(Lines(ReadFile(dir.File("c.jsonl"))).size(), 2u);
}

TEST(JsonlExporter, AFullBufferIsWrittenWithoutFlush) {
  TempDir dir;
  auto exporter = OpenJsonlExporter(dir.File("c.jsonl"));
  ASSERT_TRUE(exporter.ok());
  for (int i = 0; i < 2000; ++i) ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  EXPECT_GT(ReadFile(dir.File("c.jsonl")).size(), 0u);
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_EQ(Lines(ReadFile(dir.File("c.jsonl"))).size(), 2000u);
}

TEST(JsonlExporter, NotANumberFetchTimeIsNull) {
  TempDir dir;
  auto exporter = OpenJsonlExporter(dir.File("c.jsonl"));
  ASSERT_TRUE(exporter.ok());
  Record r;
  r.fetch_ms = std::numeric_limits<double>::quiet_NaN();
  ASSERT_TRUE((*exporter)->Write(r).ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_TRUE(nlohmann::json::parse(ReadFile(dir.File("c.jsonl")))["fetch_ms"].is_null());
}

TEST(JsonlExporter, DiskFullIsReportedByClose) {
  auto exporter = OpenJsonlExporter("/dev/full");
  ASSERT_TRUE(exporter.ok()) << exporter.status().ToString();
  EXPECT_TRUE((*exporter)->Write(TrickyRecord()).ok());  // still in the buffer
  const Status closed = (*exporter)->Close();
  EXPECT_EQ(closed.code(), Status::Code::kIoError);
  EXPECT_NE(closed.message().find("/dev/full"), std::string::npos) << closed.message();
  EXPECT_NE(closed.message().find("No space left"), std::string::npos) << closed.message();
  EXPECT_EQ((*exporter)->Close().code(), Status::Code::kIoError) << "Close must keep reporting the failure";
}

TEST(JsonlExporter, DiskFullStopsLaterWrites) {
  auto exporter = OpenJsonlExporter("/dev/full");
  ASSERT_TRUE(exporter.ok());
  Status status;
  int writes = 0;
  while (status.ok() && writes < 100000) {
    status = (*exporter)->Write(TrickyRecord());
    ++writes;
  }
  EXPECT_EQ(status.code(), Status::Code::kIoError);
  EXPECT_EQ((*exporter)->Write(TrickyRecord()).code(), Status::Code::kIoError);
  EXPECT_EQ((*exporter)->Flush().code(), Status::Code::kIoError);
}

TEST(JsonlExporter, WriteAfterCloseFails) {
  TempDir dir;
  auto exporter = OpenJsonlExporter(dir.File("c.jsonl"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_FALSE((*exporter)->Write(TrickyRecord()).ok());
  EXPECT_TRUE((*exporter)->Close().ok());
  EXPECT_EQ((*exporter)->path(), dir.File("c.jsonl"));
}

TEST(JsonlExporter, DestroyingWithoutCloseKeepsTheRecords) {
  TempDir dir;
  {
    auto exporter = OpenJsonlExporter(dir.File("c.jsonl"));
    ASSERT_TRUE(exporter.ok());
    ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  }
  EXPECT_EQ(Lines(ReadFile(dir.File("c.jsonl"))).size(), 1u);
}

TEST(JsonlExporter, UnopenablePathFails) {
  TempDir dir;
  auto exporter = OpenJsonlExporter(dir.File("missing/c.jsonl"));
  ASSERT_FALSE(exporter.ok());
  EXPECT_EQ(exporter.status().code(), Status::Code::kIoError);
  EXPECT_NE(exporter.status().message().find("missing/c.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace arachne
