// WireWriter / WireReader: the compact binary encoding of messages between Arachne's processes.
//
// Integers are LEB128 varints, strings are a varint length then bytes, doubles are 8 raw bytes (both ends
// run on the same machine). The reader never trusts its input: every read is bounds-checked and a
// truncated or oversized field makes ok() false instead of reading past the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace arachne {

class WireWriter {
 public:
  explicit WireWriter(std::string& out) : out_(out) {}

  void U64(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void I64(std::int64_t v) { U64((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
  void Bool(bool v) { out_.push_back(v ? 1 : 0); }
  void Double(double v) {
    char bytes[sizeof v];
    std::memcpy(bytes, &v, sizeof v);
    out_.append(bytes, sizeof v);
  }
  void String(std::string_view s) {
    U64(s.size());
    out_.append(s);
  }

 private:
  std::string& out_;
};

class WireReader {
 public:
  explicit WireReader(std::string_view in) : in_(in) {}

  bool U64(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Fail();
      auto byte = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return true;
    }
    return Fail();
  }
  bool I64(std::int64_t& v) {
    std::uint64_t u;
    if (!U64(u)) return false;
    v = static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
    return true;
  }
  bool Int(int& v) {
    std::int64_t wide;
    if (!I64(wide) || wide < INT32_MIN || wide > INT32_MAX) return Fail();
    v = static_cast<int>(wide);
    return true;
  }
  bool Bool(bool& v) {
    if (pos_ >= in_.size() || static_cast<unsigned char>(in_[pos_]) > 1) return Fail();
    v = in_[pos_++] == 1;
    return true;
  }
  bool Double(double& v) {
    if (in_.size() - pos_ < sizeof v) return Fail();
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  bool String(std::string& s) {
    std::uint64_t n;
    if (!U64(n) || n > in_.size() - pos_) return Fail();
    s.assign(in_.data() + pos_, n);
    pos_ += n;
    return true;
  }

  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }

  // Marks the input malformed (a value out of range that only the caller can judge).
  bool Fail() {
    ok_ = false;
    pos_ = in_.size();
    return false;
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace arachne
