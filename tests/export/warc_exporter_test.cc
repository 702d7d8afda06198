#include "export/warc_exporter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "export/exporters.h"
#include "export/warc_record.h"
#include "support/gzip_members.h"
#include "support/value_or_fail.h"
#include "tricky_record.h"

namespace arachne {
namespace {

using test::InflateMembers;
using test::ValueOrFail;
using testing::ReadFile;
using testing::TempDir;

using Fields = std::vector<std::pair<std::string, std::string>>;

// The named fields of one WARC record's header (ISO 28500:2017 section 4), by name; the last of a repeated
// one.
std::map<std::string, std::string> HeaderFields(const std::string& record) {
  std::map<std::string, std::string> fields;
  const std::size_t end = record.find("\r\n\r\n");
  std::size_t start = record.find("\r\n") + 2;
  while (start < end + 2 && end != std::string::npos) {
    const std::size_t stop = record.find("\r\n", start);
    const std::string line = record.substr(start, stop - start);
    const std::size_t colon = line.find(": ");
    if (colon != std::string::npos) fields[line.substr(0, colon)] = line.substr(colon + 2);
    start = stop + 2;
  }
  return fields;
}

// The record's block: after its header's blank line, before the closing CRLF CRLF.
std::string Block(const std::string& record) {
  const std::size_t start = record.find("\r\n\r\n");
  if (start == std::string::npos || record.size() < start + 8) return "";
  return record.substr(start + 4, record.size() - start - 8);
}

std::string WarcType(const std::string& record) {
  return HeaderFields(record)["WARC-Type"];
}

// One exchange's request and response records, two gzip members, as a fetcher sends them.
std::string Exchange(const std::string& path, std::string_view payload) {
  WarcExchange exchange;
  exchange.target_uri = "http://127.0.0.1:8080" + path;
  exchange.unix_ms = 1796160780123;
  exchange.ip_address = "127.0.0.1";
  exchange.request_head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
  exchange.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
  exchange.payload = payload;
  Result<WarcRecordIds> ids = WarcRecordIds::Create();
  EXPECT_TRUE(ids.ok()) << ids.status().ToString();
  std::string out;
  if (ids.ok()) AppendWarcExchange(out, exchange, *ids);
  return out;
}

// A WARC-Date (section 5.4) as the exporter writes it: UTC, with milliseconds.
std::string WarcDateNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(ms));
  return std::string(text) + fraction;
}

std::unique_ptr<Exporter> Open(const std::string& path, std::optional<std::uint64_t> resume_at = std::nullopt,
                               const Fields& warcinfo = {}) {
  return ValueOrFail(OpenWarcExporter(path, resume_at, warcinfo));
}

TEST(WarcExporter, StartsWithOneWarcinfoMemberHoldingTheFieldsGiven) {
  TempDir dir;
  const std::string before = WarcDateNow();
  auto exporter = Open(dir.File("site.warc.gz"), std::nullopt,
                       {{"operator", "tests"}, {"isPartOf", "site"}, {"robots", "obey"}});
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Close().ok());
  const std::string after = WarcDateNow();

  const std::vector<std::string> members = InflateMembers(ReadFile(dir.File("site.warc.gz")));
  ASSERT_EQ(members.size(), 1u);
  const std::string& info = members[0];
  EXPECT_TRUE(info.starts_with("WARC/1.1\r\n")) << info;
  std::map<std::string, std::string> fields = HeaderFields(info);
  EXPECT_EQ(fields["WARC-Type"], "warcinfo");
  EXPECT_EQ(fields["WARC-Filename"], "site.warc.gz") << "the file's name, not its path";
  EXPECT_EQ(fields["Content-Type"], "application/warc-fields");
  EXPECT_TRUE(std::regex_match(fields["WARC-Record-ID"], std::regex("<urn:uuid:[0-9a-f-]{36}>")))
      << fields["WARC-Record-ID"];
  // Written when the file was started: between the two clock readings around the open (UTC sorts as text).
  EXPECT_GE(fields["WARC-Date"], before);
  EXPECT_LE(fields["WARC-Date"], after);
  const std::string block = Block(info);
  EXPECT_EQ(fields["Content-Length"], std::to_string(block.size()));
  EXPECT_EQ(fields["WARC-Block-Digest"], "sha1:" + Sha1Base32(block));
  EXPECT_TRUE(block.starts_with("software: Arachne/")) << block;
  EXPECT_TRUE(
      block.ends_with("conformsTo: https://iso.org/standard/68004.html\r\n"
                      "operator: tests\r\n"
                      "isPartOf: site\r\n"
                      "robots: obey\r\n"))
      << block;
}

