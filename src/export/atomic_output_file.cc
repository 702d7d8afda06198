#include "export/atomic_output_file.h"

#include <cstdio>
#include <utility>

#include "common/errno_status.h"

namespace arachne {

namespace {

std::string TemporaryPath(const std::string& path) {
  return path + ".tmp";
}

}  // namespace

Result<AtomicOutputFile> AtomicOutputFile::Create(const std::string& path) {
  Result<BufferedFile> file = BufferedFile::Open(TemporaryPath(path));
  if (!file.ok()) return file.status();
  return AtomicOutputFile(path, std::move(file).value());
}

AtomicOutputFile::AtomicOutputFile(AtomicOutputFile&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::move(other.file_)),
      pending_(std::exchange(other.pending_, false)) {}

AtomicOutputFile::~AtomicOutputFile() {
  if (!pending_) return;
  (void)file_.Close();
  std::remove(TemporaryPath(path_).c_str());
}

Status AtomicOutputFile::Commit() {
  if (Status s = file_.Sync(); !s.ok()) return s;
  if (Status s = file_.Close(); !s.ok()) return s;
  const std::string temporary = TemporaryPath(path_);
  if (std::rename(temporary.c_str(), path_.c_str()) != 0) {
    return ErrnoStatus("cannot rename " + temporary + " to " + path_);
  }
  pending_ = false;
  return Status::Ok();
}

}  // namespace arachne
