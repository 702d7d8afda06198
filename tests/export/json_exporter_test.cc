#include "export/json_exporter.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "tricky_record.h"

namespace arachne {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::TrickyRecord;

TEST(JsonExporter, NoRecordsGiveAnEmptyArray) {
  TempDir dir;
  auto exporter = OpenJsonExporter(dir.File("c.json"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  const auto j = nlohmann::json::parse(ReadFile(dir.File("c.json")));
  EXPECT_TRUE(j.is_array());
  EXPECT_TRUE(j.empty());
}

TEST(JsonExporter, RecordsRoundTrip) {
  TempDir dir;
  auto exporter = OpenJsonExporter(dir.File("c.json"));
  ASSERT_TRUE(exporter.ok());
  Record second;
  second.url = "http://127.0.0.1/\xE2\x82\xAC";
  second.status = 200;
  second.fetch_ms = 0.06;
  ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  ASSERT_TRUE((*exporter)->Write(second).ok());
  ASSERT_TRUE((*exporter)->Close().ok());

  const std::string text = ReadFile(dir.File("c.json"));
  EXPECT_TRUE(IsValidUtf8(text));
  const auto j = nlohmann::json::parse(text);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["title"], TrickyRecord().title);
  EXPECT_EQ(j[0]["description"], TrickyRecord().description);
  EXPECT_EQ(j[0]["error"], testing::kTrickyErrorSanitized);
  EXPECT_EQ(j[0]["bytes"].get<std::uint64_t>(), TrickyRecord().bytes);
  EXPECT_EQ(j[1]["url"], second.url);
  EXPECT_EQ(j[1]["status"], 200);
  EXPECT_DOUBLE_EQ(j[1]["fetch_ms"].get<double>(), 0.1);
}

TEST(JsonExporter, FlushShowsProgressAndCloseCompletesTheArray) {
  TempDir dir;
  auto exporter = OpenJsonExporter(dir.File("c.json"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  ASSERT_TRUE((*exporter)->Flush().ok());
  const std::string partial = ReadFile(dir.File("c.json"));
  EXPECT_EQ(partial.rfind("[\n{\"url\":", 0), 0u) << partial;
  EXPECT_FALSE(nlohmann::json::accept(partial)) << "the array is closed only by Close";
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_TRUE(nlohmann::json::accept(ReadFile(dir.File("c.json"))));
}

TEST(JsonExporter, DestroyingWithoutCloseStillGivesValidJson) {
  TempDir dir;
  {
    auto exporter = OpenJsonExporter(dir.File("c.json"));
    ASSERT_TRUE(exporter.ok());
    ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  }
  EXPECT_EQ(nlohmann::json::parse(ReadFile(dir.File("c.json"))).size(), 1u);
}

TEST(JsonExporter, CloseTwiceDoesNotAddASecondBracket) {
  TempDir dir;
  auto exporter = OpenJsonExporter(dir.File("c.json"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_EQ(ReadFile(dir.File("c.json")), "[\n]\n");
}

TEST(JsonExporter, DiskFullIsReported) {
  auto exporter = OpenJsonExporter("/dev/full");
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  EXPECT_EQ((*exporter)->Flush().code(), Status::Code::kIoError);
  EXPECT_EQ((*exporter)->Close().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace arachne
