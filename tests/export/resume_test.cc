// Going on with an output file where a job folder's last checkpoint left it: BufferedFile::Reopen,
// Exporter::Sync, and OpenExporters with lengths to resume at.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "export/buffered_file.h"
#include "export/csv_exporter.h"
#include "export/exporters.h"
#include "export/json_exporter.h"
#include "export/jsonl_exporter.h"
#include "tricky_record.h"

namespace arachne {
namespace {

using testing::ReadFile;
using testing::TempDir;

Record Numbered(int n) {
  Record r;
  r.url = "http://127.0.0.1:8080/page/" + std::to_string(n);
  r.final_url = r.url;
  r.status = 200;
  r.depth = n;
  r.title = "Page " + std::to_string(n);
  r.bytes = 1000u + static_cast<std::uint64_t>(n);
  return r;
}

void Append(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::app) << bytes;
}

std::vector<std::string> SplitLines(const std::string& text, const std::string& end) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t stop = text.find(end, start);
    if (stop == std::string::npos) {
      ADD_FAILURE() << "the last line has no line end: '" << text.substr(start) << "'";
      break;
    }
    lines.push_back(text.substr(start, stop - start));
    start = stop + end.size();
  }
  return lines;
}

// --- BufferedFile::Reopen ---

TEST(BufferedFileReopen, CutsALongerFileBackAndGoesOnThere) {
  TempDir dir;
  const std::string path = dir.Write("f", "0123456789");
  auto file = BufferedFile::Reopen(path, 4);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->size(), 4u);
  EXPECT_EQ(ReadFile(path), "0123") << "the tail is cut off at once, not at the first write";
  file->buffer() += "ab";
  EXPECT_EQ(file->size(), 6u) << "size() counts buffered bytes";
  EXPECT_EQ(ReadFile(path), "0123");
  ASSERT_TRUE(file->Flush().ok());
  EXPECT_EQ(file->size(), 6u);
  file->buffer() += "c";
  EXPECT_EQ(file->size(), 7u);
  ASSERT_TRUE(file->Close().ok());
  EXPECT_EQ(ReadFile(path), "0123abc");
}

TEST(BufferedFileReopen, AtItsOwnLengthKeepsEverything) {
  TempDir dir;
  const std::string path = dir.Write("f", "abc");
  auto file = BufferedFile::Reopen(path, 3);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->size(), 3u);
  file->buffer() += "d";
  ASSERT_TRUE(file->Close().ok());
  EXPECT_EQ(ReadFile(path), "abcd");
}

TEST(BufferedFileReopen, AtZeroEmptiesTheFile) {
  TempDir dir;
  const std::string path = dir.Write("f", "abc");
  auto file = BufferedFile::Reopen(path, 0);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->size(), 0u);
  ASSERT_TRUE(file->Close().ok());
  EXPECT_EQ(ReadFile(path), "");
}

TEST(BufferedFileReopen, RefusesAFileShorterThanTheLength) {
  TempDir dir;
  const std::string path = dir.Write("out.jsonl", "short");
  auto file = BufferedFile::Reopen(path, 6);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), Status::Code::kIoError);
  EXPECT_NE(file.status().message().find("'" + path + "'"), std::string::npos) << file.status().message();
  EXPECT_NE(file.status().message().find("5 bytes"), std::string::npos) << file.status().message();
  EXPECT_NE(file.status().message().find("6"), std::string::npos) << file.status().message();
  EXPECT_EQ(ReadFile(path), "short") << "a refused file is left as it was";
}

TEST(BufferedFileReopen, RefusesAMissingFileAtALengthAboveZero) {
  TempDir dir;
  auto file = BufferedFile::Reopen(dir.File("gone.csv"), 10);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), Status::Code::kIoError);
  EXPECT_NE(file.status().message().find(dir.File("gone.csv")), std::string::npos) << file.status().message();
  EXPECT_NE(file.status().message().find("is gone"), std::string::npos) << file.status().message();
  EXPECT_FALSE(std::filesystem::exists(dir.File("gone.csv"))) << "not created again";
}