TEST(WarcExporter, TheWarcinfoIsWrittenBeforeAnyRecord) {
  TempDir dir;
  auto exporter = Open(dir.File("a.warc.gz"));
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Flush().ok());
  const std::vector<std::string> members = InflateMembers(ReadFile(dir.File("a.warc.gz")));
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(WarcType(members[0]), "warcinfo");
}

TEST(WarcExporter, ArchiveAppendsTheBytesVerbatim) {
  TempDir dir;
  const std::string path = dir.File("a.warc.gz");
  auto exporter = Open(path);
  ASSERT_TRUE(exporter);
  const std::size_t info_size = ValueOrFail(exporter->Sync());
  ASSERT_GT(info_size, 0u);
  const std::string info = ReadFile(path);
  const std::string first = Exchange("/1", "<p>one</p>");
  const std::string second = Exchange("/2", std::string(100000, 'x'));  // past one write buffer
  ASSERT_TRUE(exporter->Archive(first).ok());
  ASSERT_TRUE(exporter->Archive("").ok());
  ASSERT_TRUE(exporter->Archive(second).ok());
  ASSERT_TRUE(exporter->Close().ok());

  const std::string file = ReadFile(path);
  EXPECT_TRUE(file == info + first + second);
  const std::vector<std::string> members = InflateMembers(file);
  ASSERT_EQ(members.size(), 5u);
  EXPECT_EQ(WarcType(members[0]), "warcinfo");
  EXPECT_EQ(WarcType(members[1]), "request");
  EXPECT_EQ(WarcType(members[2]), "response");
  EXPECT_EQ(WarcType(members[3]), "request");
  EXPECT_EQ(WarcType(members[4]), "response");
  EXPECT_EQ(HeaderFields(members[4])["WARC-Target-URI"], "http://127.0.0.1:8080/2");
}

TEST(WarcExporter, RecordsAndLinksWriteNothing) {
  TempDir dir;
  const std::string path = dir.File("a.warc.gz");
  auto exporter = Open(path);
  ASSERT_TRUE(exporter);
  const std::uint64_t length = ValueOrFail(exporter->Sync());
  EXPECT_TRUE(exporter->Write(testing::TrickyRecord()).ok());
  EXPECT_TRUE(exporter->Links("http://127.0.0.1/", {"http://127.0.0.1/a"}).ok());
  EXPECT_EQ(ValueOrFail(exporter->Sync()), length);
  ASSERT_TRUE(exporter->Close().ok());
  EXPECT_EQ(InflateMembers(ReadFile(path)).size(), 1u);
}

// Each file gets a record id of its own.
TEST(WarcExporter, TwoFilesHaveDistinctWarcinfoIds) {
  TempDir dir;
  auto a = Open(dir.File("a.warc.gz"));
  auto b = Open(dir.File("b.warc.gz"));
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->Close().ok());
  ASSERT_TRUE(b->Close().ok());
  const std::vector<std::string> in_a = InflateMembers(ReadFile(dir.File("a.warc.gz")));
  const std::vector<std::string> in_b = InflateMembers(ReadFile(dir.File("b.warc.gz")));
  ASSERT_EQ(in_a.size(), 1u);
  ASSERT_EQ(in_b.size(), 1u);
  EXPECT_NE(HeaderFields(in_a[0])["WARC-Record-ID"], HeaderFields(in_b[0])["WARC-Record-ID"]);
  EXPECT_EQ(HeaderFields(in_b[0])["WARC-Filename"], "b.warc.gz");
}

