// Test helpers for the exporters: a Record full of values that are hard to export, and what they must
// come back as.
#pragma once

#include <string>

#include "arachne/record.h"
#include "support/temp_dir.h"

namespace arachne::testing {

using test::ReadFile;
using test::TempDir;

// Quotes, commas, line breaks, control characters, non-ASCII text and ill-formed UTF-8.
inline Record TrickyRecord() {
  Record r;
  r.url = "http://127.0.0.1:8080/a,b?q=\"x\"";
  r.final_url = "http://127.0.0.1:8080/caf\xC3\xA9";
  r.redirects = {"http://127.0.0.1:8080/r,1", "http://127.0.0.1:8080/r\"2"};
  r.status = 404;
  r.depth = 3;
  r.referrer = "http://127.0.0.1:8080/";
  r.content_type = "text/html; charset=\"utf-8\"";
  r.bytes = 18446744073709551615ull;
  r.truncated = true;
  r.charset = "windows-1252";
  r.retries = 2;
  r.fetch_ms = 12.34;
  r.title = "Line one\nline two\r\nthree, \"quoted\"";
  r.description = std::string("ctl \x01\x1f\x7f tab\t nul \0 end", 22);
  r.canonical = "http://127.0.0.1:8080/\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80";
  r.robots = "noindex, \"nofollow\"";
  r.links = 42;
  r.error = "bad \xC3\x28 utf8 \xFF\xFE \xED\xA0\x80";
  return r;
}

// TrickyRecord's strings as they must come back: ill-formed UTF-8 replaced by U+FFFD.
inline const char kTrickyErrorSanitized[] =
    "bad \xEF\xBF\xBD( utf8 \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";

}  // namespace arachne::testing
