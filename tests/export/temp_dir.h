// Test helpers for the exporters: a temporary folder removed at the end of the test, reading a file
// back, and a Record full of values that are hard to export.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "arachne/record.h"

namespace arachne::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "arachne-export-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Quotes, commas, line breaks, control characters, non-ASCII text and ill-formed UTF-8.
inline Record TrickyRecord() {
  Record r;
  r.url = "http://127.0.0.1:8080/a,b?q=\"x\"";
  r.final_url = "http://127.0.0.1:8080/caf\xC3\xA9";
  r.status = 404;
  r.depth = 3;
  r.referrer = "http://127.0.0.1:8080/";
  r.content_type = "text/html; charset=\"utf-8\"";
  r.bytes = 18446744073709551615ull;
  r.fetch_ms = 12.34;
  r.title = "Line one\nline two\r\nthree, \"quoted\"";
  r.description = std::string("ctl \x01\x1f\x7f tab\t nul \0 end", 22);
  r.canonical = "http://127.0.0.1:8080/\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80";
  r.links = 42;
  r.error = "bad \xC3\x28 utf8 \xFF\xFE \xED\xA0\x80";
  return r;
}

// TrickyRecord's strings as they must come back: ill-formed UTF-8 replaced by U+FFFD.
inline const char kTrickyErrorSanitized[] =
    "bad \xEF\xBF\xBD( utf8 \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";

}  // namespace arachne::testing
