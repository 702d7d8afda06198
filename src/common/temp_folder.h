// TempFolder: a folder of its own under the system's temporary folder ($TMPDIR, else /tmp), removed with
// everything in it when the TempFolder is destroyed.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "arachne/status.h"
#include "common/errno_status.h"

namespace arachne {

class TempFolder {
 public:
  // Creates <temp>/<prefix>XXXXXX.
  static Result<TempFolder> Create(const std::string& prefix) {
    std::error_code error;
    const std::filesystem::path base = std::filesystem::temp_directory_path(error);
    if (error) return Status::IoError("no temporary folder: " + error.message());
    std::string pattern = (base / (prefix + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) return ErrnoStatus("cannot create a folder in " + base.string());
    return TempFolder(std::move(pattern));
  }

  TempFolder(TempFolder&& other) noexcept : path_(std::exchange(other.path_, std::string())) {}
  TempFolder& operator=(TempFolder&& other) noexcept {
    if (this != &other) {
      Remove();
      path_ = std::exchange(other.path_, std::string());
    }
    return *this;
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder() { Remove(); }

  const std::string& path() const { return path_; }

 private:
  explicit TempFolder(std::string path) : path_(std::move(path)) {}
  void Remove() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
    path_.clear();
  }

  std::string path_;
};

}  // namespace arachne
