// MergeArchives (through MergeOutputs, as `arachne merge` calls it): nodes' archives written by the WARC
// exporter joined member by member, one warcinfo record kept, an archive cut short at any byte; and the
// merged archive read by warcio.js.
#include "export/warc_merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "export/record_merge.h"
#include "export/warc_exporter.h"
#include "export/warc_record.h"
#include "support/gzip_members.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::InflateMembers;
using test::ReadFile;
using test::RunCommand;
using test::ShellQuoted;
using test::TempDir;

// An archive as a node writes it, and where its members end: ends[0] after the warcinfo record, then
// after each exchange's request and response records.
struct Archive {
  std::string path;
  std::string text;
  std::vector<std::int64_t> ends;
};

Archive WriteArchive(const std::string& path, const std::vector<std::string>& urls) {
  Archive archive{path, "", {}};
  auto exporter = OpenWarcExporter(path, std::nullopt, {{"node", path}});
  Result<WarcRecordIds> ids = WarcRecordIds::Create();
  EXPECT_TRUE(exporter.ok() && ids.ok());
  if (!exporter.ok() || !ids.ok()) return archive;
  auto length = [&] {
    Result<std::uint64_t> synced = (*exporter)->Sync();
    return synced.ok() ? static_cast<std::int64_t>(*synced) : -1;
  };
  archive.ends.push_back(length());
  for (const std::string& url : urls) {
    const std::string body = "<html><title>" + url + "</title></html>";
    WarcExchange exchange;
    exchange.target_uri = url;
    exchange.unix_ms = 1796160780123;
    exchange.request_head = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
    exchange.response_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    exchange.payload = body;
    std::string records;
    AppendWarcExchange(records, exchange, *ids);
    EXPECT_TRUE((*exporter)->Archive(records).ok());
    archive.ends.push_back(length());
  }
  EXPECT_TRUE((*exporter)->Close().ok());
  archive.text = ReadFile(path);
  return archive;
}

MergeSummary MergeOrFail(const std::vector<std::string>& inputs, const std::string& out) {
  Result<MergeSummary> summary = MergeOutputs(inputs, out);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  return summary.ok() ? *summary : MergeSummary{};
}

std::size_t CountWarcinfo(const std::vector<std::string>& records) {
  return std::count_if(records.begin(), records.end(),
                       [](const std::string& r) { return IsWarcinfoRecord(r); });
}

TEST(WarcMerge, JoinsTheMembersAndKeepsTheFirstWarcinfoOnly) {
  TempDir dir;
  const Archive a = WriteArchive(dir.File("site.node-a.warc.gz"), {"http://h/a", "http://h/b"});
  const Archive b = WriteArchive(dir.File("site.node-b.warc.gz"), {"http://h/b", "http://h/c"});
  const MergeSummary summary = MergeOrFail({a.path, b.path}, dir.File("site.warc.gz"));
  // Copied as they are: a whole, then b without its warcinfo member. No dedup: b's fetch of b stays.
  EXPECT_EQ(ReadFile(dir.File("site.warc.gz")), a.text + b.text.substr(b.ends[0]));
  EXPECT_EQ(summary.records_written, 9u);
  EXPECT_EQ(summary.duplicates_dropped, 0u);
  ASSERT_EQ(summary.inputs.size(), 2u);
  EXPECT_EQ(summary.inputs[0].records, 5u);
  EXPECT_EQ(summary.inputs[1].records, 5u);
  const std::vector<std::string> records = InflateMembers(ReadFile(dir.File("site.warc.gz")));
  ASSERT_EQ(records.size(), 9u);
  EXPECT_TRUE(IsWarcinfoRecord(records[0]));
  EXPECT_NE(records[0].find("node: " + a.path), std::string::npos);
  EXPECT_EQ(CountWarcinfo(records), 1u);
}

// Every length within 3 bytes of a record's end, and one in 11 of the others.
bool WorthCutting(const Archive& archive, std::int64_t length) {
  if (length % 11 == 0) return true;
  return std::any_of(archive.ends.begin(), archive.ends.end(),
                     [&](std::int64_t end) { return std::abs(length - end) <= 3; });
}

