// FileExporter: the part every file format shares: a buffered file that Flush and Close pass on to.
// A format derives from it, writes its records into file_.buffer(), and is opened by OpenFileExporter.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "export/buffered_file.h"
#include "export/exporter.h"

namespace arachne {

class FileExporter : public Exporter {
 public:
  explicit FileExporter(BufferedFile file) : file_(std::move(file)) {}
  Status Flush() override { return file_.Flush(); }
  // A format's closing part is written by its Close only, so the file's length is the one to resume at.
  Result<std::uint64_t> Sync() override {
    if (Status s = file_.Sync(); !s.ok()) return s;
    return file_.size();
  }
  Status Close() override { return file_.Close(); }
  const std::string& path() const override { return file_.path(); }

 protected:
  BufferedFile file_;
};

// Creates `path` and the exporter of format `Format` (a FileExporter) writing to it; with `resume_at`, opens
// it to go on at that length (what Sync returned), cutting off anything after. A Format starts its file
// (a CSV header, a JSON array's bracket) only when the file is empty.
// `args` follow the file in Format's constructor.
template <typename Format, typename... Args>
Result<std::unique_ptr<Exporter>> OpenFileExporter(const std::string& path, std::optional<std::uint64_t> resume_at,
                                                   const Args&... args) {
  Result<BufferedFile> file = resume_at ? BufferedFile::Reopen(path, *resume_at) : BufferedFile::Open(path);
  if (!file.ok()) return file.status();
  return std::unique_ptr<Exporter>(std::make_unique<Format>(std::move(file).value(), args...));
}

}  // namespace arachne
