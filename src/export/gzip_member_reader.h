// GzipMemberReader: a file of gzip members (RFC 1952 section 2.2: members one after another) read a member
// at a time, each handed out as its compressed bytes, untouched; as a .warc.gz holds one WARC record a member
// (ISO 28500:2017 annex D.2), so that the archives of several nodes can be joined record by record without
// compressing anything again (warc_merge.h). Each member is inflated only to find where it ends.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "arachne/status.h"
#include "export/input_file.h"
#include "export/record_reader.h"

namespace arachne {

class GzipMemberReader {
 public:
  // Bytes of each member's inflated start kept in head(): more than a WARC record's header needs.
  static constexpr std::size_t kHeadBytes = 8 * 1024;

  static Result<std::unique_ptr<GzipMemberReader>> Open(const std::string& path);
  ~GzipMemberReader();
  GzipMemberReader(const GzipMemberReader&) = delete;
  GzipMemberReader& operator=(const GzipMemberReader&) = delete;

  // The next whole member: true, with member() and head() set; false after the last one, and then cut()
  // tells whether the file ends in a member cut short. InvalidArgument naming the file and byte for bytes
  // that are not gzip (damage, or not an archive).
  Result<bool> Next();

  // The member's compressed bytes, as in the file.
  const std::string& member() const { return member_; }
  // The first kHeadBytes (or fewer) of what it inflates to.
  const std::string& head() const { return head_; }
  const std::optional<CutTail>& cut() const { return cut_; }
  const std::string& path() const { return file_.path(); }

 private:
  explicit GzipMemberReader(InputFile file) : file_(std::move(file)) {}
  // Inflates what is left of block_ into the current member; true once the member ends.
  Result<bool> Inflate();

  InputFile file_;
  z_stream stream_{};
  bool stream_ready_ = false;  // inflateInit2 succeeded: inflateEnd is due
  std::string block_;
  std::size_t next_ = 0;        // the first byte of block_ not yet inflated
  std::uint64_t consumed_ = 0;  // bytes of the file inflated so far: where the next member starts
  std::string member_;
  std::string head_;
  std::optional<CutTail> cut_;
};

}  // namespace arachne
