// BufferedFile: an output file written through one large buffer, for exporters in the coordinator's hot
// loop. Callers append bytes to buffer() and call WriteIfFull(); a system call happens only when the
// buffer passes kFlushBytes, on Flush() and on Close().
#pragma once

#include <cstdint>
#include <string>

#include "arachne/status.h"
#include "common/unique_fd.h"

namespace arachne {

class BufferedFile {
 public:
  // Large enough that a write(2) costs little per record, small enough that a tail sees data soon.
  static constexpr std::size_t kFlushBytes = 64 * 1024;

  // Creates `path`, or truncates it if it exists.
  static Result<BufferedFile> Open(const std::string& path);
  // Opens `path` to go on writing at byte `length`: what follows is cut off. Fails if the file is shorter
  // (someone changed it since it was written).
  static Result<BufferedFile> Reopen(const std::string& path, std::uint64_t length);

  BufferedFile(BufferedFile&&) noexcept = default;
  BufferedFile& operator=(BufferedFile&&) noexcept = default;
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;
  // Writes what is buffered (best effort) and closes the file.
  ~BufferedFile();

  // Bytes appended here are written by the next WriteIfFull, Flush or Close.
  std::string& buffer() { return buffer_; }

  // OK while the file is open and no write has failed; call before appending to buffer().
  Status CheckWritable() const {
    if (!status_.ok()) return status_;
    if (!fd_.valid()) return Status::IoError("output file '" + path_ + "' is already closed");
    return status_;
  }

  // Writes the buffer out if it holds kFlushBytes or more. The first failure sticks: later calls return it.
  Status WriteIfFull() { return buffer_.size() >= kFlushBytes ? Flush() : status_; }
  Status Flush();
  // Flushes, and waits until the file's data is on disk (fdatasync); the first time, its folder's entry
  // for it too, so that a power cut cannot take away a file created since.
  Status Sync();
  // Flushes and closes; returns the first error of the file's life. Idempotent.
  Status Close();

  bool closed() const { return !fd_.valid(); }
  // The file's length once the buffer is written.
  std::uint64_t size() const { return written_ + buffer_.size(); }
  const std::string& path() const { return path_; }

 private:
  BufferedFile(std::string path, UniqueFd fd, std::uint64_t written);

  std::string path_;
  UniqueFd fd_;
  std::string buffer_;
  std::uint64_t written_ = 0;  // bytes in the file
  bool folder_synced_ = false;
  Status status_;
};

}  // namespace arachne
