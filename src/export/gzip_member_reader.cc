#include "export/gzip_member_reader.h"

#include <algorithm>
#include <utility>

namespace arachne {

Result<std::unique_ptr<GzipMemberReader>> GzipMemberReader::Open(const std::string& path) {
  Result<InputFile> file = InputFile::Open(path);
  if (!file.ok()) return file.status();
  std::unique_ptr<GzipMemberReader> reader(new GzipMemberReader(std::move(file).value()));
  // windowBits 15 + 16: gzip members only (no zlib or raw deflate), one member per stream: inflate stops
  // at the member's trailer, so that where it stopped is where the next member starts.
  if (inflateInit2(&reader->stream_, 15 + 16) != Z_OK) return Status::Internal("inflateInit2 failed");
  reader->stream_ready_ = true;
  return reader;
}

GzipMemberReader::~GzipMemberReader() {
  if (stream_ready_) inflateEnd(&stream_);
}

Result<bool> GzipMemberReader::Next() {
  member_.clear();
  head_.clear();
  inflateReset(&stream_);
  for (;;) {
    if (next_ == block_.size()) {
      if (Status s = file_.ReadBlock(block_); !s.ok()) return s;
      next_ = 0;
      if (block_.empty()) break;
    }
    Result<bool> ended = Inflate();
    if (!ended.ok() || *ended) return ended;
  }
  // The writer appends whole members, so a member without its end (the trailer's CRC and length, RFC 1952
  // section 2.2) was cut short.
  if (!member_.empty())
    cut_ = CutTail{consumed_ - member_.size(), member_.size(), "an incomplete gzip member"};
  return false;
}

Result<bool> GzipMemberReader::Inflate() {
  char window[16384];
  for (;;) {
    const std::size_t available = block_.size() - next_;
    stream_.next_in = reinterpret_cast<Bytef*>(block_.data() + next_);
    stream_.avail_in = static_cast<uInt>(available);
    stream_.next_out = reinterpret_cast<Bytef*>(window);
    stream_.avail_out = sizeof window;
    const int status = inflate(&stream_, Z_NO_FLUSH);
    const std::size_t used = available - stream_.avail_in;
    member_.append(block_, next_, used);
    next_ += used;
    consumed_ += used;
    const std::size_t produced = sizeof window - stream_.avail_out;
    head_.append(window, std::min(produced, kHeadBytes - head_.size()));
    if (status == Z_STREAM_END) return true;
    // With input and room for output inflate always moves on: standing still is an error too.
    const bool stuck = used == 0 && produced == 0 && next_ < block_.size();
    if ((status != Z_OK && status != Z_BUF_ERROR) || stuck) {
      return Status::InvalidArgument(
          path() + ": the gzip member at byte " + std::to_string(consumed_ - member_.size()) +
          " is damaged (" + (stream_.msg != nullptr ? stream_.msg : "inflate made no progress") + ")");
    }
    if (next_ == block_.size()) return false;  // the member goes on in the next block
  }
}

}  // namespace arachne
