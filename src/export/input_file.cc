#include "export/input_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "common/errno_status.h"

namespace arachne {

Result<InputFile> InputFile::Open(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid() && errno == ENOENT) {
    return Status::NotFound("cannot read '" + path + "': " + std::strerror(ENOENT));
  }
  if (!fd.valid()) return ErrnoStatus("cannot read '" + path + "'");
  return InputFile(path, std::move(fd));
}

Result<bool> InputFile::Refill() {
  if (next_ < buffer_.size()) return true;
  buffer_.resize(kBlockBytes);
  next_ = 0;
  for (;;) {
    const ssize_t n = ::read(fd_.get(), buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;  // EISDIR for a folder, among others
      buffer_.clear();
      return ErrnoStatus("cannot read '" + path_ + "'", err);
    }
    buffer_.resize(static_cast<std::size_t>(n));
    return n > 0;
  }
}

Result<bool> InputFile::ReadLine(std::string& line) {
  line.clear();
  for (;;) {
    Result<bool> more = Refill();
    if (!more.ok()) return more.status();
    if (!*more) return !line.empty();
    const char* start = buffer_.data() + next_;
    const std::size_t available = buffer_.size() - next_;
    const void* newline = std::memchr(start, '\n', available);
    const std::size_t taken = newline == nullptr
                                  ? available
                                  : static_cast<std::size_t>(static_cast<const char*>(newline) - start) + 1;
    line.append(start, taken);
    next_ += taken;
    offset_ += taken;
    if (newline != nullptr) return true;
  }
}

Status InputFile::ReadBlock(std::string& block) {
  block.clear();
  Result<bool> more = Refill();
  if (!more.ok()) return more.status();
  block.assign(buffer_, next_, std::string::npos);
  offset_ += block.size();
  next_ = buffer_.size();
  return Status::Ok();
}

}  // namespace arachne
