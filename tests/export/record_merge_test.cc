// MergeOutputs: the files of several nodes, written by the real exporters, merged into the file an exporter
// would have written with the first record of each URL; files cut short at every byte; what it refuses.
#include "export/record_merge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "csv_reader.h"
#include "export/csv_exporter.h"
#include "export/json_exporter.h"
#include "export/jsonl_exporter.h"
#include "export/links_exporter.h"
#include "tricky_record.h"

namespace arachne {
namespace {

using testing::ParseCsv;
using testing::ReadFile;
using testing::TempDir;
using testing::TrickyRecord;

Record Page(const std::string& url, int status = 200) {
  Record r;
  r.url = url;
  r.final_url = url;
  r.status = status;
  r.title = "page " + url.substr(url.rfind('/') + 1);
  r.fetch_ms = 1.5;
  return r;
}

// Every merged record format, with the extension of its files.
struct Format {
  RecordFormat format;
  std::string extension;
};

void PrintTo(const Format& f, std::ostream* out) {
  *out << f.extension;
}

std::string FormatName(const ::testing::TestParamInfo<Format>& info) {
  return info.param.extension.substr(1);
}

Result<std::unique_ptr<Exporter>> OpenExporter(const Format& f, const std::string& path,
                                               const std::vector<std::string>& fields) {
  if (f.format == RecordFormat::kJsonLines) return OpenJsonlExporter(path);
  if (f.format == RecordFormat::kJson) return OpenJsonExporter(path);
  return OpenCsvExporter(path, std::nullopt, fields);
}

// A file as an exporter writes it, and where its records end: ends[0] is the length of its opening (the
// CSV header, the JSON array's '['; 0 for JSON Lines), ends[i] the length up to the end of record i.
struct Written {
  std::string path;
  std::string text;
  std::vector<std::int64_t> ends;
};

Written WriteOutput(const Format& f, const std::string& path, const std::vector<Record>& records,
                    const std::vector<std::string>& fields = {}) {
  Written written{path, "", {}};
  auto exporter = OpenExporter(f, path, fields);
  EXPECT_TRUE(exporter.ok()) << exporter.status().ToString();
  if (!exporter.ok()) return written;
  auto length = [&] {
    Result<std::uint64_t> synced = (*exporter)->Sync();  // the length without the closing part
    EXPECT_TRUE(synced.ok());
    return synced.ok() ? static_cast<std::int64_t>(*synced) : -1;
  };
  written.ends.push_back(length());
  for (const Record& r : records) {
    EXPECT_TRUE((*exporter)->Write(r).ok());
    written.ends.push_back(length());
  }
  EXPECT_TRUE((*exporter)->Close().ok());
  written.text = ReadFile(path);
  return written;
}

// What the exporter writes for `records`: what a merge that keeps them must write.
std::string Exported(const Format& f, const TempDir& dir, const std::vector<Record>& records,
                     const std::vector<std::string>& fields = {}) {
  return WriteOutput(f, dir.File("expected" + f.extension), records, fields).text;
}

MergeSummary MergeOrFail(const std::vector<std::string>& inputs, const std::string& out) {
  Result<MergeSummary> summary = MergeOutputs(inputs, out);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  return summary.ok() ? *summary : MergeSummary{};
}

class RecordMergeEveryFormat : public ::testing::TestWithParam<Format> {
 protected:
  std::string File(const std::string& stem) const { return dir_.File(stem + GetParam().extension); }
  TempDir dir_;
};

INSTANTIATE_TEST_SUITE_P(Formats, RecordMergeEveryFormat,
                         ::testing::Values(Format{RecordFormat::kJsonLines, ".jsonl"},
                                           Format{RecordFormat::kJson, ".json"},
                                           Format{RecordFormat::kCsv, ".csv"}),
                         FormatName);

TEST_P(RecordMergeEveryFormat, KeepsTheFirstRecordOfEachUrlInTheOrderGiven) {
  const Format f = GetParam();
  const Record a = Page("http://h/a"), b = Page("http://h/b"), c = Page("http://h/c"), d = Page("http://h/d");
  // node-a recorded b, then was killed before telling the others; node-b recorded b again (another status:
  // which one is kept shows). node-a's own a twice is a duplicate within one file.
  const Written node_a = WriteOutput(f, File("site.node-a"), {a, b, Page("http://h/a", 500)});
  const Written node_b = WriteOutput(f, File("site.node-b"), {Page("http://h/b", 404), c});
  const Written node_c = WriteOutput(f, File("site.node-c"), {d});

  const MergeSummary summary = MergeOrFail({node_a.path, node_b.path, node_c.path}, File("site"));
  EXPECT_EQ(ReadFile(File("site")), Exported(f, dir_, {a, b, c, d}));
  EXPECT_EQ(summary.records_written, 4u);
  EXPECT_EQ(summary.duplicates_dropped, 2u);
  ASSERT_EQ(summary.inputs.size(), 3u);
  EXPECT_EQ(summary.inputs[0].path, node_a.path);
  EXPECT_EQ(summary.inputs[0].records, 3u);
  EXPECT_EQ(summary.inputs[0].duplicates, 1u);
  EXPECT_EQ(summary.inputs[1].records, 2u);
  EXPECT_EQ(summary.inputs[1].duplicates, 1u);
  EXPECT_EQ(summary.inputs[2].records, 1u);
  EXPECT_EQ(summary.inputs[2].duplicates, 0u);
  for (const MergedInput& input : summary.inputs) EXPECT_FALSE(input.cut.has_value()) << input.path;
  EXPECT_FALSE(std::filesystem::exists(File("site") + ".tmp"));

  // The other order keeps node-b's record of b.
  MergeOrFail({node_b.path, node_a.path}, File("other"));
  EXPECT_EQ(ReadFile(File("other")), Exported(f, dir_, {Page("http://h/b", 404), c, a}));
}

TEST_P(RecordMergeEveryFormat, TrickyValuesComeThroughUnchanged) {
  const Format f = GetParam();
  Record tricky2 = TrickyRecord();
  tricky2.url += "&second";
  tricky2.title = "comma, \"quote\" and\r\nCRLF\rCR\nLF";
  const std::vector<std::string> fields = {"price", "tags, \"all\""};
  Record scraped = Page("http://h/p");
  scraped.fields = {{"price", false, false, {"1,5 \"EUR\"\r\n"}},
                    {"tags, \"all\"", true, false, {"a,b", "c\"d"}}};
  const Written one = WriteOutput(f, File("one"), {TrickyRecord(), scraped}, fields);
  const Written two = WriteOutput(f, File("two"), {TrickyRecord(), tricky2}, fields);
  MergeOrFail({one.path, two.path}, File("merged"));
  EXPECT_EQ(ReadFile(File("merged")), Exported(f, dir_, {TrickyRecord(), scraped, tricky2}, fields));
}

// The expected outcome of merging a file cut to its first `length` bytes alone.
struct AfterCut {
  std::size_t records = 0;
  bool cut = false;
  std::int64_t offset = 0;
  std::string what;  // checked when not empty
};

AfterCut ExpectAfterCut(RecordFormat format, const std::vector<std::int64_t>& ends, std::int64_t length) {
  AfterCut after;
  const std::int64_t closed = ends.back() + 2;  // "\n]" closes a JSON array; the last "\n" is not needed
  if (format == RecordFormat::kJson) {
    while (after.records + 1 < ends.size() && length >= ends[after.records + 1]) ++after.records;
    if (length >= closed) return after;
    after.cut = true;
    const std::int64_t separator = after.records == 0 ? 1 : 2;  // "\n" or ",\n" before a record's '{'
    after.offset = after.records > 0 ? ends[after.records] : std::min<std::int64_t>(length, 1);
    after.what = length == 0                                ? "no JSON array"
                 : length > ends[after.records] + separator ? "an incomplete record"
                                                            : "the JSON array is not closed";
    return after;
  }
  // JSON Lines and CSV: a record (or the header) is whole once the file holds its last byte before '\n'.
  if (format == RecordFormat::kCsv && length < ends[0] - 1) {
    after.cut = true;
    after.what = length == 0 ? "no header row" : "an incomplete header row";
    return after;
  }
  while (after.records + 1 < ends.size() && length >= ends[after.records + 1] - 1) ++after.records;
  const std::int64_t boundary = ends[after.records];
  after.cut = length != boundary && length != boundary - 1;
  after.offset = boundary;
  return after;
}

// Every length within 3 bytes of where a record (or the opening, or the file) ends, and one in 7 of the
// others: each merge writes its output to disk (fsync), and a sweep of every byte takes seconds.
bool WorthCutting(const Written& file, std::int64_t length) {
  if (length % 7 == 0) return true;
  std::vector<std::int64_t> ends = file.ends;
  ends.push_back(static_cast<std::int64_t>(file.text.size()));
  return std::any_of(ends.begin(), ends.end(), [&](std::int64_t end) { return std::abs(length - end) <= 3; });
}

TEST_P(RecordMergeEveryFormat, AFileCutShortAtAnyByteGivesItsWholeRecords) {
  const Format f = GetParam();
  const std::vector<Record> records = {TrickyRecord(), Page("http://h/b"), Page("http://h/c")};
  const Written full = WriteOutput(f, File("full"), records);
  std::vector<std::string> expected;  // the merge of the first k records
  for (std::size_t k = 0; k <= records.size(); ++k) {
    expected.push_back(Exported(f, dir_, std::vector<Record>(records.begin(), records.begin() + k)));
  }
  for (std::int64_t length = 0; length <= static_cast<std::int64_t>(full.text.size()); ++length) {
    if (!WorthCutting(full, length)) continue;
    SCOPED_TRACE("cut at " + std::to_string(length) + " of " + std::to_string(full.text.size()));
    const std::string cut = dir_.Write("cut" + f.extension, full.text.substr(0, length));
    const AfterCut after = ExpectAfterCut(f.format, full.ends, length);
    const MergeSummary summary = MergeOrFail({cut}, File("merged"));
    ASSERT_EQ(summary.inputs.size(), 1u);
    const MergedInput& input = summary.inputs[0];
    EXPECT_EQ(input.records, after.records);
    const bool header_cut =
        f.format == RecordFormat::kCsv && after.records == 0 && after.cut && length < full.ends[0] - 1;
    // A CSV without its header merges into an empty file: there is no header to write.
    EXPECT_EQ(ReadFile(File("merged")), header_cut ? "" : expected[after.records]);
    ASSERT_EQ(input.cut.has_value(), after.cut);
    if (!input.cut) continue;
    EXPECT_EQ(input.cut->offset, static_cast<std::uint64_t>(after.offset));
    EXPECT_EQ(input.cut->offset + input.cut->bytes, static_cast<std::uint64_t>(length));
    if (!after.what.empty()) {
      EXPECT_EQ(input.cut->what, after.what);
    }
  }
}

TEST_P(RecordMergeEveryFormat, CutFilesAmongWholeOnesLoseOnlyTheirCutTail) {
  const Format f = GetParam();
  const Written whole = WriteOutput(f, File("whole"), {Page("http://h/a"), Page("http://h/b")});
  const Written killed =
      WriteOutput(f, File("killed"), {Page("http://h/b", 404), Page("http://h/c"), Page("http://h/d")});
  // Killed in the middle of its last record, c's and d's...
  const std::int64_t at = (killed.ends[2] + killed.ends[3]) / 2;
  dir_.Write("killed" + f.extension, killed.text.substr(0, at));
  const MergeSummary summary = MergeOrFail({whole.path, killed.path}, File("merged"));
  EXPECT_EQ(ReadFile(File("merged")),
            Exported(f, dir_, {Page("http://h/a"), Page("http://h/b"), Page("http://h/c")}));
  EXPECT_EQ(summary.records_written, 3u);
  EXPECT_EQ(summary.duplicates_dropped, 1u);
  EXPECT_FALSE(summary.inputs[0].cut.has_value());
  ASSERT_TRUE(summary.inputs[1].cut.has_value());
  EXPECT_EQ(summary.inputs[1].cut->offset, static_cast<std::uint64_t>(killed.ends[2]));
  EXPECT_EQ(summary.inputs[1].records, 2u);
}

TEST_P(RecordMergeEveryFormat, RefusesToWriteOverAnInput) {
  const Written a = WriteOutput(GetParam(), File("a"), {Page("http://h/a")});
  const Written b = WriteOutput(GetParam(), File("b"), {Page("http://h/b")});
  // The same file by another name too: through "." and through a symbolic link.
  std::filesystem::create_symlink(a.path, File("link"));
  for (const std::string& out : {a.path, dir_.path() + "/./a" + GetParam().extension, File("link")}) {
    SCOPED_TRACE(out);
    Result<MergeSummary> merged = MergeOutputs({b.path, a.path}, out);
    ASSERT_FALSE(merged.ok());
    EXPECT_EQ(merged.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(merged.status().message().find("is also an input"), std::string::npos)
        << merged.status().message();
  }
  EXPECT_EQ(ReadFile(a.path), a.text);
}

TEST_P(RecordMergeEveryFormat, RefusesAnInputGivenTwice) {
  const Written a = WriteOutput(GetParam(), File("a"), {Page("http://h/a")});
  Result<MergeSummary> merged = MergeOutputs({a.path, a.path}, File("out"));
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(), "'" + a.path + "' is given twice");
  EXPECT_FALSE(std::filesystem::exists(File("out")));
}

TEST_P(RecordMergeEveryFormat, AMissingInputLeavesTheOutputAsItWas) {
  const Written a = WriteOutput(GetParam(), File("a"), {Page("http://h/a")});
  const std::string old = dir_.Write("out" + GetParam().extension, "the last merge");
  Result<MergeSummary> merged = MergeOutputs({a.path, File("gone")}, old);
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().code(), Status::Code::kNotFound);
  EXPECT_NE(merged.status().message().find(File("gone")), std::string::npos) << merged.status().message();
  EXPECT_EQ(ReadFile(old), "the last merge");
  EXPECT_FALSE(std::filesystem::exists(old + ".tmp"));
}

TEST(RecordMerge, NoInputsIsAnError) {
  TempDir dir;
  Result<MergeSummary> merged = MergeOutputs({}, dir.File("out.jsonl"));
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(dir.File("out.jsonl")));
}

