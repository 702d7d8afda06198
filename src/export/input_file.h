// InputFile: a file read front to back, a line or a block at a time, for readers of files too big to hold
// whole (a crawl's outputs, merged by record_merge.h).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "arachne/status.h"
#include "common/unique_fd.h"

namespace arachne {

class InputFile {
 public:
  static constexpr std::size_t kBlockBytes = 64 * 1024;

  // NotFound when `path` does not exist, IoError for any other failure; the message names the file.
  static Result<InputFile> Open(const std::string& path);

  // The next line into `line`, with its '\n' if it has one (a file's last line may not); false, and
  // `line` empty, at the end of the file.
  Result<bool> ReadLine(std::string& line);
  // The next bytes into `block`, at most kBlockBytes; empty at the end of the file.
  Status ReadBlock(std::string& block);

  // Bytes handed out so far: the offset of the next line or block.
  std::uint64_t offset() const { return offset_; }
  const std::string& path() const { return path_; }

 private:
  InputFile(std::string path, UniqueFd fd) : path_(std::move(path)), fd_(std::move(fd)) {}
  // Reads more of the file into buffer_ once it is used up; false at the end of the file.
  Result<bool> Refill();

  std::string path_;
  UniqueFd fd_;
  std::string buffer_;
  std::size_t next_ = 0;  // first byte of buffer_ not handed out
  std::uint64_t offset_ = 0;
};

}  // namespace arachne