TEST(BufferedFileReopen, UnopenablePathNamesTheFile) {
  TempDir dir;
  std::filesystem::create_directory(dir.File("folder"));
  auto file = BufferedFile::Reopen(dir.File("folder"), 0);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), Status::Code::kIoError);
  EXPECT_NE(file.status().message().find(dir.File("folder")), std::string::npos) << file.status().message();
}

TEST(BufferedFile, SizeCountsWrittenAndBufferedBytes) {
  TempDir dir;
  auto file = BufferedFile::Open(dir.File("f"));
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->size(), 0u);
  file->buffer() += "12345";
  EXPECT_EQ(file->size(), 5u);
  ASSERT_TRUE(file->Sync().ok());
  EXPECT_EQ(file->size(), 5u);
  EXPECT_EQ(ReadFile(dir.File("f")), "12345") << "Sync writes the buffer";
  file->buffer() += "67";
  EXPECT_EQ(file->size(), 7u);
  ASSERT_TRUE(file->Close().ok());
  EXPECT_EQ(file->size(), 7u);
}

TEST(BufferedFile, SyncAlsoWritesTheFoldersEntryAndReportsAFolderGone) {
  TempDir dir;
  auto kept = BufferedFile::Open(dir.File("f"));
  ASSERT_TRUE(kept.ok());
  kept->buffer() += "x";
  ASSERT_TRUE(kept->Sync().ok());
  ASSERT_TRUE(kept->Sync().ok()) << "a second Sync too";

  std::filesystem::create_directory(dir.File("sub"));
  auto file = BufferedFile::Open(dir.File("sub/f"));
  ASSERT_TRUE(file.ok());
  std::filesystem::remove_all(dir.File("sub"));  // the open file lives on; its folder does not
  file->buffer() += "data";
  const Status s = file->Sync();
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find("folder of output file '" + dir.File("sub/f") + "'"), std::string::npos)
      << s.message();
  EXPECT_EQ(file->Close().message(), s.message()) << "the failure sticks";
}

TEST(BufferedFile, SyncOfAClosedFileFails) {
  TempDir dir;
  auto file = BufferedFile::Open(dir.File("f"));
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(file->Close().ok());
  EXPECT_EQ(file->Sync().code(), Status::Code::kIoError);
}

TEST(BufferedFile, SyncReportsAFullDisk) {
  auto file = BufferedFile::Open("/dev/full");
  ASSERT_TRUE(file.ok());
  file->buffer() += "data";
  const Status s = file->Sync();
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find("/dev/full"), std::string::npos) << s.message();
}

// --- Exporter::Sync ---

class ExporterSync : public ::testing::TestWithParam<std::string> {};

TEST_P(ExporterSync, ReturnsTheLengthOnDiskWithoutTheClosingPart) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {GetParam()};
  auto exporters = OpenExporters(output, "site");
  ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
  Exporter& exporter = *(*exporters)[0];
  ASSERT_TRUE(exporter.Write(Numbered(1)).ok());
  ASSERT_TRUE(exporter.Write(Numbered(2)).ok());
  Result<std::uint64_t> length = exporter.Sync();
  ASSERT_TRUE(length.ok()) << length.status().ToString();
  const std::string synced = ReadFile(exporter.path());
  EXPECT_EQ(*length, synced.size()) << "Sync writes everything so far";
  EXPECT_NE(synced.find(Numbered(2).url), std::string::npos);

  ASSERT_TRUE(exporter.Close().ok());
  const std::string closed = ReadFile(exporter.path());
  ASSERT_GE(closed.size(), *length);
  EXPECT_EQ(closed.substr(0, *length), synced);
  if (GetParam() == "json") {
    EXPECT_EQ(closed.substr(*length), "\n]\n");
    EXPECT_EQ(synced.find(']', synced.size() - 2), std::string::npos) << synced;
  } else {
    EXPECT_EQ(closed, synced) << "only JSON has a closing part";
  }
}