TEST(RecordMerge, AllFilesMustBeOfOneFormat) {
  TempDir dir;
  const std::string jsonl = dir.Write("a.jsonl", "{\"url\":\"http://h/a\"}\n");
  const std::string csv = dir.Write("b.csv", "url\r\nhttp://h/b\r\n");
  Result<MergeSummary> mixed = MergeOutputs({jsonl, csv}, dir.File("out.jsonl"));
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.status().message(),
            "'" + csv + "' is CSV (.csv) but '" + jsonl +
                "' is JSON Lines (.jsonl): the inputs and the output must all be of one "
                "format");
  Result<MergeSummary> output = MergeOutputs({jsonl}, dir.File("out.json"));
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().message().find("'" + dir.File("out.json") + "' is JSON (.json)"), 0u)
      << output.status().message();
  Result<MergeSummary> unknown = MergeOutputs({jsonl, dir.Write("c.txt", "")}, dir.File("out.jsonl"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message().find("'" + dir.File("c.txt") + "': not a format merge knows"), 0u)
      << unknown.status().message();
  for (const char* out : {"out.jsonl", "out.json", "out.txt"})
    EXPECT_FALSE(std::filesystem::exists(dir.File(out)));
}

TEST(RecordMerge, CsvHeadersMustAgree) {
  TempDir dir;
  const Format csv{RecordFormat::kCsv, ".csv"};
  const Written base = WriteOutput(csv, dir.File("a.csv"), {Page("http://h/a")}, {"price", "sku"});
  struct Case {
    std::vector<std::string> fields;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"price", "size"}, "column 20 is 'size' where the other has 'sku'"},
      {{"price", "sku", "size"}, "column 21 'size' is not in the other"},
      {{"price"}, "it lacks column 20 'sku'"},
  };
  for (const Case& c : cases) {
    const Written other = WriteOutput(csv, dir.File("b.csv"), {Page("http://h/b")}, c.fields);
    Result<MergeSummary> merged = MergeOutputs({base.path, other.path}, dir.File("out.csv"));
    ASSERT_FALSE(merged.ok());
    EXPECT_EQ(merged.status().message(), "'" + other.path + "' has another header than '" + base.path +
                                             "': " + c.message +
                                             " (merge the outputs of one seed file only)");
    EXPECT_FALSE(std::filesystem::exists(dir.File("out.csv")));
  }
}

