#include "common/text_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/errno_status.h"
#include "common/unique_fd.h"

namespace arachne {

namespace {

Status ReadError(const std::string& failure, int err) {
  std::string message = failure + ": " + std::strerror(err);
  if (err == ENOENT) return Status::NotFound(std::move(message));
  return Status::IoError(std::move(message));
}

}  // namespace

Result<std::string> ReadTextFile(const std::string& path) {
  return ReadTextFile(path, "cannot read '" + path + "'");
}

Result<std::string> ReadTextFile(const std::string& path, const std::string& failure) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return ReadError(failure, errno);
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return ReadError(failure, errno);  // EISDIR for a folder, among others
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

Status WriteTextFileAtomically(const std::string& path, std::string_view text) {
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "w");
  if (file == nullptr) return ErrnoStatus("cannot write " + temporary);
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed) {
    Status s = ErrnoStatus("cannot write " + temporary);
    std::remove(temporary.c_str());
    return s;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) return ErrnoStatus("cannot rename " + temporary + " to " + path);
  return Status::Ok();
}

}  // namespace arachne