TEST_P(ExporterSync, OfANewFileCountsItsOpeningPart) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {GetParam()};
  auto exporters = OpenExporters(output, "site");
  ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
  Result<std::uint64_t> length = (*exporters)[0]->Sync();
  ASSERT_TRUE(length.ok()) << length.status().ToString();
  const std::string text = ReadFile((*exporters)[0]->path());
  EXPECT_EQ(*length, text.size());
  const std::map<std::string, std::string> opening = {{"json", "["}, {"jsonl", ""}, {"csv", "url,"}};
  EXPECT_EQ(text.substr(0, 4), opening.at(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(Formats, ExporterSync, ::testing::Values("jsonl", "csv", "json"),
                         [](const auto& info) { return info.param; });

TEST(ExporterSync, FailsOnAFullDisk) {
  auto exporter = OpenJsonlExporter("/dev/full");
  ASSERT_TRUE(exporter.ok()) << exporter.status().ToString();
  ASSERT_TRUE((*exporter)->Write(Numbered(1)).ok()) << "the record is only buffered";
  Result<std::uint64_t> length = (*exporter)->Sync();
  ASSERT_FALSE(length.ok());
  EXPECT_EQ(length.status().code(), Status::Code::kIoError);
}

// --- Resuming through OpenExporters ---

// Writes records 1 and 2, syncs, writes record 3 and leaves a half-written line after it, as a crash
// after the checkpoint would; then resumes at the synced length, writes record 4 and closes. Returns the
// file's text; `synced` is the length Sync returned.
std::string CrashAndResume(const TempDir& dir, const std::string& format, std::uint64_t& synced) {
  OutputConfig output;
  output.dir = dir.File("out");
  output.formats = {format};
  const std::string path = ExportPaths(output, "site").at(0);
  {
    auto exporters = OpenExporters(output, "site");
    EXPECT_TRUE(exporters.ok()) << exporters.status().ToString();
    if (!exporters.ok()) return "";
    Exporter& exporter = *(*exporters)[0];
    EXPECT_EQ(exporter.path(), path);
    EXPECT_TRUE(exporter.Write(Numbered(1)).ok());
    EXPECT_TRUE(exporter.Write(Numbered(2)).ok());
    Result<std::uint64_t> length = exporter.Sync();
    EXPECT_TRUE(length.ok()) << length.status().ToString();
    synced = length.ok() ? *length : 0;
    EXPECT_TRUE(exporter.Write(Numbered(3)).ok());
    EXPECT_TRUE(exporter.Flush().ok());
  }  // destroyed: a JSON array even gets its bracket, which the resumed run must cut off too
  Append(path, format == "csv" ? "http://127.0.0.1:8080/half,\"unterminated"
                               : "{\"url\":\"http://127.0.0.1:8080/half");
  EXPECT_GT(ReadFile(path).size(), synced + 10);

  auto resumed = OpenExporters(output, "site", {{path, synced}});
  EXPECT_TRUE(resumed.ok()) << resumed.status().ToString();
  if (!resumed.ok()) return "";
  EXPECT_EQ(ReadFile(path).size(), synced);
  EXPECT_TRUE((*resumed)[0]->Write(Numbered(4)).ok());
  EXPECT_TRUE((*resumed)[0]->Close().ok());
  return ReadFile(path);
}

// The file the same records make without a crash.
std::string WrittenWithoutACrash(const TempDir& dir, const std::string& format,
                                 const std::vector<int>& records) {
  OutputConfig output;
  output.dir = dir.File("clean");
  output.formats = {format};
  auto exporters = OpenExporters(output, "site");
  EXPECT_TRUE(exporters.ok()) << exporters.status().ToString();
  if (!exporters.ok()) return "";
  for (int n : records) EXPECT_TRUE((*exporters)[0]->Write(Numbered(n)).ok());
  EXPECT_TRUE((*exporters)[0]->Close().ok());
  return ReadFile((*exporters)[0]->path());
}

TEST(ResumeExport, JsonlGetsExactlyTheRecordsBeforeTheCheckpointAndAfterTheResume) {
  TempDir dir;
  std::uint64_t synced = 0;
  const std::string text = CrashAndResume(dir, "jsonl", synced);
  const std::vector<std::string> lines = SplitLines(text, "\n");
  ASSERT_EQ(lines.size(), 3u) << text;
  const int expected[] = {1, 2, 4};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto j = nlohmann::json::parse(lines[i], nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(j.is_object()) << lines[i];
    EXPECT_EQ(j["url"], Numbered(expected[i]).url);
    EXPECT_EQ(j["title"], Numbered(expected[i]).title);
  }
  EXPECT_EQ(text, WrittenWithoutACrash(dir, "jsonl", {1, 2, 4}));
}

TEST(ResumeExport, CsvKeepsOneHeaderAndGetsThreeRows) {
  TempDir dir;
  std::uint64_t synced = 0;
  const std::string text = CrashAndResume(dir, "csv", synced);
  const std::vector<std::string> rows = SplitLines(text, "\r\n");
  ASSERT_EQ(rows.size(), 4u) << text;
  EXPECT_EQ(rows[0].substr(0, 14), "url,final_url,");
  const int expected[] = {1, 2, 4};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(rows[i + 1].substr(0, Numbered(expected[i]).url.size() + 1), Numbered(expected[i]).url + ",")
        << rows[i + 1];
    EXPECT_NE(rows[i + 1].find("," + Numbered(expected[i]).title + ","), std::string::npos) << rows[i + 1];
  }
  EXPECT_EQ(text.find("half"), std::string::npos);
  EXPECT_EQ(text, WrittenWithoutACrash(dir, "csv", {1, 2, 4}));
}

TEST(ResumeExport, JsonIsOneValidArrayOfThreeRecords) {
  TempDir dir;
  std::uint64_t synced = 0;
  const std::string text = CrashAndResume(dir, "json", synced);
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(j.is_array()) << text;
  ASSERT_EQ(j.size(), 3u) << text;
  EXPECT_EQ(j[0]["url"], Numbered(1).url);
  EXPECT_EQ(j[1]["url"], Numbered(2).url);
  EXPECT_EQ(j[2]["url"], Numbered(4).url);
  EXPECT_EQ(text, WrittenWithoutACrash(dir, "json", {1, 2, 4}));
}

TEST(ResumeExport, JsonResumedAfterItsBracketOnlyIsAValidArray) {
  TempDir dir;
  const std::string path = dir.Write("site.json", "[\n{\"url\":\"http://127.0.0.1:8080/lost\"},\n{\"ur");
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"json"};
  {
    auto exporters = OpenExporters(output, "site", {{path, 1}});
    ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
    ASSERT_TRUE((*exporters)[0]->Write(Numbered(7)).ok());
    ASSERT_TRUE((*exporters)[0]->Close().ok());
  }
  const std::string text = ReadFile(path);
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(j.is_array()) << text;
  ASSERT_EQ(j.size(), 1u) << text;
  EXPECT_EQ(j[0]["url"], Numbered(7).url);
  EXPECT_EQ(text, WrittenWithoutACrash(dir, "json", {7}));
}

