// `arachne merge`: two nodes' files merged by the built command; what it prints and its exit status.
#include "cli/merge_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/cli_run.h"

namespace arachne {
namespace {

using test::CliRun;
using test::ReadFile;
using test::RunCli;
using test::TempDir;

TEST(MergeCommand, MergesTwoNodesFilesAndSaysWhatItDid) {
  TempDir dir;
  const std::string a =
      dir.Write("output/site.node-a.jsonl",
                "{\"url\":\"http://h/a\",\"status\":200}\n{\"url\":\"http://h/b\",\"status\":200}\n");
  const std::string b =
      dir.Write("output/site.node-b.jsonl",
                "{\"url\":\"http://h/b\",\"status\":404}\n{\"url\":\"http://h/c\",\"status\":200}\n");
  const std::string out = dir.File("output/site.jsonl");
  CliRun run = RunCli({"merge", "-o", out, a, b}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.out, "merged 2 files: 3 records, 1 duplicate dropped -> " + out + "\n");
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(ReadFile(out),
            "{\"url\":\"http://h/a\",\"status\":200}\n{\"url\":\"http://h/b\",\"status\":200}\n"
            "{\"url\":\"http://h/c\",\"status\":200}\n");
}

TEST(MergeCommand, AFileCutShortIsAWarning) {
  TempDir dir;
  const std::string a = dir.Write("a.csv", "url,status\r\nhttp://h/a,200\r\n");
  const std::string b = dir.Write("b.csv", "url,status\r\nhttp://h/b,200\r\nhttp://h/c,2");
  const std::string out = dir.File("out.csv");
  CliRun run = RunCli({"merge", "--out", out, a, b}, dir);
  ASSERT_EQ(run.exit_status, 0) << run.err;
  EXPECT_EQ(run.out, "merged 2 files: 2 records, 0 duplicates dropped -> " + out + "\n");
  EXPECT_EQ(run.err, "arachne merge: warning: " + b +
                         ": cut short at byte 28 (an incomplete row, 12 bytes skipped); 1 record read\n");
  EXPECT_EQ(ReadFile(out), "url,status\r\nhttp://h/a,200\r\nhttp://h/b,200\r\n");
}

TEST(MergeCommand, ErrorsAreExitStatusOneAndWriteNothing) {
  TempDir dir;
  const std::string a = dir.Write("a.jsonl", "{\"url\":\"http://h/a\"}\n");
  const std::string b = dir.Write("b.json", "[\n]\n");
  CliRun mixed = RunCli({"merge", "-o", dir.File("out.jsonl"), a, b}, dir);
  EXPECT_EQ(mixed.exit_status, 1);
  EXPECT_EQ(mixed.err.rfind("arachne merge: '" + b + "' is JSON (.json) but", 0), 0u) << mixed.err;
  EXPECT_EQ(mixed.out, "");
  EXPECT_FALSE(std::filesystem::exists(dir.File("out.jsonl")));

  CliRun over = RunCli({"merge", "-o", a, a}, dir);
  EXPECT_EQ(over.exit_status, 1);
  EXPECT_EQ(over.err,
            "arachne merge: the output '" + a + "' is also an input: write the merge to a new file\n");
  EXPECT_EQ(ReadFile(a), "{\"url\":\"http://h/a\"}\n");

  // A usage error, as for every command: no output named, or no input.
  EXPECT_EQ(RunCli({"merge", a}, dir).exit_status, 2);
  EXPECT_EQ(RunCli({"merge", "-o", dir.File("out.jsonl")}, dir).exit_status, 2);
}

TEST(MergeCommand, TheLineCountsInTheSingularToo) {
  MergeSummary summary;
  summary.inputs.resize(1);
  summary.records_written = 1;
  summary.duplicates_dropped = 0;
  EXPECT_EQ(FormatMergeLine(summary, "o.json"), "merged 1 file: 1 record, 0 duplicates dropped -> o.json");
  MergedInput input;
  input.path = "x.json";
  EXPECT_EQ(FormatCutWarning(input), "");
  input.records = 2;
  input.cut = CutTail{7, 1, "the JSON array is not closed"};
  EXPECT_EQ(FormatCutWarning(input),
            "x.json: cut short at byte 7 (the JSON array is not closed, 1 byte skipped); "
            "2 records read");
}

}  // namespace
}  // namespace arachne
