// FileExporter: the part every file format shares: a buffered file that Flush and Close pass on to.
// A format derives from it, writes its records into file_.buffer(), and is opened by OpenFileExporter.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "export/buffered_file.h"
#include "export/exporter.h"

namespace arachne {

class FileExporter : public Exporter {
 public:
  explicit FileExporter(BufferedFile file) : file_(std::move(file)) {}
  Status Flush() override { return file_.Flush(); }
  Status Close() override { return file_.Close(); }
  const std::string& path() const override { return file_.path(); }

 protected:
  BufferedFile file_;
};

// Creates `path` and the exporter of format `Format` (a FileExporter) writing to it.
template <typename Format>
Result<std::unique_ptr<Exporter>> OpenFileExporter(const std::string& path) {
  Result<BufferedFile> file = BufferedFile::Open(path);
  if (!file.ok()) return file.status();
  return std::unique_ptr<Exporter>(std::make_unique<Format>(std::move(file).value()));
}

}  // namespace arachne