// Resumed at a Sync()ed length: no second warcinfo, and what was archived after the Sync is cut.
TEST(WarcExporter, ResumeAtALengthWritesNoSecondWarcinfoAndCutsTheRest) {
  TempDir dir;
  const std::string path = dir.File("a.warc.gz");
  const std::string kept = Exchange("/kept", "kept");
  const std::string lost = Exchange("/lost", "lost");
  const std::string next = Exchange("/next", "next");
  std::uint64_t synced = 0;
  std::string info;
  {
    auto exporter = Open(path, std::nullopt, {{"operator", "first run"}});
    ASSERT_TRUE(exporter);
    ASSERT_TRUE(exporter->Archive(kept).ok());
    synced = ValueOrFail(exporter->Sync());
    info = ReadFile(path).substr(0, synced - kept.size());
    ASSERT_TRUE(exporter->Archive(lost).ok());
    ASSERT_TRUE(exporter->Close().ok());
  }
  ASSERT_EQ(ReadFile(path).size(), synced + lost.size());
  auto resumed = Open(path, synced, {{"operator", "second run"}});
  ASSERT_TRUE(resumed);
  ASSERT_TRUE(resumed->Archive(next).ok());
  ASSERT_TRUE(resumed->Close().ok());

  const std::string file = ReadFile(path);
  EXPECT_TRUE(file == info + kept + next);
  const std::vector<std::string> members = InflateMembers(file);
  ASSERT_EQ(members.size(), 5u);
  EXPECT_EQ(WarcType(members[0]), "warcinfo");
  EXPECT_NE(Block(members[0]).find("operator: first run\r\n"), std::string::npos);
  for (std::size_t i = 1; i < members.size(); ++i) EXPECT_NE(WarcType(members[i]), "warcinfo") << i;
  EXPECT_EQ(HeaderFields(members[3])["WARC-Target-URI"], "http://127.0.0.1:8080/next");
}

// A file resumed at 0 (synced before its warcinfo was written out) is started again, warcinfo first.
TEST(WarcExporter, ResumeAtZeroStartsTheFileAgain) {
  TempDir dir;
  const std::string path = dir.Write("a.warc.gz", "partial bytes");
  auto exporter = Open(path, 0, {{"operator", "again"}});
  ASSERT_TRUE(exporter);
  ASSERT_TRUE(exporter->Close().ok());
  const std::vector<std::string> members = InflateMembers(ReadFile(path));
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(WarcType(members[0]), "warcinfo");
  EXPECT_NE(Block(members[0]).find("operator: again\r\n"), std::string::npos);
}

TEST(WarcExporter, ResumeBeyondTheFileFails) {
  TempDir dir;
  const std::string path = dir.Write("a.warc.gz", "short");
  auto exporter = OpenWarcExporter(path, 100, {});
  ASSERT_FALSE(exporter.ok());
  EXPECT_EQ(exporter.status().code(), Status::Code::kIoError);
  EXPECT_EQ(ReadFile(path), "short");
}

TEST(WarcExporter, ClosingTwiceGivesTheSameStatusAndArchiveAfterCloseFails) {
  TempDir dir;
  auto exporter = Open(dir.File("a.warc.gz"));
  ASSERT_TRUE(exporter);
  EXPECT_TRUE(exporter->Close().ok());
  EXPECT_TRUE(exporter->Close().ok());
  EXPECT_EQ(exporter->Archive(Exchange("/late", "late")).code(), Status::Code::kIoError);
  EXPECT_EQ(exporter->Write(Record{}).code(), Status::Code::kIoError);
  EXPECT_EQ(InflateMembers(ReadFile(dir.File("a.warc.gz"))).size(), 1u);
}

TEST(WarcExporter, DiskFullIsReported) {
  auto exporter = Open("/dev/full");
  ASSERT_TRUE(exporter);
  const Status closed = exporter->Close();
  EXPECT_EQ(closed.code(), Status::Code::kIoError);
  EXPECT_EQ(exporter->Close().ToString(), closed.ToString());
}

// --- through OpenExporters ---