TEST(ResumeExport, JsonResumedAfterItsBracketWithNoNewRecordIsAnEmptyArray) {
  TempDir dir;
  const std::string path = dir.Write("site.json", "[\n{\"url\":\"x\"}");
  auto exporter = OpenJsonExporter(path, 1);
  ASSERT_TRUE(exporter.ok()) << exporter.status().ToString();
  ASSERT_TRUE((*exporter)->Close().ok());
  EXPECT_EQ(ReadFile(path), "[\n]\n");
}

TEST(ResumeExport, AtLengthZeroAFormatStartsItsFileAgain) {
  TempDir dir;
  for (const std::string format : {"json", "csv"}) {
    const std::string path = dir.Write("site." + format, "stale bytes");
    OutputConfig output;
    output.dir = dir.path();
    output.formats = {format};
    auto exporters = OpenExporters(output, "site", {{path, 0}});
    ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
    ASSERT_TRUE((*exporters)[0]->Write(Numbered(1)).ok());
    ASSERT_TRUE((*exporters)[0]->Close().ok());
    EXPECT_EQ(ReadFile(path), WrittenWithoutACrash(dir, format, {1})) << format;
  }
}

TEST(ResumeExport, TwoResumesInARowKeepEveryRecordOnce) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"json"};
  const std::string path = ExportPaths(output, "site").at(0);
  std::uint64_t length = 0;
  std::map<std::string, std::uint64_t> resume_at;
  for (int run = 0; run < 3; ++run) {
    auto exporters = OpenExporters(output, "site", resume_at);
    ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
    ASSERT_TRUE((*exporters)[0]->Write(Numbered(run)).ok());
    Result<std::uint64_t> synced = (*exporters)[0]->Sync();
    ASSERT_TRUE(synced.ok()) << synced.status().ToString();
    EXPECT_GT(*synced, length);
    length = *synced;
    resume_at[path] = length;
    // Each run is closed properly: its bracket is cut off by the next.
    ASSERT_TRUE((*exporters)[0]->Close().ok());
  }
  const std::string text = ReadFile(path);
  EXPECT_EQ(text, WrittenWithoutACrash(dir, "json", {0, 1, 2}));
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(j.is_array()) << text;
  EXPECT_EQ(j.size(), 3u);
}

