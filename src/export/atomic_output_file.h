// AtomicOutputFile: an output file written through a BufferedFile under a temporary name (<path>.tmp) and
// renamed to its path once whole, so that whoever opens the path finds the old file or the whole new one,
// never a part; a failure leaves the old one as it was. WriteTextFileAtomically (common/text_file.h) does
// the same for text held in memory; this is for output written as it is produced (a merge of gigabytes).
#pragma once

#include <string>

#include "arachne/status.h"
#include "export/buffered_file.h"

namespace arachne {

class AtomicOutputFile {
 public:
  // Creates <path>.tmp (truncating a stale one).
  static Result<AtomicOutputFile> Create(const std::string& path);

  AtomicOutputFile(AtomicOutputFile&& other) noexcept;
  AtomicOutputFile& operator=(AtomicOutputFile&&) = delete;
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;
  // Removes the temporary file unless Commit succeeded.
  ~AtomicOutputFile();

  // Where the bytes go (BufferedFile::buffer, WriteIfFull).
  BufferedFile& file() { return file_; }

  // Writes the file to disk (fdatasync: a power cut after the rename must not leave an empty file at
  // `path`), closes it and renames it to `path`.
  Status Commit();

 private:
  AtomicOutputFile(std::string path, BufferedFile file) : path_(std::move(path)), file_(std::move(file)) {}

  std::string path_;
  BufferedFile file_;
  bool pending_ = true;  // the temporary file is ours to remove
};

}  // namespace arachne