TEST(WarcMerge, AnArchiveCutShortAtAnyByteGivesItsWholeMembers) {
  TempDir dir;
  const Archive a = WriteArchive(dir.File("a.warc.gz"), {"http://h/a"});
  const Archive b = WriteArchive(dir.File("b.warc.gz"), {"http://h/b", "http://h/c"});
  for (std::int64_t length = 0; length <= static_cast<std::int64_t>(b.text.size()); ++length) {
    if (!WorthCutting(b, length)) continue;
    SCOPED_TRACE("cut at " + std::to_string(length));
    const std::string cut = dir.Write("cut.warc.gz", b.text.substr(0, length));
    const MergeSummary summary = MergeOrFail({a.path, cut}, dir.File("out.warc.gz"));
    ASSERT_EQ(summary.inputs.size(), 2u);
    const MergedInput& input = summary.inputs[1];
    const std::string merged = ReadFile(dir.File("out.warc.gz"));
    // Whole members only: the merged file inflates member by member without a failure, a's three records
    // and b's but its warcinfo.
    const std::vector<std::string> records = InflateMembers(merged);
    EXPECT_EQ(CountWarcinfo(records), 1u);
    EXPECT_EQ(records.size(), 3 + input.records - (input.records > 0 ? 1 : 0));
    // b's part of it: from the end of its warcinfo to the end of its last whole member.
    const std::int64_t whole = input.cut ? static_cast<std::int64_t>(input.cut->offset) : length;
    const std::int64_t from = std::min(whole, b.ends[0]);
    EXPECT_EQ(merged.substr(a.text.size()), b.text.substr(from, whole - from));
    if (input.cut) {
      EXPECT_EQ(input.cut->offset + input.cut->bytes, static_cast<std::uint64_t>(length));
      EXPECT_EQ(input.cut->what, "an incomplete gzip member");
    }
    // Where an exchange's records end (and after the warcinfo) nothing is cut.
    const auto end = std::find(b.ends.begin(), b.ends.end(), length);
    if (end != b.ends.end()) {
      EXPECT_FALSE(input.cut.has_value());
      EXPECT_EQ(input.records, 1 + 2 * static_cast<std::uint64_t>(end - b.ends.begin()));
    }
  }
}

TEST(WarcMerge, BytesThatAreNotGzipAreAnError) {
  TempDir dir;
  const Archive a = WriteArchive(dir.File("a.warc.gz"), {"http://h/a"});
  const std::string bad = dir.Write("b.warc.gz", a.text + "not gzip at all");
  Result<MergeSummary> merged = MergeOutputs({a.path, bad}, dir.File("out.warc.gz"));
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message().find(bad + ": the gzip member at byte " +
                                           std::to_string(a.text.size()) + " is damaged ("),
            0u)
      << merged.status().message();
  EXPECT_FALSE(std::filesystem::exists(dir.File("out.warc.gz")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("out.warc.gz.tmp")));
}

TEST(WarcMerge, AWarcinfoRecordIsToldByItsType) {
  EXPECT_TRUE(IsWarcinfoRecord("WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_TRUE(IsWarcinfoRecord("WARC/1.0\r\nwarc-type:  warcinfo \r\n\r\n"));
  EXPECT_FALSE(IsWarcinfoRecord("WARC/1.1\r\nWARC-Type: response\r\n\r\nWARC-Type: warcinfo\r\n"));
  EXPECT_FALSE(IsWarcinfoRecord("WARC/1.1\r\nContent-Length: 0\r\n\r\nWARC-Type: warcinfo\r\n"));
  EXPECT_FALSE(IsWarcinfoRecord("HTTP/1.1 200 OK\r\nWARC-Type: warcinfo\r\n\r\n"));
}

TEST(WarcMerge, WarcioReadsTheMergedArchive) {
  const std::filesystem::path reader = ARACHNE_TEST_DATA_DIR "/../export/warc_reader";
  if (RunCommand("node --version >/dev/null 2>&1").exit_status != 0) GTEST_SKIP() << "node is not installed";
  if (!std::filesystem::exists(reader / "node_modules" / "warcio" / "package.json")) {
    GTEST_SKIP() << "warcio is not installed: run `npm ci` in " << reader.lexically_normal().string();
  }
  TempDir dir;
  const Archive a = WriteArchive(dir.File("a.warc.gz"), {"http://h/a", "http://h/b"});
  const Archive b = WriteArchive(dir.File("b.warc.gz"), {"http://h/c"});
  dir.Write("b.warc.gz", b.text.substr(0, b.text.size() - 10));
  MergeOrFail({a.path, b.path}, dir.File("out.warc.gz"));
  const auto run = RunCommand("node " + ShellQuoted((reader / "check_warc.mjs").string()) + " " +
                              ShellQuoted(dir.File("out.warc.gz")) + " 2>&1");
  EXPECT_EQ(run.exit_status, 0) << run.output;
  // warcinfo, a's two exchanges, b's request record (its response was cut).
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 6) << run.output;
  EXPECT_EQ(run.output.find("\"type\":\"warcinfo\""), run.output.rfind("\"type\":\"warcinfo\""))
      << run.output;
}

}  // namespace
}  // namespace arachne