TEST(RecordMerge, ACsvCutInItsHeaderTakesTheHeaderOfTheNext) {
  TempDir dir;
  const Format csv{RecordFormat::kCsv, ".csv"};
  const Written whole = WriteOutput(csv, dir.File("b.csv"), {Page("http://h/b")}, {"price"});
  const std::string empty = dir.Write("a.csv", "");
  const std::string torn = dir.Write("c.csv", whole.text.substr(0, 10));
  const MergeSummary summary = MergeOrFail({empty, whole.path, torn}, dir.File("out.csv"));
  EXPECT_EQ(ReadFile(dir.File("out.csv")), whole.text);
  ASSERT_TRUE(summary.inputs[0].cut.has_value());
  EXPECT_EQ(summary.inputs[0].cut->what, "no header row");
  ASSERT_TRUE(summary.inputs[2].cut.has_value());
  EXPECT_EQ(summary.inputs[2].cut->what, "an incomplete header row");
  EXPECT_EQ(summary.inputs[2].cut->bytes, 10u);
}

TEST(RecordMerge, ALinkGraphIsNotACsvOfRecords) {
  TempDir dir;
  auto links = OpenLinksExporter(dir.File("site.links.csv"));
  ASSERT_TRUE(links.ok());
  ASSERT_TRUE((*links)->Links("http://h/a", {"http://h/b", "http://h/c"}).ok());
  ASSERT_TRUE((*links)->Close().ok());
  Result<MergeSummary> merged = MergeOutputs({dir.File("site.links.csv")}, dir.File("out.csv"));
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(),
            dir.File("site.links.csv") + ": not a CSV of records: its first column is 'from', not 'url'");
}

