#include "export/exporters.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tricky_record.h"

namespace arachne {
namespace {

using testing::TempDir;

TEST(OpenExporters, CreatesTheFolderAndOneFilePerFormat) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.File("nested/out");
  output.formats = {"jsonl", "csv", "json"};
  auto exporters = OpenExporters(output, "site");
  ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
  ASSERT_EQ(exporters->size(), 3u);
  EXPECT_EQ((*exporters)[0]->path(), dir.File("nested/out/site.jsonl"));
  EXPECT_EQ((*exporters)[1]->path(), dir.File("nested/out/site.csv"));
  EXPECT_EQ((*exporters)[2]->path(), dir.File("nested/out/site.json"));
  for (auto& exporter : *exporters) {
    EXPECT_TRUE(exporter->Write(Record{}).ok());
    EXPECT_TRUE(exporter->Close().ok());
    EXPECT_TRUE(std::filesystem::is_regular_file(exporter->path()));
  }
}

TEST(OpenExporters, ExistingFolderAndFilesAreReused) {
  TempDir dir;
  std::ofstream(dir.File("site.jsonl")) << "old content\n";
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"jsonl"};
  auto exporters = OpenExporters(output, "site");
  ASSERT_TRUE(exporters.ok()) << exporters.status().ToString();
  ASSERT_TRUE((*exporters)[0]->Close().ok());
  EXPECT_EQ(testing::ReadFile(dir.File("site.jsonl")), "") << "an old file must be truncated";
}

TEST(OpenExporters, UnknownFormatIsRefusedBeforeAnythingIsCreated) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.File("out");
  output.formats = {"jsonl", "xml"};
  auto exporters = OpenExporters(output, "site");
  ASSERT_FALSE(exporters.ok());
  EXPECT_EQ(exporters.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(exporters.status().message().find("'xml'"), std::string::npos) << exporters.status().message();
  EXPECT_FALSE(std::filesystem::exists(dir.File("out")));
}

TEST(OpenExporters, FormatsAreCaseSensitive) {
  OutputConfig output;
  output.formats = {"CSV"};
  EXPECT_EQ(OpenExporters(output, "site").status().code(), Status::Code::kInvalidArgument);
}

TEST(OpenExporters, NoFormatsOpenNothing) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.File("out");
  output.formats = {};
  auto exporters = OpenExporters(output, "site");
  ASSERT_TRUE(exporters.ok());
  EXPECT_TRUE(exporters->empty());
  EXPECT_FALSE(std::filesystem::exists(dir.File("out")));
}

TEST(OpenExporters, AFormatListedTwiceGetsOneFile) {
  TempDir dir;
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"csv", "csv"};
  auto exporters = OpenExporters(output, "site");
  ASSERT_TRUE(exporters.ok());
  EXPECT_EQ(exporters->size(), 1u);
}

// Running as root defeats permission bits, so the unwritable folder is one below a regular file.
TEST(OpenExporters, UnwritableFolderGivesAClearError) {
  TempDir dir;
  std::ofstream(dir.File("file")) << "x";
  OutputConfig output;
  output.dir = dir.File("file/out");
  auto exporters = OpenExporters(output, "site");
  ASSERT_FALSE(exporters.ok());
  EXPECT_EQ(exporters.status().code(), Status::Code::kIoError);
  EXPECT_NE(exporters.status().message().find("cannot create output folder '" + output.dir + "'"),
            std::string::npos)
      << exporters.status().message();
}

TEST(OpenExporters, FolderThatIsAFileGivesAClearError) {
  TempDir dir;
  std::ofstream(dir.File("file")) << "x";
  OutputConfig output;
  output.dir = dir.File("file");
  auto exporters = OpenExporters(output, "site");
  ASSERT_FALSE(exporters.ok());
  EXPECT_EQ(exporters.status().code(), Status::Code::kIoError);
  EXPECT_NE(exporters.status().message().find(output.dir), std::string::npos) << exporters.status().message();
}

TEST(OpenExporters, UnopenableFileGivesAClearError) {
  TempDir dir;
  std::filesystem::create_directory(dir.File("site.csv"));  // a folder where the file should go
  OutputConfig output;
  output.dir = dir.path();
  output.formats = {"csv"};
  auto exporters = OpenExporters(output, "site");
  ASSERT_FALSE(exporters.ok());
  EXPECT_EQ(exporters.status().code(), Status::Code::kIoError);
  EXPECT_NE(exporters.status().message().find("site.csv"), std::string::npos) << exporters.status().message();
}

TEST(OpenExporters, NameMustBeAPlainFileName) {
  OutputConfig output;
  for (const std::string name : {"", ".", "..", "a/b", "../up"}) {
    auto exporters = OpenExporters(output, name);
    ASSERT_FALSE(exporters.ok()) << name;
    EXPECT_EQ(exporters.status().code(), Status::Code::kInvalidArgument) << name;
  }
}

}  // namespace
}  // namespace arachne
