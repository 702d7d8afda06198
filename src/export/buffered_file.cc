#include "export/buffered_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <utility>

#include "common/errno_status.h"

namespace arachne {

Result<BufferedFile> BufferedFile::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus("cannot open output file '" + path + "' for writing");
  return BufferedFile(path, UniqueFd(fd), 0);
}

Result<BufferedFile> BufferedFile::Reopen(const std::string& path, std::uint64_t length) {
  // A file that should hold bytes already is not created again: gone, it is an error like a shorter one.
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC | (length == 0 ? O_CREAT : 0), 0644));
  if (!fd.valid() && errno == ENOENT) {
    return Status::IoError("output file '" + path + "' is gone, and the crawl had written " +
                           std::to_string(length) + " bytes to it: restore it, or start the crawl afresh " +
                           "with a new job folder");
  }
  if (!fd.valid()) return ErrnoStatus("cannot open output file '" + path + "' for writing");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus("cannot read the length of output file '" + path + "'");
  if (static_cast<std::uint64_t>(st.st_size) < length) {
    return Status::IoError("output file '" + path + "' has " + std::to_string(st.st_size) +
                           " bytes, fewer than the " + std::to_string(length) +
                           " the crawl had written: it was changed since; restore it, or start the crawl afresh " +
                           "with a new job folder");
  }
  if (::ftruncate(fd.get(), static_cast<off_t>(length)) != 0 ||
      ::lseek(fd.get(), static_cast<off_t>(length), SEEK_SET) < 0) {
    return ErrnoStatus("cannot cut output file '" + path + "' back to " + std::to_string(length) + " bytes");
  }
  return BufferedFile(path, std::move(fd), length);
}

BufferedFile::BufferedFile(std::string path, UniqueFd fd, std::uint64_t written)
    : path_(std::move(path)), fd_(std::move(fd)), written_(written) {
  buffer_.reserve(kFlushBytes + kFlushBytes / 4);
}

BufferedFile::~BufferedFile() {
  (void)Close();
}

Status BufferedFile::Flush() {
  if (!status_.ok()) return status_;
  if (!fd_.valid()) return Status::IoError("output file '" + path_ + "' is already closed");
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_.get(), buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      // A short write of 0 bytes cannot make progress either; report it like the error it stands for.
      status_ = ErrnoStatus("cannot write output file '" + path_ + "'", n < 0 ? errno : EIO);
      // The data cannot be written; keeping it would only grow the buffer without bound.
      buffer_.clear();
      return status_;
    }
    done += static_cast<std::size_t>(n);
    written_ += static_cast<std::uint64_t>(n);
  }
  buffer_.clear();
  return status_;
}

Status BufferedFile::Sync() {
  if (Status s = Flush(); !s.ok()) return s;
  if (::fdatasync(fd_.get()) != 0) {
    status_ = ErrnoStatus("cannot write output file '" + path_ + "' to disk");
    return status_;
  }
  if (!folder_synced_) {
    const std::filesystem::path folder = std::filesystem::path(path_).parent_path();
    UniqueFd dir(::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid() || ::fsync(dir.get()) != 0) {
      status_ = ErrnoStatus("cannot write the folder of output file '" + path_ + "' to disk");
      return status_;
    }
    folder_synced_ = true;
  }
  return status_;
}

Status BufferedFile::Close() {
  if (!fd_.valid()) return status_;
  (void)Flush();
  // close(2) can report a deferred write error (NFS, some FUSE file systems), so its result counts.
  if (::close(fd_.release()) != 0 && status_.ok()) {
    status_ = ErrnoStatus("cannot close output file '" + path_ + "'");
  }
  return status_;
}

}  // namespace arachne