TEST(RecordMerge, DamageBeforeTheEndIsAnErrorNotACut) {
  TempDir dir;
  const std::string good = dir.Write("a.jsonl", "{\"url\":\"http://h/a\"}\n");
  const std::string old = dir.Write("out.jsonl", "old");
  struct Case {
    std::string file;
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"b.jsonl", "{\"url\":\"http://h/b\"}\n{\"url\":\"http://h/c\"\n{\"url\":\"http://h/d\"}\n",
       ":2: not a JSON object: "},
      {"c.jsonl", "{\"url\":\"http://h/b\"}\n{\"status\":200}\n", ":2: a record without a \"url\" string"},
      {"d.jsonl", "[{\"url\":\"http://h/b\"}]\n", ":1: not a JSON object: a JSON array, not an object"},
  };
  for (const Case& c : cases) {
    const std::string bad = dir.Write(c.file, c.text);
    Result<MergeSummary> merged = MergeOutputs({good, bad}, old);
    ASSERT_FALSE(merged.ok()) << c.file;
    EXPECT_EQ(merged.status().message().find(bad + c.message), 0u) << merged.status().message();
    EXPECT_EQ(ReadFile(old), "old");
    EXPECT_FALSE(std::filesystem::exists(old + ".tmp"));
  }
  const std::string json =
      dir.Write("e.json", "[\n{\"url\":\"http://h/a\"},\n{\"url\":\"http://h/b\"}\n{\"url\":\"x\"}\n]\n");
  Result<MergeSummary> merged = MergeOutputs({json}, dir.File("out.json"));
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(), json + ": byte 45: expected ',' or ']' after a record, found '{'");
  const std::string csv = dir.Write("f.csv", "url,title\r\nhttp://h/a,x\r\nhttp://h/b\r\nhttp://h/c,z\r\n");
  merged = MergeOutputs({csv}, dir.File("out.csv"));
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(), csv + ": row at byte 25: 1 fields where the header has 2");
}