TEST(ResumeExport, OnlyThePathsInTheMapAreResumed) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"jsonl", "csv"};
  const std::vector<std::string> paths = ExportPaths(output, "site");
  ASSERT_EQ(paths.size(), 2u);
  dir.Write("site.jsonl", "{\"kept\":1}\n{\"cut\"");
  dir.Write("site.csv", "old,file\r\n");
  auto exporters = OpenExporters(output, "site", {{paths[0], 11}, {dir.File("other.csv"), 3}});
  ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
  for (auto& exporter : *exporters) ASSERT_TRUE(exporter->Close().ok());
  EXPECT_EQ(ReadFile(paths[0]), "{\"kept\":1}\n");
  EXPECT_EQ(ReadFile(paths[1]).substr(0, 4), "url,") << "not in the map: truncated and started again";
  EXPECT_EQ(ReadFile(paths[1]).find("old,file"), std::string::npos);
}

TEST(ResumeExport, AFileShorterThanItsSavedLengthIsRefused) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"jsonl"};
  const std::string path = dir.Write("site.jsonl", "{}\n");
  auto exporters = OpenExporters(output, "site", {{path, 100}});
  ASSERT_FALSE(exporters.ok());
  EXPECT_EQ(exporters.status().code(), Status::Code::kIoError);
  EXPECT_NE(exporters.status().message().find(path), std::string::npos) << exporters.status().message();
  EXPECT_EQ(ReadFile(path), "{}\n");
}

// --- ExportPaths ---

TEST(ExportPaths, OnePathPerFormatInOrderAsOpenExportersWritesThem) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.File("out");
  output.formats = {"csv", "jsonl", "csv", "json"};
  const std::vector<std::string> paths = ExportPaths(output, "site");
  EXPECT_EQ(paths, (std::vector<std::string>{dir.File("out/site.csv"), dir.File("out/site.jsonl"),
                                             dir.File("out/site.json")}));
  EXPECT_FALSE(std::filesystem::exists(dir.File("out"))) << "ExportPaths creates nothing";
  auto exporters = OpenExporters(output, "site");
  ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
  ASSERT_EQ(exporters->size(), paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) EXPECT_EQ((*exporters)[i]->path(), paths[i]);
}

TEST(ExportPaths, AnEmptyFolderIsTheCurrentOne) {
  OutputConfig output;
  output.dir = "";
  output.formats = {"jsonl"};
  EXPECT_EQ(ExportPaths(output, "crawl"), std::vector<std::string>{"./crawl.jsonl"});
}

TEST(ExportPaths, NoFormatsNoPaths) {
  OutputConfig output;
  output.dir = "out";
  output.formats = {};
  EXPECT_TRUE(ExportPaths(output, "site").empty());
}

}  // namespace
}  // namespace arachne
