#include "common/text_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace arachne {
namespace {

using test::TempDir;

TEST(ReadTextFile, ReadsTheWholeFile) {
  TempDir dir;
  // Longer than one read and with a NUL byte, which must not end the text.
  const std::string text = std::string(200000, 'a') + std::string("\0end", 4);
  Result<std::string> read = ReadTextFile(dir.Write("big.txt", text));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, text);
  Result<std::string> empty = ReadTextFile(dir.Write("empty.txt", ""));
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(*empty, "");
}

TEST(ReadTextFile, NamesTheFileThatCannotBeRead) {
  TempDir dir;
  Result<std::string> missing = ReadTextFile(dir.File("none"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.status().message(), "cannot read '" + dir.File("none") + "': No such file or directory");
  Result<std::string> folder = ReadTextFile(dir.path());
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().code(), Status::Code::kIoError);
  EXPECT_EQ(folder.status().message(), "cannot read '" + dir.path() + "': Is a directory");
}

TEST(ReadTextFile, TheCallerMayWordTheFailure) {
  TempDir dir;
  Result<std::string> missing = ReadTextFile(dir.File("none"), "none: cannot read");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.status().message(), "none: cannot read: No such file or directory");
  Result<std::string> read = ReadTextFile(dir.Write("a.txt", "text"), "a.txt: cannot read");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, "text");
}

TEST(WriteTextFileAtomically, ReplacesTheFileWhole) {
  test::TempDir dir;
  const std::string path = dir.File("s.json");
  ASSERT_TRUE(WriteTextFileAtomically(path, "first").ok());
  ASSERT_TRUE(WriteTextFileAtomically(path, "second").ok());
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "second");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  const Status s = WriteTextFileAtomically(dir.File("missing/s.json"), "x");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("missing/s.json.tmp"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace arachne
