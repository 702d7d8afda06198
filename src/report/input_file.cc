#include "report/input_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/unique_fd.h"

namespace arachne::report {

namespace {

Status ReadError(const std::string& path, int err) {
  std::string message = path + ": cannot read: " + std::strerror(err);
  if (err == ENOENT) return Status::NotFound(std::move(message));
  return Status::IoError(std::move(message));
}

}  // namespace

Result<std::string> ReadInputFile(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ReadError(path, errno);
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) return text;
    if (n < 0) {
      if (errno == EINTR) continue;
      return ReadError(path, errno);
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace arachne::report