TEST(RecordMerge, JsonOutputRoundTripsThroughAJsonParser) {
  TempDir dir;
  const Format json{RecordFormat::kJson, ".json"};
  Record second = Page("http://h/\xE2\x82\xAC");
  const Written a = WriteOutput(json, dir.File("a.json"), {TrickyRecord()});
  const Written b = WriteOutput(json, dir.File("b.json"), {TrickyRecord(), second});
  MergeOrFail({a.path, b.path}, dir.File("out.json"));
  const auto j = nlohmann::json::parse(ReadFile(dir.File("out.json")));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["url"], TrickyRecord().url);
  EXPECT_EQ(j[0]["title"], TrickyRecord().title);
  EXPECT_EQ(j[0]["description"], TrickyRecord().description);
  EXPECT_EQ(j[0]["error"], testing::kTrickyErrorSanitized);
  EXPECT_EQ(j[0]["bytes"].get<std::uint64_t>(), TrickyRecord().bytes);
  EXPECT_EQ(j[1]["url"], second.url);
}

TEST(RecordMerge, APrettyPrintedJsonArrayIsWrittenARecordALine) {
  TempDir dir;
  const std::string pretty = dir.Write(
      "a.json",
      nlohmann::ordered_json::parse("[{\"url\":\"http://h/a\",\"title\":\"x\\ny\",\"redirects\":[]}]")
          .dump(2));
  MergeOrFail({pretty}, dir.File("out.json"));
  EXPECT_EQ(ReadFile(dir.File("out.json")),
            "[\n{\"url\":\"http://h/a\",\"title\":\"x\\ny\",\"redirects\":[]}\n]\n");
}

