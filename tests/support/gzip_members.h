// InflateMembers: a file of gzip members (RFC 1952 section 2.2: members one after another, as a WARC file
// keeps each record in its own, ISO 28500 annex D) inflated member by member. Needs zlib linked.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace arachne::test {

// The gzip members of `file`, each inflated on its own (windowBits 15 + 16: gzip only, one member per
// inflate stream). Fails the test if a member is cut short or is not gzip, so bytes after the last member
// fail it too.
inline std::vector<std::string> InflateMembers(std::string_view file) {
  std::vector<std::string> members;
  std::size_t offset = 0;
  while (offset < file.size()) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) {
      ADD_FAILURE() << "inflateInit2 failed";
      return members;
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(file.data() + offset));
    stream.avail_in = static_cast<uInt>(file.size() - offset);
    std::string text;
    int status = Z_OK;
    while (status == Z_OK) {
      char window[16384];
      stream.next_out = reinterpret_cast<Bytef*>(window);
      stream.avail_out = sizeof window;
      status = inflate(&stream, Z_NO_FLUSH);
      text.append(window, sizeof window - stream.avail_out);
    }
    const std::size_t consumed = stream.total_in;
    inflateEnd(&stream);
    if (status != Z_STREAM_END) {
      ADD_FAILURE() << "gzip member at offset " << offset << " does not end (zlib status " << status << ")";
      return members;
    }
    // The next member begins right where this one ended: inflate stops at the member's trailer.
    offset += consumed;
    members.push_back(std::move(text));
  }
  return members;
}

}  // namespace arachne::test
