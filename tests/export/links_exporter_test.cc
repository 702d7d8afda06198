#include "export/links_exporter.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "export/exporters.h"
#include "support/value_or_fail.h"
#include "tricky_record.h"

namespace arachne {
namespace {

using test::ValueOrFail;
using testing::ReadFile;
using testing::TempDir;
using testing::TrickyRecord;

constexpr char kHeader[] = "from,to\r\n";

std::unique_ptr<Exporter> Open(const std::string& path,
                               std::optional<std::uint64_t> resume_at = std::nullopt) {
  return ValueOrFail(OpenLinksExporter(path, resume_at));
}

TEST(LinksExporter, NoLinksGiveTheHeaderOnly) {
  TempDir dir;
  auto exporter = Open(dir.File("l.csv"));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Close().ok());
  EXPECT_EQ(ReadFile(dir.File("l.csv")), kHeader);
}

TEST(LinksExporter, HeaderIsWrittenBeforeAnyLink) {
  TempDir dir;
  auto exporter = Open(dir.File("l.csv"));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Flush().ok());
  EXPECT_EQ(ReadFile(dir.File("l.csv")), kHeader);
}

TEST(LinksExporter, OneRowPerLinkInOrder) {
  TempDir dir;
  auto exporter = Open(dir.File("l.csv"));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Links("http://127.0.0.1/", {"http://127.0.0.1/a", "http://127.0.0.1/b"}).ok());
  ASSERT_TRUE(exporter->Links("http://127.0.0.1/empty", {}).ok());
  ASSERT_TRUE(exporter->Links("http://127.0.0.1/a", {"http://127.0.0.1/"}).ok());
  ASSERT_TRUE(exporter->Close().ok());
  EXPECT_EQ(ReadFile(dir.File("l.csv")),
            "from,to\r\n"
            "http://127.0.0.1/,http://127.0.0.1/a\r\n"
            "http://127.0.0.1/,http://127.0.0.1/b\r\n"
            "http://127.0.0.1/a,http://127.0.0.1/\r\n");
}

TEST(LinksExporter, UrlsWithCommasAndQuotesAreQuoted) {
  TempDir dir;
  auto exporter = Open(dir.File("l.csv"));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(
      exporter->Links("http://127.0.0.1/a,b", {"http://127.0.0.1/q=\"x\"", "http://127.0.0.1/plain"}).ok());
  ASSERT_TRUE(exporter->Close().ok());
  EXPECT_EQ(ReadFile(dir.File("l.csv")),
            "from,to\r\n"
            "\"http://127.0.0.1/a,b\",\"http://127.0.0.1/q=\"\"x\"\"\"\r\n"
            "\"http://127.0.0.1/a,b\",http://127.0.0.1/plain\r\n");
}

TEST(LinksExporter, IllFormedUtf8IsReplaced) {
  TempDir dir;
  auto exporter = Open(dir.File("l.csv"));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Links("http://127.0.0.1/\xFF", {"http://127.0.0.1/\xC3\x28"}).ok());
  ASSERT_TRUE(exporter->Close().ok());
  const std::string text = ReadFile(dir.File("l.csv"));
  EXPECT_TRUE(IsValidUtf8(text));
  EXPECT_EQ(text, "from,to\r\nhttp://127.0.0.1/\xEF\xBF\xBD,http://127.0.0.1/\xEF\xBF\xBD(\r\n");
}

TEST(LinksExporter, RecordsAndArchivesWriteNothing) {
  TempDir dir;
  auto exporter = Open(dir.File("l.csv"));
  ASSERT_TRUE(exporter);
  EXPECT_TRUE(exporter->Write(TrickyRecord()).ok());
  EXPECT_TRUE(exporter->Archive("WARC/1.1\r\n").ok());
  ASSERT_TRUE(exporter->Close().ok());
  EXPECT_EQ(ReadFile(dir.File("l.csv")), kHeader);
}

// More rows than one buffer holds (BufferedFile::kFlushBytes) are all written, in order.
TEST(LinksExporter, ManyRowsArriveWhole) {
  TempDir dir;
  auto exporter = Open(dir.File("l.csv"));
  ASSERT_TRUE(exporter);
  std::string expected = kHeader;
  for (int page = 0; page < 2000; ++page) {
    const std::string from = "http://127.0.0.1/" + std::to_string(page);
    const std::vector<std::string> to = {from + "/a", from + "/b,c"};
    ASSERT_TRUE(exporter->Links(from, to).ok());
    expected += from + "," + to[0] + "\r\n" + from + ",\"" + to[1] + "\"\r\n";
  }
  ASSERT_GT(expected.size(), 64u * 1024);
  ASSERT_TRUE(exporter->Close().ok());
  EXPECT_TRUE(ReadFile(dir.File("l.csv")) == expected);
}