TEST(RecordMerge, CsvOutputIsStrictRfc4180) {
  TempDir dir;
  const Format csv{RecordFormat::kCsv, ".csv"};
  Record lf_only = Page("http://h/b");
  lf_only.title = "a\nb";
  // A CSV whose rows end in LF alone (edited by hand, say) is read too; the output has CRLF throughout.
  const std::string lf = dir.Write("b.csv", "url,title\nhttp://h/b,\"a\nb\"\nhttp://h/c,\"say \"\"c\"\"\"\n");
  const std::string crlf = dir.Write("a.csv", "url,title\r\nhttp://h/a,\"x,\r\ny\"\r\nhttp://h/b,dup\r\n");
  MergeOrFail({crlf, lf}, dir.File("out.csv"));
  const std::string text = ReadFile(dir.File("out.csv"));
  const auto rows = ParseCsv(text);
  ASSERT_TRUE(rows.has_value()) << text;
  EXPECT_EQ(
      *rows,
      (std::vector<testing::CsvRow>{
          {"url", "title"}, {"http://h/a", "x,\r\ny"}, {"http://h/b", "dup"}, {"http://h/c", "say \"c\""}}));
}

TEST(RecordMerge, EmptyFiles) {
  TempDir dir;
  const MergeSummary jsonl =
      MergeOrFail({dir.Write("a.jsonl", ""), dir.Write("b.jsonl", "\n")}, dir.File("o.jsonl"));
  EXPECT_EQ(ReadFile(dir.File("o.jsonl")), "");
  EXPECT_FALSE(jsonl.inputs[0].cut.has_value()) << "an empty JSON Lines file is a whole one";
  EXPECT_FALSE(jsonl.inputs[1].cut.has_value());
  const MergeSummary json = MergeOrFail({dir.Write("a.json", "")}, dir.File("o.json"));
  EXPECT_EQ(ReadFile(dir.File("o.json")), "[\n]\n");
  ASSERT_TRUE(json.inputs[0].cut.has_value()) << "the exporter writes '[' first: an empty file was cut short";
  EXPECT_EQ(json.inputs[0].cut->what, "no JSON array");
}

}  // namespace
}  // namespace arachne