TEST(WarcExporter, OpenExportersNamesTheFilesByFormat) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"warc", "links", "csv", "warc"};
  const std::vector<std::string> expected = {dir.File("crawl.warc.gz"), dir.File("crawl.links.csv"),
                                             dir.File("crawl.csv")};
  EXPECT_EQ(ExportPaths(output, "crawl"), expected);
  auto exporters = ValueOrFail(OpenExporters(output, "crawl"));
  ASSERT_EQ(exporters.size(), 3u);
  for (std::size_t i = 0; i < exporters.size(); ++i) {
    EXPECT_EQ(exporters[i]->path(), expected[i]);
    ASSERT_TRUE(exporters[i]->Close().ok());
  }
  ASSERT_EQ(InflateMembers(ReadFile(dir.File("crawl.warc.gz"))).size(), 1u);
}

TEST(WarcExporter, OpenExportersPassesTheWarcinfoFields) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"warc"};
  ExportDetails details;
  details.warcinfo = {{"isPartOf", "crawl"}};
  auto exporters = ValueOrFail(OpenExporters(output, "crawl", {}, details));
  ASSERT_EQ(exporters.size(), 1u);
  ASSERT_TRUE(exporters[0]->Close().ok());
  const std::vector<std::string> members = InflateMembers(ReadFile(dir.File("crawl.warc.gz")));
  ASSERT_EQ(members.size(), 1u);
  EXPECT_TRUE(Block(members[0]).ends_with("\r\nisPartOf: crawl\r\n")) << Block(members[0]);
  EXPECT_EQ(HeaderFields(members[0])["WARC-Filename"], "crawl.warc.gz");
}

TEST(WarcExporter, OpenExportersResumesItWithoutASecondWarcinfo) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"warc"};
  const std::string path = dir.File("crawl.warc.gz");
  const std::string kept = Exchange("/kept", "kept");
  std::uint64_t synced = 0;
  {
    auto exporters = ValueOrFail(OpenExporters(output, "crawl"));
    ASSERT_EQ(exporters.size(), 1u);
    ASSERT_TRUE(exporters[0]->Archive(kept).ok());
    synced = ValueOrFail(exporters[0]->Sync());
    ASSERT_TRUE(exporters[0]->Archive(Exchange("/lost", "lost")).ok());
    ASSERT_TRUE(exporters[0]->Close().ok());
  }
  const std::string synced_bytes = ReadFile(path).substr(0, synced);
  auto exporters = ValueOrFail(OpenExporters(output, "crawl", {{path, synced}}));
  ASSERT_EQ(exporters.size(), 1u);
  const std::string next = Exchange("/next", "next");
  ASSERT_TRUE(exporters[0]->Archive(next).ok());
  ASSERT_TRUE(exporters[0]->Close().ok());

  const std::string file = ReadFile(path);
  EXPECT_TRUE(file == synced_bytes + next);
  const std::vector<std::string> members = InflateMembers(file);
  ASSERT_EQ(members.size(), 5u);
  int warcinfos = 0;
  for (const std::string& member : members) warcinfos += WarcType(member) == "warcinfo";
  EXPECT_EQ(warcinfos, 1);
  EXPECT_EQ(HeaderFields(members[1])["WARC-Target-URI"], "http://127.0.0.1:8080/kept");
  EXPECT_EQ(HeaderFields(members[3])["WARC-Target-URI"], "http://127.0.0.1:8080/next");
}

// Only the archive takes WARC records: the other formats ignore them.
TEST(WarcExporter, OtherFormatsIgnoreArchives) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"jsonl", "csv", "json", "links"};
  auto exporters = ValueOrFail(OpenExporters(output, "site"));
  ASSERT_EQ(exporters.size(), 4u);
  const std::string records = Exchange("/x", "x");
  for (auto& exporter : exporters) {
    const std::uint64_t before = ValueOrFail(exporter->Sync());
    EXPECT_TRUE(exporter->Archive(records).ok());
    EXPECT_EQ(ValueOrFail(exporter->Sync()), before) << exporter->path();
  }
}

}  // namespace
}  // namespace arachne