// A crawl resumed from a checkpoint: what was written after the last Sync is cut, the header stays once.
TEST(LinksExporter, ResumeAtASyncedLengthKeepsTheHeaderOnce) {
  TempDir dir;
  const std::string path = dir.File("l.csv");
  std::uint64_t synced = 0;
  {
    auto exporter = Open(path);
    ASSERT_TRUE(exporter);
    ASSERT_TRUE(exporter->Links("http://127.0.0.1/", {"http://127.0.0.1/1"}).ok());
    synced = ValueOrFail(exporter->Sync());
    ASSERT_TRUE(exporter->Links("http://127.0.0.1/", {"http://127.0.0.1/lost"}).ok());
    ASSERT_TRUE(exporter->Close().ok());
  }
  EXPECT_EQ(synced, std::string("from,to\r\nhttp://127.0.0.1/,http://127.0.0.1/1\r\n").size());
  auto resumed = Open(path, synced);
  ASSERT_TRUE(resumed);
  ASSERT_TRUE(resumed->Links("http://127.0.0.1/1", {"http://127.0.0.1/2"}).ok());
  ASSERT_TRUE(resumed->Close().ok());
  EXPECT_EQ(ReadFile(path),
            "from,to\r\n"
            "http://127.0.0.1/,http://127.0.0.1/1\r\n"
            "http://127.0.0.1/1,http://127.0.0.1/2\r\n");
}

// Sync before any link: the length is the header's, and resuming there writes no second header.
TEST(LinksExporter, ResumeRightAfterTheHeader) {
  TempDir dir;
  const std::string path = dir.File("l.csv");
  std::uint64_t synced = 0;
  {
    auto exporter = Open(path);
    ASSERT_TRUE(exporter);
    synced = ValueOrFail(exporter->Sync());
  }
  EXPECT_EQ(synced, std::string(kHeader).size());
  auto resumed = Open(path, synced);
  ASSERT_TRUE(resumed);
  ASSERT_TRUE(resumed->Links("a", {"b"}).ok());
  ASSERT_TRUE(resumed->Close().ok());
  EXPECT_EQ(ReadFile(path), "from,to\r\na,b\r\n");
}

TEST(LinksExporter, ClosingTwiceGivesTheSameStatusAndLaterCallsFail) {
  TempDir dir;
  auto exporter = Open(dir.File("l.csv"));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Links("a", {"b"}).ok());
  EXPECT_TRUE(exporter->Close().ok());
  EXPECT_TRUE(exporter->Close().ok());
  EXPECT_EQ(exporter->Links("a", {"c"}).code(), Status::Code::kIoError);
  EXPECT_EQ(exporter->Write(Record{}).code(), Status::Code::kIoError);
  EXPECT_EQ(ReadFile(dir.File("l.csv")), "from,to\r\na,b\r\n");
}

TEST(LinksExporter, DiskFullIsReportedByEveryClose) {
  auto exporter = Open("/dev/full");
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Links("a", {"b"}).ok());  // buffered
  const Status closed = exporter->Close();
  EXPECT_EQ(closed.code(), Status::Code::kIoError);
  EXPECT_NE(closed.message().find("No space left"), std::string::npos) << closed.message();
  EXPECT_EQ(exporter->Close().ToString(), closed.ToString());
}

TEST(LinksExporter, OpenExportersNamesItLinksCsv) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"links"};
  EXPECT_EQ(ExportPaths(output, "site"), std::vector<std::string>{dir.File("site.links.csv")});
  auto exporters = ValueOrFail(OpenExporters(output, "site"));
  ASSERT_EQ(exporters.size(), 1u);
  EXPECT_EQ(exporters[0]->path(), dir.File("site.links.csv"));
  ASSERT_TRUE(exporters[0]->Links("a", {"b"}).ok());
  ASSERT_TRUE(exporters[0]->Close().ok());
  EXPECT_EQ(ReadFile(dir.File("site.links.csv")), "from,to\r\na,b\r\n");
}

TEST(LinksExporter, OpenExportersResumesItAtItsLength) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"links"};
  const std::string path = dir.Write("site.links.csv", "from,to\r\na,b\r\nhalf,a ro");
  auto exporters = ValueOrFail(OpenExporters(output, "site", {{path, 14}}));
  ASSERT_EQ(exporters.size(), 1u);
  ASSERT_TRUE(exporters[0]->Links("c", {"d"}).ok());
  ASSERT_TRUE(exporters[0]->Close().ok());
  EXPECT_EQ(ReadFile(path), "from,to\r\na,b\r\nc,d\r\n");
}

// Record formats ignore links: only the links exporter writes them.
TEST(LinksExporter, RecordFormatsIgnoreLinks) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"jsonl", "csv", "json"};
  auto exporters = ValueOrFail(OpenExporters(output, "site"));
  ASSERT_EQ(exporters.size(), 3u);
  std::vector<std::string> before;
  for (auto& exporter : exporters) {
    ASSERT_TRUE(exporter->Sync().ok());
    before.push_back(ReadFile(exporter->path()));
    EXPECT_TRUE(exporter->Links("http://127.0.0.1/", {"http://127.0.0.1/x"}).ok());
    ASSERT_TRUE(exporter->Sync().ok());
    EXPECT_EQ(ReadFile(exporter->path()), before.back()) << exporter->path();
  }
}

}  // namespace
}  // namespace arachne
