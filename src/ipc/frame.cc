#include "ipc/frame.h"

namespace arachne {

namespace {
void PutLength(char* at, std::uint32_t n) {
  for (int i = 0; i < 4; ++i) at[i] = static_cast<char>((n >> (8 * i)) & 0xff);
}
std::uint32_t GetLength(const char* at) {
  std::uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(at[i])) << (8 * i);
  return n;
}
}  // namespace

void AppendFrame(std::string& out, std::string_view payload) {
  std::size_t begin = BeginFrame(out);
  out.append(payload);
  FinishFrame(out, begin);
}

std::size_t BeginFrame(std::string& out) {
  std::size_t begin = out.size();
  out.append(4, '\0');
  return begin;
}

void FinishFrame(std::string& out, std::size_t begin) {
  PutLength(out.data() + begin, static_cast<std::uint32_t>(out.size() - begin - 4));
}

Result<std::optional<std::string_view>> FrameReader::Next() {
  // Compact lazily: only once the consumed prefix is large, so a burst of small frames costs no memmove each.
  if (consumed_ > 0 && (consumed_ == buffer_.size() || consumed_ > (1u << 20))) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  if (buffer_.size() - consumed_ < 4) return std::optional<std::string_view>();
  std::uint32_t length = GetLength(buffer_.data() + consumed_);
  if (length > kMaxFrameBytes || length == 0) {
    return Status::ProtocolError("frame of " + std::to_string(length) + " bytes (limit " +
                                 std::to_string(kMaxFrameBytes) + ", at least 1)");
  }
  if (buffer_.size() - consumed_ - 4 < length) return std::optional<std::string_view>();
  std::string_view payload(buffer_.data() + consumed_ + 4, length);
  consumed_ += 4 + length;
  return std::optional<std::string_view>(payload);
}

}  // namespace arachne
