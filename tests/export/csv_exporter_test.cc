#include "export/csv_exporter.h"

#include <gtest/gtest.h>

#include "common/utf8.h"
#include "csv_reader.h"
#include "tricky_record.h"

namespace arachne {
namespace {

using testing::ParseCsv;
using testing::ReadFile;
using testing::TempDir;
using testing::TrickyRecord;

using Row = testing::CsvRow;

const Row kHeader = {"url",     "final_url", "redirects", "status",      "depth",     "referrer",
                     "content_type", "bytes", "truncated", "charset", "fetch_ms", "retries",
                     "title",   "description", "canonical", "robots", "links",     "error"};

TEST(CsvReader, RejectsMalformedInput) {
  EXPECT_FALSE(ParseCsv("a,\"b\r\n").has_value());
  EXPECT_FALSE(ParseCsv("a,b\n").has_value());
  EXPECT_FALSE(ParseCsv("a,b\"c\r\n").has_value());
  EXPECT_TRUE(ParseCsv("a,\"b\"\"\r\n\"\r\n").has_value());
}

TEST(CsvExporter, NoRecordsGiveTheHeaderOnly) {
  TempDir dir;
  auto exporter = OpenCsvExporter(dir.File("c.csv"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_EQ(
      ReadFile(dir.File("c.csv")),
      "url,final_url,redirects,status,depth,referrer,content_type,bytes,truncated,charset,fetch_ms,retries,"
      "title,description,canonical,robots,links,error\r\n");
}

TEST(CsvExporter, TrickyValuesRoundTrip) {
  TempDir dir;
  auto exporter = OpenCsvExporter(dir.File("c.csv"));
  ASSERT_TRUE(exporter.ok());
  const Record r = TrickyRecord();
  ASSERT_TRUE((*exporter)->Write(r).ok());
  Record empty;
  empty.fetch_ms = std::numeric_limits<double>::infinity();
  ASSERT_TRUE((*exporter)->Write(empty).ok());
  ASSERT_TRUE((*exporter)->Close().ok());

  const std::string text = ReadFile(dir.File("c.csv"));
  EXPECT_TRUE(IsValidUtf8(text));
  const auto rows = ParseCsv(text);
  ASSERT_TRUE(rows.has_value()) << text;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0], kHeader);
  EXPECT_EQ((*rows)[1],
            (Row{r.url, r.final_url, r.redirects[0] + " " + r.redirects[1], "404", "3", r.referrer,
                 r.content_type, "18446744073709551615", "true", "windows-1252", "12.3", "2", r.title,
                 r.description, r.canonical, r.robots, "42", testing::kTrickyErrorSanitized}));
  EXPECT_EQ((*rows)[2],
            (Row{"", "", "", "0", "0", "", "", "0", "false", "", "", "0", "", "", "", "", "0", ""}));
}

TEST(CsvExporter, QuotesOnlyWhatNeedsQuoting) {
  TempDir dir;
  auto exporter = OpenCsvExporter(dir.File("c.csv"));
  ASSERT_TRUE(exporter.ok());
  Record r;
  r.url = "http://127.0.0.1/plain";
  r.title = "say \"hi\"";
  r.description = "a,b";
  r.canonical = "cr\ronly";
  r.error = "lf\nonly";
  r.fetch_ms = 7;
  ASSERT_TRUE((*exporter)->Write(r).ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  const std::string text = ReadFile(dir.File("c.csv"));
  const std::string row = text.substr(text.find("\r\n") + 2);
  EXPECT_EQ(row,
            "http://127.0.0.1/plain,,,0,0,,,0,false,,7,0,\"say \"\"hi\"\"\",\"a,b\",\"cr\ronly\",,0,"
            "\"lf\nonly\"\r\n");
}

TEST(CsvExporter, HeaderIsWrittenBeforeAnyRecord) {
  TempDir dir;
  auto exporter = OpenCsvExporter(dir.File("c.csv"));
  ASSERT_TRUE(exporter.ok());
  ASSERT_TRUE((*exporter)->Flush().ok());
  EXPECT_EQ(ReadFile(dir.File("c.csv")).rfind("url,final_url,", 0), 0u);
}

TEST(CsvExporter, ManyRecordsRoundTrip) {
  TempDir dir;
  auto exporter = OpenCsvExporter(dir.File("c.csv"));
  ASSERT_TRUE(exporter.ok());
  for (int i = 0; i < 3000; ++i) ASSERT_TRUE((*exporter)->Write(TrickyRecord()).ok());
  ASSERT_TRUE((*exporter)->Close().ok());
  const auto rows = ParseCsv(ReadFile(dir.File("c.csv")));
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(rows->size(), 3001u);
}

TEST(CsvExporter, DiskFullIsReported) {
  auto exporter = OpenCsvExporter("/dev/full");
  ASSERT_TRUE(exporter.ok());
  const Status closed = (*exporter)->Close();
  EXPECT_EQ(closed.code(), Status::Code::kIoError);
  EXPECT_NE(closed.message().find("No space left"), std::string::npos) << closed.message();
}

}  // namespace
}  // namespace arachne
