#include "report/input_file.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace arachne::report {
namespace {

TEST(ReadInputFile, ReadsTheWholeFile) {
  arachne::test::TempDir dir;
  const std::string text = std::string(200000, 'a') + std::string("\0end", 4);
  Result<std::string> read = ReadInputFile(dir.Write("big.json", text));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, text);
}

TEST(ReadInputFile, NamesTheFileThatCannotBeRead) {
  arachne::test::TempDir dir;
  Result<std::string> missing = ReadInputFile(dir.File("none"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.status().message(), dir.File("none") + ": cannot read: No such file or directory");
  Result<std::string> folder = ReadInputFile(dir.path());
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().code(), Status::Code::kIoError);
  EXPECT_EQ(folder.status().message(), dir.path() + ": cannot read: Is a directory");
}

}  // namespace
}  // namespace arachne::report
