#include "export/buffered_file.h"

#include <gtest/gtest.h>

#include "tricky_record.h"

namespace arachne {
namespace {

using testing::ReadFile;
using testing::TempDir;

TEST(BufferedFile, WritesOnlyWhenFullOrFlushed) {
  TempDir dir;
  auto file = BufferedFile::Open(dir.File("f"));
  ASSERT_TRUE(file.ok());
  file->buffer() += "small";
  ASSERT_TRUE(file->WriteIfFull().ok());
  EXPECT_EQ(ReadFile(dir.File("f")), "");
  file->buffer().append(BufferedFile::kFlushBytes, 'x');
  ASSERT_TRUE(file->WriteIfFull().ok());
  EXPECT_EQ(ReadFile(dir.File("f")).size(), BufferedFile::kFlushBytes + 5);
  EXPECT_TRUE(file->buffer().empty());
  file->buffer() += "end";
  ASSERT_TRUE(file->Close().ok());
  EXPECT_EQ(ReadFile(dir.File("f")).size(), BufferedFile::kFlushBytes + 8);
  EXPECT_TRUE(file->closed());
}

TEST(BufferedFile, CheckWritableAfterCloseFails) {
  TempDir dir;
  auto file = BufferedFile::Open(dir.File("f"));
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(file->CheckWritable().ok());
  ASSERT_TRUE(file->Close().ok());
  EXPECT_EQ(file->CheckWritable().code(), Status::Code::kIoError);
  EXPECT_EQ(file->Flush().code(), Status::Code::kIoError);
  EXPECT_TRUE(file->Close().ok()) << "Close reports the file's own errors, not the calls after it";
}

TEST(BufferedFile, FirstErrorSticks) {
  auto file = BufferedFile::Open("/dev/full");
  ASSERT_TRUE(file.ok());
  file->buffer() += "data";
  const Status first = file->Flush();
  EXPECT_EQ(first.code(), Status::Code::kIoError);
  EXPECT_TRUE(file->buffer().empty()) << "unwritable data must not pile up";
  EXPECT_EQ(file->CheckWritable().message(), first.message());
  EXPECT_EQ(file->Close().message(), first.message());
}

TEST(BufferedFile, MovedFileKeepsWriting) {
  TempDir dir;
  auto opened = BufferedFile::Open(dir.File("f"));
  ASSERT_TRUE(opened.ok());
  BufferedFile file = std::move(opened).value();
  file.buffer() += "moved";
  ASSERT_TRUE(file.Close().ok());
  EXPECT_EQ(ReadFile(dir.File("f")), "moved");
}

}  // namespace
}  // namespace arachne
